"""Issue 20: the Pagefind index the build writes, read as Pagefind and a browser read it: which
pages are indexed, in which language's index, with which names and filters; the search pages'
own security policy; and the cost controls (no reindex when no page changed)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.sitebuild import ROOT, run_pelican, settings_with
from tests.test_browser import parse_headers_file

LANGS = ["en", "ru", "uk", "de", "fr", "es"]


def _prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def _record(page: Path):
    tree = lxml.html.parse(str(page)).getroot()
    bodies = tree.xpath("//*[@data-pagefind-body]")
    records = tree.xpath("//*[@data-pagefind-body]//div[@class='search-record']")
    return tree, bodies, records


def _filters(record) -> set[tuple[str, str]]:
    return {tuple(el.get("data-pagefind-filter").split(":", 1))
            for el in record.xpath(".//*[@data-pagefind-filter]")}


@pytest.mark.parametrize("lang", LANGS)
def test_a_profile_carries_every_form_of_the_name_and_its_filters(site, lang):
    tree, bodies, records = _record(site.out_dir / _prefix(lang) /
                                    "prisoners/boris-kagarlitsky/index.html")
    assert len(bodies) == 1 and bodies[0].tag == "main"
    (record,) = records
    assert record.get("hidden") is not None  # readers never see it; Pagefind reads it
    assert float(record.get("data-pagefind-weight")) == 10
    words = set(record.text_content().split())
    # Russian genitive, Duden, German press, English press, Ukrainian: the issue's four and more.
    assert {"Кагарлицкого", "Kagarlizki", "Kagarlitzki", "Kagarlitzky", "Кагарлицький",
            "Кагарлицькому", "Kagarlitsky", "Kagarlizkis"} <= words
    assert _filters(record) == {("category", "prisoners"), ("person", "boris-kagarlitsky"),
                                ("status", "imprisoned"), ("language", lang)}


def test_an_article_carries_its_people_category_year_and_language(site):
    _, bodies, (record,) = _record(site.out_dir / "de/articles/free-boris-kagarlitsky/index.html")
    filters = _filters(record)
    assert ("person", "boris-kagarlitsky") in filters
    assert ("category", "appeals") in filters and ("language", "de") in filters
    assert any(k == "year" and re.fullmatch(r"20\d\d", v) for k, v in filters)
    assert float(record.get("data-pagefind-weight")) < 10  # below the profile's
    assert "Кагарлицкого" in record.text_content().split()
    # A case group's page names its case and members.
    _, _, (case,) = _record(site.out_dir / "cases/tyumen-case/index.html")
    assert ("case", "tyumen-case") in _filters(case) and ("category", "cases") in _filters(case)


@pytest.mark.parametrize("rel", ["index.html", "ru/archives/index.html", "ru/prisoners/index.html",
                                 "de/category/appeals/index.html", "search/index.html",
                                 "ru/search/index.html", "404.html", "fr/subscribe/index.html"])
def test_listings_and_the_search_page_are_not_indexed(site, rel):
    _, bodies, records = _record(site.out_dir / rel)
    assert bodies == [] and records == []


def _indexed_text(bundle: Path) -> dict[str, str]:
    """{result URL: the text Pagefind indexed for it}, read from the bundle's fragment files
    as Pagefind 1.5 writes them: gzip of b"pagefind_dcd" followed by the fragment's JSON."""
    import gzip

    texts = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        texts[fragment["url"]] = fragment["content"]
    return texts


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_a_profile_indexes_the_person_not_the_list_of_texts_about_them(site, lang):
    """A profile's "Mentioned in" list repeats the titles of texts that are indexed themselves
    (the person filter lists them); indexed in the profile, a title's words would find every
    person the text names. Its letters, follow and provenance lines are the same on every
    profile. An article's box of people repeats names its hidden record carries."""
    texts = _indexed_text(site.out_dir / "pagefind")
    url = f"/{_prefix(lang)}prisoners/boris-kagarlitsky/"
    tree = lxml.html.parse(str(site.out_dir / url.strip("/") / "index.html"))
    titles = [a.text_content().strip() for a in tree.xpath("//ul[@class='mentioned-in']//a")]
    bio = " ".join(tree.xpath("//div[contains(@class, 'bio')]")[0].text_content().split())
    assert titles and bio
    indexed = texts[url]
    assert bio[:60] in indexed  # the person is indexed
    assert [t for t in titles if t in indexed] == []
    for cls in ("follow", "provenance", "letters-unknown"):
        for el in tree.xpath(f"//*[@class='{cls}']"):
            line = " ".join(el.text_content().split())
            assert line[:40] not in indexed, (cls, line)
    article = f"/{_prefix(lang)}articles/free-boris-kagarlitsky/"
    page = lxml.html.parse(str(site.out_dir / article.strip("/") / "index.html"))
    (heading,) = page.xpath("//h2[@id='people-title']")
    assert heading.text_content().strip() not in texts[article]
    assert page.xpath("//h1")[0].text_content().strip() in texts[article]


def test_everything_pagefind_reads_of_a_page_is_inside_its_marked_element(site):
    """The indexer has Pagefind read the marked element only (indexer.OPTIONS): a filter,
    meta, weight or ignore attribute outside it would be lost from the index."""
    checked = 0
    for page in site.pages():
        tree, bodies, _records = _record(page)
        if not bodies:
            continue
        checked += 1
        assert len(bodies) == 1, page
        outside = [el.tag for el in tree.iter() if isinstance(el.tag, str)
                   and any(name.startswith("data-pagefind") for name in el.attrib)
                   and el is not bodies[0] and bodies[0] not in el.iterancestors()]
        assert outside == [], f"{page}: {outside}"
    assert checked > 100


def test_pagefind_wrote_one_index_per_language_with_every_marked_page(site):
    bundle = site.out_dir / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = {lang: 0 for lang in LANGS}
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in text:
            marked[re.search(r'<html lang="([a-z]+)"', text).group(1)] += 1
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == marked
    assert all(count > 20 for count in marked.values())
    # Only what the site's own search page loads is published: no Pagefind UI, worker or
    # highlighter (their CSS and scripts are not the site's).
    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert "pagefind.js" in names and "wasm.ru.pagefind" in names
    assert not [n for n in names if "ui" in n or "worker" in n or "highlight" in n], names
    assert {n.split("/")[0] for n in names if "/" in n} == {"index", "fragment", "filter"}


def _policy(text: str) -> dict[str, str]:
    return dict((d.strip().split(" ", 1) + [""])[:2] for d in text.split(";") if d.strip())


def _applied(rules, path: str) -> dict[str, str]:
    """Headers for `path` as Netlify applies `_headers`: a later matching rule's header
    replaces an earlier one's."""
    merged: dict[str, str] = {}
    for pattern, headers in rules:
        if (path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern):
            merged.update(headers)
    return merged


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_search_page_may_run_webassembly(site, lang):
    rules = parse_headers_file(site.out_dir / "_headers")
    search = f"/{_prefix(lang)}search/"
    for path in (search, search + "index.html"):
        policy = _policy(_applied(rules, path)["Content-Security-Policy"])
        assert policy["script-src"] == "'self' 'wasm-unsafe-eval'", path
        assert policy["default-src"] == "'none'" and policy["connect-src"] == "'self'"
    for path in (f"/{_prefix(lang)}", f"/{_prefix(lang)}archives/", "/pagefind/pagefind.js",
                 f"/{_prefix(lang)}prisoners/boris-kagarlitsky/"):
        assert _policy(_applied(rules, path)["Content-Security-Policy"])["script-src"] \
            == "'self'", path
    meta = lxml.html.parse(str(site.out_dir / _prefix(lang) / "search/index.html")).getroot() \
        .xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert _policy(meta)["script-src"] == "'self' 'wasm-unsafe-eval'"
    other = lxml.html.parse(str(site.out_dir / _prefix(lang) / "archives/index.html")).getroot() \
        .xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert _policy(other)["script-src"] == "'self'"


def test_the_nginx_snippet_gives_the_search_pages_their_own_policy():
    text = (ROOT / "deploy/nginx-security-headers.conf").read_text(encoding="utf-8")
    for lang in LANGS:
        block = text.split(f"location /{_prefix(lang)}search/ {{", 1)[1].split("}", 1)[0]
        csp = [line for line in block.splitlines() if "Content-Security-Policy" in line]
        assert len(csp) == 1 and "'wasm-unsafe-eval'" in csp[0], lang  # replaced, not added
        assert "Referrer-Policy" in block  # the inherited headers are repeated
    top = text.split("location ", 1)[0]
    assert "wasm-unsafe-eval" not in top


def test_search_page_offers_the_archives_prisoners_and_tags_without_javascript(site):
    tree = lxml.html.parse(str(site.out_dir / "ru/search/index.html")).getroot()
    assert tree.xpath("//form[@class='search-form']")[0].get("hidden") is not None
    links = [a.get("href") for a in tree.xpath("//section[@class='search-fallback']//a")]
    assert "/ru/archives/" in links and "/ru/prisoners/" in links
    tags = [h for h in links if h.startswith("/ru/tag/")]
    assert tags and all((site.out_dir / h.lstrip("/") / "index.html").is_file() for h in tags)
    # The header field points at the page's own language's search page.
    article = lxml.html.parse(str(site.out_dir / "ru/articles/free-boris-kagarlitsky/"
                                                 "index.html")).getroot()
    (form,) = article.xpath("//form[@class='site-search']")
    assert form.get("action") == "/ru/search/" and form.get("hidden") is not None


def _build(content: Path, out: Path, settings: Path) -> str:
    build = run_pelican(content, out, settings)
    assert build.returncode == 0, build.output
    return re.search(r"search index: .*", build.output).group(0)


def test_pagefind_runs_only_when_an_indexed_page_changed(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"),
                             PRISONER_LINKS_CACHE=str(tmp_path / "matcher"))
    out = tmp_path / "out"
    assert "indexed" in _build(content, out, settings)
    bundle = {p: p.stat().st_mtime_ns for p in (out / "pagefind").rglob("*") if p.is_file()}
    # Nothing changed: Pagefind does not run and no bundle file is rewritten.
    assert "unchanged" in _build(content, out, settings)
    assert {p: p.stat().st_mtime_ns for p in bundle} == bundle
    # A fresh folder with the same pages (invoke build) gets the bundle from the cache.
    assert "from cache" in _build(content, tmp_path / "fresh", settings)
    # An edited article is reindexed.
    article = content / "articles/2024/free-boris-kagarlitsky.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "He is\n66 years old.", "He is\n66 years old. Zebrafinch."), encoding="utf-8")
    assert "indexed" in _build(content, out, settings)
