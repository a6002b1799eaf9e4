from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from prisoner_registry.loader import load
from prisoner_registry.schema import Letters, Person
from prisoner_registry.views import localized, partial_date

BASE = {
    "slug": "a-b",
    "names": {lang: {"given": "A", "family": "B"} for lang in ("en", "ru", "uk", "de", "fr", "es")},
    "gender": "m", "status": "released", "status_as_of": 2024,
    "letters": {"state": "do-not-write"},
    "sources": [{"publication": "X", "date": "2024-02"}],
    "last_verified": "2024-03-01", "bio": {"en": "Bio."},
}


def test_partial_dates_accept_year_month_day_and_yaml_numbers():
    assert Person.model_validate(BASE).status_as_of == "2024"
    for bad in ("2024-13", "24-01", "2024-02-30"):
        with pytest.raises(ValidationError):
            Person.model_validate({**BASE, "status_as_of": bad})


def test_letters_rules():
    Letters(state="can-write", address="ИК-1", channels=["post"])
    with pytest.raises(ValidationError):
        Letters(state="address-unknown", channels=["post"])


def test_partial_dates_are_formatted_per_language():
    assert partial_date("2024", "ru") == "2024"
    assert partial_date("2024-02", "de") == "Februar 2024"
    assert partial_date("2024-02", "ru").startswith("февраль 2024")
    assert partial_date(date(2024, 2, 13), "fr") == "13 février 2024"


def test_localized_text_falls_back_to_english_and_says_so():
    assert localized({"en": "Hello", "ru": "Привет"}, "ru").lang == "ru"
    fallback = localized({"en": "Hello"}, "es")
    assert (fallback.text, fallback.lang) == ("Hello", "en")
    assert localized(None, "en") is None


def test_loader_reports_every_problem_through_the_callback(tmp_path):
    content = tmp_path / "content"
    (content / "prisoners").mkdir(parents=True)
    (content / "prisoners/a-b.yaml").write_text("slug: a-b\nstatus: jailed\n", encoding="utf-8")
    problems = []
    registry = load(content, lambda *p: problems.append(p), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert registry.people == {}
    fields = {where for _, where, _ in problems}
    assert {"status", "names", "gender", "letters", "sources", "bio"} <= fields
    assert all(path == "content/prisoners/a-b.yaml" for path, _, _ in problems)
