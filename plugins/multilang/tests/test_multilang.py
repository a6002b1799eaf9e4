from types import SimpleNamespace

from multilang.translation_map import by_language, link_translations
from multilang.urls import lang_prefix, listing_save_as, listing_url

SETTINGS: dict = {}  # the URL helpers answer from plugins/site_scheme, not from settings


def test_urls_put_default_language_at_root():
    assert lang_prefix(SETTINGS, "en") == ""
    assert lang_prefix(SETTINGS, "uk") == "uk/"
    assert listing_url(SETTINGS, "en", "index") == ""
    assert listing_url(SETTINGS, "ru", "category", "appeals") == "ru/category/appeals/"
    assert listing_save_as(SETTINGS, "ru", "index") == "ru/index.html"
    assert listing_save_as(SETTINGS, "en", "category", "news") == "category/news/index.html"
    assert listing_save_as(SETTINGS, "de", "404") == "de/404.html"


def _doc(slug, lang, date=0):
    return SimpleNamespace(slug=slug, lang=lang, date=date)


def test_translations_are_grouped_by_slug_in_site_language_order():
    docs = [_doc("a", "ru"), _doc("a", "en"), _doc("b", "de"), _doc("a", "fr")]
    link_translations(docs, ["en", "ru", "uk", "de", "fr", "es"])
    assert list(docs[0].alternates) == ["en", "ru", "fr"]
    assert docs[0].alternates is docs[1].alternates
    assert docs[1].alternates["ru"] is docs[0]
    assert list(docs[2].alternates) == ["de"]


def test_by_language_sorts_newest_first_and_keeps_empty_languages():
    docs = [_doc("a", "en", 1), _doc("b", "en", 3), _doc("c", "ru", 2)]
    grouped = by_language(docs, ["en", "ru", "es"])
    assert [d.slug for d in grouped["en"]] == ["b", "a"]
    assert grouped["es"] == []
