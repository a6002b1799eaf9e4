"""URLs kept once computed: the same URLs as Pelican's own property, for every document and its
language versions, and a site built with the memo is byte-for-byte the site built without."""

from __future__ import annotations

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

import url_memo
from tests.sitebuild import ROOT, run_pelican, settings_with


def _article(slug: str, lang: str, translations=()) -> Article:
    settings = {**DEFAULT_CONFIG, "DEFAULT_LANG": "en"}
    doc = Article("<p>x</p>", metadata={"title": slug, "slug": slug, "lang": lang},
                  settings=settings)
    doc.translations = list(translations)
    return doc


def test_every_document_and_version_gets_pelicans_url():
    url_memo.register()
    ru = _article("appeal", "ru")
    de = _article("appeal", "de")
    en = _article("appeal", "en", translations=[ru])
    en.alternates = {"en": en, "ru": ru, "de": de}  # de only reachable through alternates
    expected = {id(d): url_memo._computed.fget(d) for d in (en, ru, de)}
    assert url_memo.freeze({"articles": [en], "translations": []}) == 3
    assert {id(d): d.url for d in (en, ru, de)} == expected
    assert ru.url == "appeal-ru.html"  # Pelican's default for a translation


def test_a_frozen_url_is_not_computed_again():
    url_memo.register()
    doc = _article("statement", "en")
    url_memo.freeze({"articles": [doc]})
    doc.slug = "renamed"  # nothing may change a document once writing starts; if it did,
    assert doc.url == "statement.html"  # the memo keeps what was computed
    fresh = _article("other", "en")  # not frozen: Pelican's property as before
    assert fresh.url == "other.html"
    fresh.slug = "other-2"
    assert fresh.url == "other-2.html"


def test_the_site_is_the_same_with_and_without_the_memo(tmp_path):
    import pelicanconf

    def build(plugins: list[str], name: str) -> dict:
        settings = settings_with(tmp_path / f"{name}.py", PLUGINS=plugins, PARALLEL_WORKERS=1,
                                 CACHE_PATH=str(tmp_path / f"cache-{name}"))
        result = run_pelican(ROOT / "content", tmp_path / name, settings)
        assert result.returncode == 0, result.output
        out = tmp_path / name
        return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    # Last at all_generators_finalized: every other plugin must have finished the documents
    # before their URLs are kept (declared in plugins/pipeline/pipeline.yaml, whose order
    # tests/test_pipeline.py checks against what Pelican runs).
    import pipeline

    finishing = pipeline.load().declared()["all_generators_finalized"]
    assert finishing[-1] == "url_memo._freeze"
    without = build([p for p in pelicanconf.PLUGINS if p != "url_memo"], "without")
    with_memo = build(list(pelicanconf.PLUGINS), "with")
    assert len(without) > 1000
    assert without.keys() == with_memo.keys()
    assert [name for name in without if without[name] != with_memo[name]] == []
