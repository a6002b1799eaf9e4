"""Occasions as an iCalendar file (RFC 5545) in one language, with the `icalendar` library.

Each file is a VCALENDAR with PRODID, VERSION 2.0, CALSCALE GREGORIAN and METHOD PUBLISH, its
name in the language (RFC 7986 NAME and the widely read X-WR-CALNAME) and a refresh interval
for subscribed copies. Each VEVENT has a UID made from kind, slug, day and language and a
DTSTAMP from the source data, so the same registry always gives the same bytes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vDuration, vText

from prisoner_registry.views import localized

from .occasions import Occasion

PRODID = "-//Left Political Prisoners//Calendars 1.0//EN"
# A calendar needs at least one component (RFC 5545, 3.6): one without any event (a person
# with no hearing yet, subscribed to in advance) carries the zone most hearings are in.
DEFAULT_ZONE = "Europe/Moscow"


def uid(occasion: Occasion, lang: str, authority: str) -> str:
    """'hearing-anton-orlov-20240626-ru@left-prisoners.example.org': kind, slug, day and
    language (the same event in another language is another calendar's copy of it), at the
    site's FEED_TAG_AUTHORITY host; never the build time (RFC 5545, 3.8.4.7)."""
    return f"{occasion.kind}-{occasion.ident}-{occasion.day}-{lang}@{authority}"


def _text(value: dict | None, lang: str) -> str:
    """`value` in `lang`, else English, else its first language (a deadline's title exists
    only in the languages the article is in)."""
    if value and not value.get(lang) and not value.get("en"):
        return next(iter(value.values()))
    found = localized(value, lang)
    return found.text if found else ""


def event(occasion: Occasion, lang: str, gettext: Callable[[str], str], url_of,
          authority: str) -> Event:
    """One VEVENT. `url_of(occasion, lang)` gives the absolute page address it links to."""
    _ = gettext
    ev = Event()
    ev.add("uid", uid(occasion, lang, authority))
    ev.add("dtstamp", occasion.stamp)
    start = occasion.start
    if isinstance(start, datetime):
        # The court's local time as an instant in UTC ("…Z"): every client shows it in the
        # reader's own zone. A TZID with a generated VTIMEZONE (1970–2038, dozens of
        # transitions) was read an hour off for Moscow in 2024 by dateutil-based readers.
        start = start.astimezone(UTC)
    ev.add("dtstart", start)
    lines = []
    if occasion.kind == "birthday":
        name = getattr(occasion.person.names, lang).full
        ev.add("summary", _("Birthday: %(name)s") % {"name": name})
        if occasion.start.month == 2 and occasion.start.day == 29:
            # The last day of February: 29 February in leap years, 28 in the others.
            ev.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            ev.add("rrule", {"freq": "yearly"})
        ev.add("categories", [_("Birthday")])
    elif occasion.kind == "hearing":
        hearing = occasion.hearing
        who = (getattr(occasion.person.names, lang).full if occasion.person
               else _text(occasion.group.name, lang))
        what = _text(hearing.what, lang)
        ev.add("summary", _("Court hearing: %(name)s") % {"name": who} + f" — {what}")
        court = _text(hearing.court, lang)
        if court:
            ev.add("location", court)
        lines.append(what)
        lines.append(_("Source: %(source)s") % {"source": hearing.source.publication})
        ev.add("categories", [_("Court hearing")])
    else:  # a deadline (plugins/calendars/occasions.py, DEADLINE_PROVIDERS)
        title = _text(occasion.extra.get("title"), lang)
        ev.add("summary", _("Deadline: %(title)s") % {"title": title})
        ev.add("categories", [_("Deadline")])
    if isinstance(occasion.start, date) and not isinstance(occasion.start, datetime):
        ev.add("dtend", occasion.start + timedelta(days=1))  # one whole day
    link = url_of(occasion, lang)
    if link:
        ev.add("url", link)
        lines.append(link)
    if lines:
        ev.add("description", "\n".join(lines))
    ev.add("transp", "TRANSPARENT")  # a reminder, not time the subscriber is busy
    return ev


class Events:
    """Each occasion's VEVENT in one language, serialised by the library once: an occasion is in
    its language's calendar, its people's and its case groups' (a hearing of a group of ten is
    in twelve files), and the words differ only by language. {id(occasion): bytes}; the
    occasions outlive the build's calendars, so an id is not reused while this is alive."""

    def __init__(self, lang: str, gettext: Callable[[str], str], url_of, authority: str):
        self.lang, self.gettext, self.url_of, self.authority = lang, gettext, url_of, authority
        self._made: dict[int, tuple[Occasion, bytes]] = {}

    def __call__(self, occasion: Occasion) -> bytes:
        hit = self._made.get(id(occasion))
        if hit is None or hit[0] is not occasion:
            data = event(occasion, self.lang, self.gettext, self.url_of, self.authority).to_ical()
            hit = self._made[id(occasion)] = (occasion, data)
        return hit[1]

    def prepare(self, occasions: list[Occasion]) -> None:
        """Serialise now each of `occasions` a calendar made later takes from here."""
        for occasion in occasions:
            self(occasion)


def head(name: str, description: str) -> Calendar:
    """The VCALENDAR's own properties, without components."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # TEXT values (RFC 5545 3.3.11: ";", ",", "\\" and newlines escaped); icalendar does not
    # know NAME and the X- properties, so it would write them raw.
    cal.add("name", vText(name))  # RFC 7986
    cal.add("x-wr-calname", vText(name))
    cal.add("description", vText(description))
    cal.add("x-wr-caldesc", vText(description))
    refresh = timedelta(days=1)  # subscribed copies look for new hearings once a day
    cal.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))
    return cal


_END = b"END:VCALENDAR\r\n"
# The head's properties that carry the calendar's own name; the others are the same in every
# calendar of a language.
_NAMED = ("NAME", "X-WR-CALNAME")


@lru_cache(maxsize=32)
def _head_lines(description: str) -> tuple[tuple[str, bytes | None], ...]:
    """(property, its content line as the library writes it, CRLF included) for each line of
    head(…, description), in the library's order, BEGIN and END included; None for the lines
    that carry the name (_NAMED)."""
    cal = head("-", description)
    return tuple((prop, None) if prop in _NAMED else
                 (prop, cal.content_line(prop, value).to_ical() + b"\r\n")
                 for prop, value in cal.property_items(recursive=False))


def head_ical(name: str, description: str) -> bytes:
    """head(name, description).to_ical(): the library's bytes for each content line (a
    component's serialisation is its content lines, each folded on its own, joined by CRLF;
    Component.to_ical), those that do not carry the name serialised once per description."""
    named = Calendar()
    named.add("name", vText(name))  # as head() adds them
    named.add("x-wr-calname", vText(name))
    return b"".join(data if data is not None else
                    named.content_line(prop, named[prop]).to_ical() + b"\r\n"
                    for prop, data in _head_lines(description))


def calendar(name: str, description: str, occasions: list[Occasion], lang: str,
             gettext: Callable[[str], str], url_of, authority: str,
             events: Events | None = None) -> bytes:
    """The whole file: VCALENDAR, one VEVENT per occasion (a calendar without any: the
    DEFAULT_ZONE VTIMEZONE), CRLF lines folded at 75 octets (the library's serialiser).

    Every part is serialised by the library (`Component.to_ical`); a component's content lines
    are the same inside a calendar as alone (RFC 5545 3.4 and 3.6: a calendar is its properties
    then its components), so the calendar is its head's lines, each component's (`events`
    keeps them per occasion across files) and END:VCALENDAR: the bytes of
    `Calendar.add_component(...)` for each and one `to_ical()` (tests/test_calendars.py,
    test_a_calendar_is_the_bytes_the_library_writes_for_it_whole). The head's lines that do
    not carry the name are serialised once per language (head_ical)."""
    events = events or Events(lang, gettext, url_of, authority)
    cal = head_ical(name, description)
    if not cal.endswith(_END):  # the library changed how it ends a component
        raise RuntimeError(f"icalendar wrote a VCALENDAR not ending in {_END!r}")
    body = b"".join(events(o) for o in occasions) if occasions else _zone_ical(DEFAULT_ZONE)
    return cal[:-len(_END)] + body + _END


@lru_cache(maxsize=8)
def _zone(tzid: str) -> Timezone:
    """The VTIMEZONE of an IANA zone, made from zoneinfo once per build process."""
    return Timezone.from_tzid(tzid)


@lru_cache(maxsize=8)
def _zone_ical(tzid: str) -> bytes:
    """The VTIMEZONE serialised once per build process (about 40 lines of transitions, in
    every calendar that has no event yet)."""
    return _zone(tzid).to_ical()
