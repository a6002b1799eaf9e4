"""The search records pages carry: every form of a name, filters as Pagefind reads them, and
nothing a hostile value could turn into markup."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import lxml.html

from prisoner_registry.loader import load
from site_search.records import (
    PROFILE_NAMES_WEIGHT,
    SearchRecord,
    document_record,
    name_words,
    profile_record,
)

CONTENT = Path(__file__).resolve().parents[3] / "content"


def _registry():
    problems = []
    registry = load(CONTENT, lambda *p: problems.append(p))
    assert problems == []
    return registry


def test_name_words_hold_every_spelling_the_linker_knows():
    registry = _registry()
    words = name_words(registry.people["boris-kagarlitsky"])
    for spelling in ("Кагарлицкого", "Кагарлицкому", "Кагарлицким", "Бориса", "Kagarlizki",
                     "Kagarlitzki", "Kagarlitzky", "Kagarlitsky", "Kagarlitski", "Кагарлицький",
                     "Кагарлицького", "Борисові", "Kagarlizkis", "Borís"):
        assert spelling in words, spelling
    assert len(words) == len(set(words))
    # Letters the Ukrainian press writes for Russian ones (є for е, і for и), as written.
    assert {"Козирєвої", "Козиревої", "Козирєва"} <= set(name_words(
        registry.people["daria-kozyreva"]))
    # Another person's record does not carry his names.
    assert "Kagarlizki" not in name_words(registry.people["daria-kozyreva"])


def _parse(record: SearchRecord):
    return lxml.html.fragment_fromstring(str(record.html))


def test_a_profile_record_is_hidden_weighted_and_filtered():
    registry = _registry()
    person = registry.people["boris-kagarlitsky"]
    element = _parse(profile_record(person, "de", {person.slug: ("Kagarlizki", "Кагарлицкого")}))
    assert element.tag == "div" and element.get("hidden") == ""
    assert element.get("data-pagefind-weight") == str(PROFILE_NAMES_WEIGHT)
    assert element.text_content() == "Kagarlizki Кагарлицкого"
    assert [el.get("data-pagefind-filter") for el in element
            if el.get("data-pagefind-filter")] == [
        "category:prisoners", "person:boris-kagarlitsky", "status:imprisoned", "language:de"]
    # Its names are also metadata, which Pagefind ranks (ranking.metaWeights in search.js).
    assert element.xpath("span/@data-pagefind-meta") == ["names:Kagarlizki Кагарлицкого"]


def test_values_stay_text():
    doc = SimpleNamespace(category='x"><script>alert(1)</script>', lang="en")
    element = _parse(document_record(doc, "article", [], 2024, {}))
    assert element.xpath("//script") == []
    assert element[0].get("data-pagefind-filter") == 'category:x"><script>alert(1)</script>'
    person = SimpleNamespace(slug="p", case=None)
    hostile = document_record(doc, "article", [person], None, {"p": ("<b>Ann</b>",)})
    assert _parse(hostile).xpath("//b") == []
    assert "<b>Ann</b>" in _parse(hostile).text_content()
