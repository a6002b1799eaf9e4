from datetime import datetime, timedelta

import pytest

from content_model.reader import parse_date
from content_model.rules import check_choice, check_fields_known, check_required, split_list


def test_iso_dates_with_and_without_offset():
    assert parse_date("2024-02-13") == datetime(2024, 2, 13)
    assert parse_date("2024-02-13 10:30") == datetime(2024, 2, 13, 10, 30)
    aware = parse_date("2024-02-13T10:30+03:00")
    assert aware.utcoffset() == timedelta(hours=3)
    assert parse_date("2024-02-13 07:30Z").utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", ["13.02.2024", "02/13/2024", "yesterday", "2024-02-30", "",
                                   "9999-12-31", "2101-01-01", "1799-12-31 23:00"])
def test_ambiguous_or_impossible_dates_are_refused(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_required_fields_differ_for_articles_and_pages():
    assert [f for f, _ in check_required({"title": "x"}, is_article=True)] == [
        "Date",
        "Lang",
        "Category",
    ]
    assert [f for f, _ in check_required({"title": "x", "lang": "en"}, is_article=False)] == []


def test_unknown_field_suggests_the_closest_known_one():
    [(field, message)] = check_fields_known(["title", "signatores"])
    assert field == "signatores"
    assert "did you mean 'Signatories'?" in message


def test_choice_lists_the_allowed_values():
    assert check_choice("Lang", "en", ["en", "ru"]) == []
    assert check_choice("Lang", "pl", ["en", "ru"]) == [
        ("Lang", "'pl' is not one of en, ru; use one of them")
    ]


def test_lists_split_on_separator_and_lines():
    assert split_list("Left Front; Autonomous Action (Moscow)", ";") == [
        "Left Front",
        "Autonomous Action (Moscow)",
    ]
    assert split_list(["a, b", "c"], ",") == ["a", "b", "c"]
