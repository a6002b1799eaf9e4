"""The dated occasions the calendars carry, read from the registry (and, through a hook, from
action blocks): birthdays given with consent, court hearings of people and case groups, and
action deadlines. Plain data, the same in every language; ical.py words them per language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from prisoner_registry.loader import Registry
from prisoner_registry.schema import Case, Hearing, Person


@dataclass(frozen=True)
class Occasion:
    """One calendar event, before it is put into words.

    kind: "birthday", "hearing" or "deadline". `ident` names it within its kind for the UID
    (a person's or case group's slug, an article's slug): the UID is made from kind, ident and
    `day` only, never from the build time, so a rebuild gives the same UID and a subscribed
    calendar updates the event instead of adding a copy. `start` is a date (an all-day event)
    or an aware datetime. `stamp` (DTSTAMP, UTC) comes from the source data (when the facts were
    last confirmed), so an unchanged registry gives byte-identical files. `people` and `case`
    say which per-person and per-case calendars carry it."""

    kind: str
    ident: str
    day: str  # part of the UID: 'MMDD' for a birthday (every year), 'YYYYMMDD[THHMM]' else
    start: date | datetime
    stamp: datetime
    people: tuple[str, ...] = ()
    case: str | None = None
    yearly: bool = False
    person: Person | None = None  # whose birthday or hearing
    group: Case | None = None  # the case group a hearing belongs to
    hearing: Hearing | None = None
    extra: dict = field(default_factory=dict, compare=False)  # a deadline's own fields


def first_day(value: str | date) -> date:
    """The first day a partial date covers: '2024' -> 2024-01-01, '2024-06' -> 2024-06-01."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return date.fromisoformat((text + "-01-01")[:10])


def _stamp(*dates: str | date) -> datetime:
    """DTSTAMP from source data: the latest of the given (partial) dates, at 00:00 UTC."""
    newest = max(first_day(d) for d in dates)
    return datetime.combine(newest, time(0, 0), tzinfo=UTC)


def birthdays(registry: Registry) -> list[Occasion]:
    """One yearly all-day event per person whose birthday is recorded with consent (the
    loader stops the build on a birthday without it; checked again here)."""
    found = []
    for slug, person in sorted(registry.people.items()):
        if person.birthday is None or not person.consent.birthday:
            continue
        text = str(person.birthday)
        month, day = int(text[-5:-3]), int(text[-2:])
        # A day without a year starts in 2000, a leap year, so 02-29 exists.
        year = int(text[:4]) if len(text) == 10 else 2000
        found.append(Occasion(
            kind="birthday", ident=slug, day=f"{month:02d}{day:02d}",
            start=date(year, month, day), stamp=_stamp(person.last_verified),
            people=(slug,), case=person.case, yearly=True, person=person))
    return found


def _hearing_start(hearing: Hearing) -> date | datetime:
    if hearing.time is None:
        return hearing.date
    hour, minute = map(int, hearing.time.split(":"))
    return datetime.combine(hearing.date, time(hour, minute), tzinfo=ZoneInfo(hearing.timezone))


def _day(hearing: Hearing) -> str:
    return hearing.date.strftime("%Y%m%d") + (
        "T" + hearing.time.replace(":", "") if hearing.time else "")


def hearings(registry: Registry) -> list[Occasion]:
    """Every hearing of a person (in their calendar and their case group's) and of a case
    group (in the group's calendar and each member's)."""
    found = []
    for slug, person in sorted(registry.people.items()):
        for hearing in person.hearings:
            found.append(Occasion(
                kind="hearing", ident=slug, day=_day(hearing), start=_hearing_start(hearing),
                stamp=_stamp(person.last_verified, hearing.source.date),
                people=(slug,), case=person.case, person=person,
                group=registry.cases.get(person.case or ""), hearing=hearing))
    for slug, case in sorted(registry.cases.items()):
        members = tuple(sorted(p.slug for p in registry.members(slug)))
        for hearing in case.hearings:
            found.append(Occasion(
                kind="hearing", ident=slug, day=_day(hearing), start=_hearing_start(hearing),
                stamp=_stamp(case.last_verified, hearing.source.date),
                people=members, case=slug, group=case, hearing=hearing))
    return found


def action_deadlines(context: dict) -> list[Occasion]:
    """The deadline of every action block (issue 19, item 1; plugins/actions puts the
    articles that carry one, per language, in `context["actions_by_lang"]`, each with an
    `action` view holding its `deadline` date): one all-day event per action, titled and
    linked in every language the article is in, in the calendars of the people it names
    (`Prisoners`, and those the linker found). No actions (or no actions plugin): none."""
    found: dict[str, dict] = {}
    base = str(context.get("FEED_SITEURL") or "").rstrip("/")
    for lang, docs in sorted((context.get("actions_by_lang") or {}).items()):
        for doc in docs:
            action = getattr(doc, "action", None)
            deadline = action.get("deadline") if isinstance(action, dict) else None
            if not isinstance(deadline, date):
                continue
            entry = found.setdefault(doc.slug, {"deadline": deadline, "title": {}, "url": {},
                                                "people": set(), "dates": []})
            entry["title"][lang] = str(doc.title)
            entry["url"][lang] = f"{base}/{doc.url}"
            entry["people"].update(getattr(doc, "prisoners", None) or [])
            entry["people"].update(p.slug for p in getattr(doc, "people", None) or [])
            entry["dates"].append(doc.date.date() if isinstance(doc.date, datetime)
                                  else doc.date)
    return [Occasion(kind="deadline", ident=slug, day=e["deadline"].strftime("%Y%m%d"),
                     start=e["deadline"], stamp=_stamp(*e["dates"]),
                     people=tuple(sorted(e["people"])),
                     extra={"title": e["title"], "url": e["url"]})
            for slug, e in sorted(found.items())]


# Where action deadlines come from: `provider(context) -> [Occasion(kind="deadline", ident=
# <article slug>, day='YYYYMMDD', start=<date>, stamp=<UTC datetime>, people=(<slugs>),
# extra={"title": {lang: text}, "url": {lang: absolute URL}})]`. action_deadlines reads
# plugins/actions' `actions_by_lang`; another source of deadlines can append its own.
DEADLINE_PROVIDERS: list[Callable[[dict], Iterable[Occasion]]] = [action_deadlines]


def deadlines(context: dict) -> list[Occasion]:
    return [o for provider in DEADLINE_PROVIDERS for o in provider(context)]


def all_occasions(registry: Registry, context: dict) -> list[Occasion]:
    """Birthdays, hearings and deadlines, in a fixed order (start, kind, ident)."""
    items = birthdays(registry) + hearings(registry) + deadlines(context)
    return sorted(items, key=lambda o: (o.start.isoformat()[:10], o.kind, o.ident, o.day))


def this_month(registry: Registry, today: date) -> list[tuple[int, Person]]:
    """(day of month, person) for every consented birthday in `today`'s month, by day."""
    out = []
    for o in birthdays(registry):
        if o.start.month == today.month:
            out.append((o.start.day, o.person))
    return sorted(out, key=lambda item: (item[0], item[1].slug))
