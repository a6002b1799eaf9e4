"""Hostile lines found in review after issues 19 and 20 were merged: each is refused with one
line, or comes out as the text it is (RFC 5545 escaping), never as a traceback."""

from __future__ import annotations

from datetime import date

import pytest
import vobject

from calendars import ical
from prisoner_registry.schema import _partial_date
from safe_input import yaml_safe


@pytest.mark.parametrize("escape", ["\\e", "\\v", "\\r", "\\x85", "\\u0007"])
def test_a_control_character_written_as_a_yaml_escape_is_refused(escape):
    with pytest.raises(yaml_safe.Refused, match="control character"):
        yaml_safe.load(f'given: "Anton{escape}"\n')


def test_newlines_and_tabs_written_as_escapes_stay_allowed():
    assert yaml_safe.load('bio: "one\\ntwo\\tthree"\n') == {"bio": "one\ntwo\tthree"}


def test_a_calendar_name_with_newlines_and_separators_stays_one_escaped_text():
    name = "Anton;X-INJ:1,\r\nATTENDEE:mailto:spy@evil.example"
    data = ical.calendar(name, "Birthdays,\nhearings", [], "en", lambda s: s,
                         lambda o, lang: "", "example.org,2024")
    assert b"\r\nATTENDEE" not in data
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.contents["x-wr-calname"][0].value == name.replace("\r\n", "\n")
    assert parsed.contents["x-wr-caldesc"][0].value == "Birthdays,\nhearings"


def test_a_year_before_1900_is_refused():
    with pytest.raises(ValueError, match="before 1900"):
        _partial_date("1001-09-23")
    assert _partial_date(date(2024, 2, 13)) == "2024-02-13"
