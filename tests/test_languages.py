"""Every language gets its own home, paginated index, categories, archives and 404, and every
page links its translations (hreflang + x-default) and a switcher to targets that exist."""

from __future__ import annotations

from pathlib import Path

import pytest

import pelicanconf as conf

LANGS = conf.LANGUAGES
PREFIX = {lang: "" if lang == conf.DEFAULT_LANG else f"{lang}/" for lang in LANGS}


def _target(out: Path, href: str) -> Path:
    """The file a site-relative href ("/ru/articles/x/") is served from."""
    assert href.startswith("/"), f"expected a site-rooted URL, got {href!r}"
    path = out / href.lstrip("/").split("#")[0]
    return path / "index.html" if href.endswith("/") or href == "/" else path


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_listing_pages_with_its_lang(site, lang):
    p = PREFIX[lang]
    pages = [f"{p}index.html", f"{p}archives/index.html", f"{p}404.html"]
    pages += [f"{p}category/{cat}/index.html" for cat in conf.CATEGORIES]
    for rel in pages:
        html = site.html(rel).find("html")
        assert html["lang"] == lang, rel
        assert html["dir"] == "ltr", rel


def test_default_language_is_at_root_and_others_under_prefix(site):
    assert (site.out_dir / "index.html").exists()
    assert (site.out_dir / "articles/free-boris-kagarlitsky/index.html").exists()
    assert (site.out_dir / "ru/articles/free-boris-kagarlitsky/index.html").exists()
    assert not (site.out_dir / "en").exists()


def test_english_index_is_paginated_and_lists_only_english(site):
    # The language's own list; newer texts not yet in it have their own marked section
    # (section.not-translated, tests/test_language_homes.py).
    own = "main > .card .card-title a"
    english = [a["href"] for a in site.html("index.html").select(own)]
    second = [a["href"] for a in site.html("page/2/index.html").select(own)]
    assert len(english) == conf.DEFAULT_PAGINATION
    assert second and not set(english) & set(second)
    assert all(h.startswith("/articles/") for h in english + second)
    russian = [a["href"] for a in site.html("ru/index.html").select(own)]
    assert russian and all(h.startswith("/ru/articles/") for h in russian)


def test_every_page_declares_its_language(site):
    for path in site.pages():
        rel = path.relative_to(site.out_dir).as_posix()
        lang = rel.split("/", 1)[0] if rel.split("/", 1)[0] in LANGS else conf.DEFAULT_LANG
        assert site.html(rel).find("html")["lang"] == lang, rel


def test_hreflang_alternates_include_self_and_x_default_and_exist(site):
    for path in site.pages():
        rel = path.relative_to(site.out_dir).as_posix()
        soup = site.html(rel)
        lang = soup.find("html")["lang"]
        alts = {
            link["hreflang"]: link["href"]
            for link in soup.select('link[rel="alternate"][hreflang]:not([type])')
        }
        assert lang in alts, f"{rel}: no hreflang for itself"
        assert "x-default" in alts, f"{rel}: no x-default"
        for hreflang, href in alts.items():
            assert _target(site.out_dir, href).is_file(), f"{rel}: {hreflang} -> {href} missing"


def test_translated_article_lists_all_its_translations(site):
    soup = site.html("de/articles/free-boris-kagarlitsky/index.html")
    page_links = soup.select('link[rel="alternate"][hreflang]:not([type])')  # not the feeds
    alts = {link["hreflang"]: link["href"] for link in page_links}
    assert alts == {
        "en": "/articles/free-boris-kagarlitsky/",
        "ru": "/ru/articles/free-boris-kagarlitsky/",
        "uk": "/uk/articles/free-boris-kagarlitsky/",
        "de": "/de/articles/free-boris-kagarlitsky/",
        "fr": "/fr/articles/free-boris-kagarlitsky/",
        "es": "/es/articles/free-boris-kagarlitsky/",
        "x-default": "/articles/free-boris-kagarlitsky/",
    }


def test_switcher_targets_exist_and_go_to_same_page_or_home(site):
    for path in site.pages():
        rel = path.relative_to(site.out_dir).as_posix()
        links = site.html(rel).select("nav.languages a")
        assert [a["hreflang"] for a in links] == LANGS, rel
        for a in links:
            assert _target(site.out_dir, a["href"]).is_file(), f"{rel}: {a['href']}"


def test_switcher_falls_back_to_home_when_untranslated(site):
    links = {
        a["hreflang"]: a
        for a in site.html("articles/knif-conference/index.html").select("nav.languages a")
    }
    assert links["ru"]["href"] == "/ru/"
    assert "no-translation" in links["ru"].get("class", [])
    links = {
        a["hreflang"]: a
        for a in site.html("articles/miftakhov-sentenced-again/index.html").select(
            "nav.languages a"
        )
    }
    assert links["ru"]["href"] == "/ru/articles/miftakhov-sentenced-again/"
    assert links["en"].get("aria-current") == "page"


def test_category_pages_in_each_language_list_that_language_only(site):
    soup = site.html("fr/category/appeals/index.html")
    hrefs = [a["href"] for a in soup.select(".card-title a")]
    assert hrefs == ["/fr/articles/free-boris-kagarlitsky/"]
    assert soup.find("h1").get_text(strip=True) == "Appels"
