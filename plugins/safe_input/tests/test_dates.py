"""safe_input.dates: the site's one rule for dates ahead of the build."""

from datetime import UTC, datetime

import pytest

from safe_input.dates import FUTURE_TOLERANCE, future_problem, is_ahead, start_of

NOW = datetime(2026, 11, 30, 22, 0, tzinfo=UTC)  # 1 December, 01:00 in Moscow


@pytest.mark.parametrize(("value", "first"), [
    ("2026", datetime(2026, 1, 1)), ("2026-12", datetime(2026, 12, 1)),
    ("2026-12-02", datetime(2026, 12, 2)), ("2026-12-02 10:00", datetime(2026, 12, 2, 10)),
])
def test_a_written_date_starts_at_its_first_moment(value, first):
    assert start_of(value) == first


def test_no_date_is_never_ahead():
    assert start_of("soon") is None
    assert future_problem("soon", "Europe/Moscow", "fix it", NOW) is None


def test_the_tolerance_is_one_day_after_the_clock():
    assert FUTURE_TOLERANCE.total_seconds() == 86_400
    assert not is_ahead(datetime(2026, 12, 1, 22, 0, tzinfo=UTC), None, NOW)
    assert is_ahead(datetime(2026, 12, 1, 22, 1, tzinfo=UTC), None, NOW)


def test_a_date_without_an_offset_is_read_in_the_sites_time_zone():
    # NOW + 1 day is 2 December, 22:00 UTC = 3 December, 01:00 in Moscow.
    assert not is_ahead(datetime(2026, 12, 2), "Europe/Moscow", NOW)
    assert is_ahead(datetime(2026, 12, 2, 23, 30), "Europe/Moscow", NOW)
    assert not is_ahead(datetime(2026, 12, 2, 0, 30), "Europe/Moscow", NOW)


def test_the_message_is_one_line_with_the_value_and_the_callers_fix():
    assert future_problem("2026-12", "Europe/Moscow", "fix it", NOW) is None
    assert future_problem(" 2027 ", "Europe/Moscow", "check the year", NOW) == (
        "'2027' is in the future (more than a day after this build); check the year")
