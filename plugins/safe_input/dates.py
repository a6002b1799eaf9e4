"""How far ahead of the build a date that records something may lie: one rule for a text's
Date and Modified (content_model.reader) and for the registry's dates (prisoner_registry
.loader: status_as_of, last_verified, a last letter...), in one tolerance and one wording.

A mistyped year ahead (2204 for 2024) would keep a text at the top of every listing and feed
and a status marked as fresh for years. Editors and maintainers in Moscow (UTC+3, TIMEZONE)
write today's date, often with a time later in the day, and may build on a machine whose
clock is behind theirs (a UTC CI runner is three hours behind): FUTURE_TOLERANCE covers both.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

# How far ahead of the build's clock a recorded date may lie. More than that is a typo.
FUTURE_TOLERANCE = timedelta(days=1)


def start_of(value: str) -> datetime | None:
    """The first moment (naive) a written date names: `YYYY` (1 January), `YYYY-MM` (the
    1st), `YYYY-MM-DD` (midnight) or a full ISO 8601 date and time; None if it is none of
    these (the caller's own parser reports it)."""
    text = value.strip()
    if len(text) == 4 and text.isdigit():
        text += "-01-01"
    elif len(text) == 7 and text[4] == "-":
        text += "-01"
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def is_ahead(when: datetime, timezone: str | None, now: datetime | None = None) -> bool:
    """Whether `when` lies more than FUTURE_TOLERANCE after `now` (an aware datetime; default
    the build's clock). A naive `when` is read in `timezone` (the TIMEZONE setting; UTC if
    unset), as Pelican reads a Date without an offset."""
    aware = when if when.tzinfo else when.replace(tzinfo=ZoneInfo(timezone or "UTC"))
    return aware > (now or datetime.now(UTC)) + FUTURE_TOLERANCE


def future_problem(value: str, timezone: str | None, fix: str,
                   now: datetime | None = None, when: datetime | None = None) -> str | None:
    """The one-line message for a date written as `value` that lies ahead (is_ahead), or
    None: "'<value>' is in the future (more than a day after this build); <fix>". `fix` says
    what to write instead, in the caller's terms. `when`: the date as the caller parsed it
    (default: start_of(value)); a value that is no date gives None."""
    when = when or start_of(value)
    if when is None or not is_ahead(when, timezone, now):
        return None
    return f"'{value.strip()}' is in the future (more than a day after this build); {fix}"
