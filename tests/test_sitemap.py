"""Sitemaps and robots.txt as search engines read them: valid per the sitemaps.org schemas,
listing exactly the site's HTML pages, each with its language versions and last change."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import etree

import pelicanconf as conf
from tests.conftest import PUBLIC_URL
from tests.sitebuild import VALID, run_pelican, write_article

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SCHEMAS = Path(__file__).with_name("schemas")


def schema(*imports: tuple[str, str]) -> etree.XMLSchema:
    """One XML Schema importing the given (namespace, file under tests/schemas) pairs."""
    xsd = ['<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">']
    xsd += [f'<xsd:import namespace="{ns}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
            for ns, name in imports]
    xsd.append("</xsd:schema>")
    return etree.XMLSchema(etree.fromstring("".join(xsd).encode()))


@pytest.fixture(scope="module")
def schemas():
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return (schema((ns, "siteindex.xsd")),
            schema((ns, "sitemap.xsd"), ("http://www.w3.org/1999/xhtml", "xhtml-link.xsd")))


def _sitemaps(out: Path, index_schema, urlset_schema) -> dict[str, etree._Element]:
    """{lang: urlset} reached from robots.txt, every document validated on the way."""
    robots = (out / "robots.txt").read_text(encoding="utf-8").splitlines()
    [index_url] = [line.split(": ", 1)[1] for line in robots if line.startswith("Sitemap: ")]
    assert "User-agent: *" in robots and "Disallow: /" not in robots
    index = etree.parse(str(out / index_url.removeprefix(PUBLIC_URL + "/")))
    assert index_schema.validate(index), index_schema.error_log
    found = {}
    for loc in index.iterfind(f"{SM}sitemap/{SM}loc"):
        doc = etree.parse(str(out / loc.text.removeprefix(PUBLIC_URL + "/")))
        assert urlset_schema.validate(doc), (loc.text, urlset_schema.error_log)
        lang = loc.text.rsplit("-", 1)[1].removesuffix(".xml")
        found[lang] = doc.getroot()
    return found


def test_sitemaps_validate_and_list_exactly_the_sites_html_pages(published_site, schemas):
    out = published_site.out_dir
    maps = _sitemaps(out, *schemas)
    assert sorted(maps) == sorted(conf.LANGUAGES)
    listed = [loc.text for urlset in maps.values() for loc in urlset.iter(f"{SM}loc")]
    assert len(listed) == len(set(listed))
    pages = set()
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if path.name == "404.html":
            continue  # not a page to index
        pages.add(f"{PUBLIC_URL}/{rel.removesuffix('index.html')}")
    assert set(listed) == pages
    assert f"{PUBLIC_URL}/404.html" not in listed and f"{PUBLIC_URL}/ru/404.html" not in listed


def test_every_url_lists_its_language_versions_itself_and_x_default(published_site, schemas):
    maps = _sitemaps(published_site.out_dir, *schemas)
    for lang, urlset in maps.items():
        for url in urlset.iter(f"{SM}url"):
            loc = url.findtext(f"{SM}loc")
            links = {link.get("hreflang"): link.get("href")
                     for link in url.iter(f"{XHTML}link")}
            assert links.get(lang) == loc, (lang, loc, links)
            assert "x-default" in links, loc
    ru = {url.findtext(f"{SM}loc"): url for url in maps["ru"].iter(f"{SM}url")}
    chilikin = ru[f"{PUBLIC_URL}/ru/articles/chilikin-released/"]
    links = {link.get("hreflang"): link.get("href") for link in chilikin.iter(f"{XHTML}link")}
    assert links == {**{x: f"{PUBLIC_URL}/{'' if x == 'en' else x + '/'}articles/"
                           f"chilikin-released/" for x in conf.LANGUAGES},
                     "x-default": f"{PUBLIC_URL}/articles/chilikin-released/"}
    # the source file says Date: 2024-07-20 15:00, Moscow time (TIMEZONE)
    assert chilikin.findtext(f"{SM}lastmod") == "2024-07-20T15:00:00+03:00"
    kozyreva = ru[f"{PUBLIC_URL}/ru/articles/free-daria-kozyreva/"]
    assert {link.get("hreflang") for link in kozyreva.iter(f"{XHTML}link")} >= {"en", "ru"}


def test_lastmod_from_modified_encoded_slugs_and_no_drafts(content, tmp_path, schemas):
    from tests.sitebuild import settings_with

    # A Cyrillic file name gives the slug, transliterated (a Cyrillic `Slug:` is refused:
    # issue 13's one slug alphabet), so every loc is a plain URI.
    slug = "pisma-iz-permi"
    write_article(content, "письма-из-перми.md", {**VALID, "Modified": "2024-03-04 12:00"})
    write_article(content, "письма-из-перми.ru.md", {**VALID, "Lang": "ru", "Title": "Письма"})
    write_article(content, "d.md", {**VALID, "Slug": "secret-draft", "Status": "draft"})
    settings = settings_with(tmp_path / "s.py", SITEURL=PUBLIC_URL)
    build = run_pelican(content, tmp_path / "out", settings=settings)
    assert build.returncode == 0, build.output
    maps = _sitemaps(tmp_path / "out", *schemas)
    everything = etree.tostring(maps["en"]).decode() + etree.tostring(maps["ru"]).decode()
    assert "secret-draft" not in everything
    encoded = quote(slug)
    en = {u.findtext(f"{SM}loc"): u for u in maps["en"].iter(f"{SM}url")}
    article = en[f"{PUBLIC_URL}/articles/{encoded}/"]
    assert article.findtext(f"{SM}lastmod") == "2024-03-04T12:00:00+03:00"  # Modified wins
    assert {link.get("href") for link in article.iter(f"{XHTML}link")} == {
        f"{PUBLIC_URL}/articles/{encoded}/", f"{PUBLIC_URL}/ru/articles/{encoded}/"}


@pytest.mark.parametrize("broken", [
    b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><lastmod>2024-01-01"
    b"</lastmod></url></urlset>",  # no loc
    b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
    b"xmlns:xhtml='http://www.w3.org/1999/xhtml'><url><loc>https://example.org/a/</loc>"
    b"<xhtml:link rel='alternate' href='https://example.org/b/'/></url></urlset>",  # hreflang
    b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>"
    b"<loc>https://example.org/a/</loc><lastmod>19 Dec 2012</lastmod></url></urlset>",
])
def test_the_schemas_reject_broken_sitemaps(schemas, broken):
    assert not schemas[1].validate(etree.fromstring(broken))


@pytest.mark.parametrize("before", [0, 100, 8188, 8192, 20_000, 65_529])
def test_a_pages_head_is_read_up_to_head_wherever_the_reads_end(tmp_path, before):
    """The sitemap reads pages in chunks until `</head>` (issue 18, item 7): a `</head>` split
    between two reads, or several reads in, is found; text before it is decoded whole; a page
    without `</head>` in its first HEAD_BYTES gives those bytes, and one with it later too."""
    from sitemap.build import HEAD_BYTES, _head

    text = ("ж" * (before // 2) + "x" * (before % 2))  # two bytes a letter: reads split letters
    page = tmp_path / "page.html"
    page.write_bytes(text.encode() + b"</head><body>" + b"y" * 70_000)
    assert _head(str(page)) == text
    page.write_bytes(b"a" * HEAD_BYTES + b"</head>")
    assert _head(str(page)) == "a" * HEAD_BYTES


def test_pages_in_every_folder_are_listed_but_a_linked_folder_is_not_followed(tmp_path):
    """page_entries lists the .html files of every folder under the output (one directory
    listing per folder) and, as os.walk, does not follow a symlink to a folder: a page moved
    out of the output and linked back is not the site's. Two pages naming the same versions
    share them; a typed hreflang link (a feed) is not a version."""
    from sitemap.build import page_entries

    head = ('<!doctype html><html lang="{lang}"><head>'
            '<link rel="alternate" hreflang="en" href="/a/x/">'
            '<link rel="alternate" hreflang="ru" href="/ru/a/x/">'
            '<link rel="alternate" type="application/atom+xml" hreflang="en" href="/f.xml">'
            '</head><body></body></html>')
    out = tmp_path / "out"
    for rel, lang in (("a/x/index.html", "en"), ("ru/a/x/index.html", "ru"),
                      ("index.html", "en"), ("deep/er/still/p.html", "en")):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(head.format(lang=lang), encoding="utf-8")
    (out / "notes.txt").write_text("not a page", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text(head.format(lang="en"), encoding="utf-8")
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)

    found = page_entries(str(out), "https://example.org", set(), {})
    assert [e.loc for e in found["en"]] == [
        "https://example.org/", "https://example.org/a/x/",
        "https://example.org/deep/er/still/p.html"]
    assert [e.loc for e in found["ru"]] == ["https://example.org/ru/a/x/"]
    versions = [("en", "https://example.org/a/x/"), ("ru", "https://example.org/ru/a/x/")]
    assert all(e.alternates == versions for entries in found.values() for e in entries)
