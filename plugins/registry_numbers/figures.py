"""The registry in numbers: what each chart on the numbers page shows, computed from the
registry alone (no text is parsed: sentence lengths come from `sentence.term_months`, custody
from `status_history` and `status_as_of`). Plain data; charts.py draws it, the page and the
CSV files show the same rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from prisoner_registry.loader import Registry
from prisoner_registry.schema import STATUSES, Person

# Statuses that are deprivation of liberty. House arrest and restrictions are not counted as
# custody here (a court may count house arrest towards a term, but the person is at home).
CUSTODY = ("pre-trial-detention", "imprisoned", "forced-psychiatric-treatment")


def middle(value: str | date) -> date:
    """A partial date at the middle of the period it covers, so that counting days between two
    of them errs by at most half the period either way: '2018' -> 2018-07-01, '2023-07' ->
    2023-07-15, a whole date -> itself."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if len(text) == 4:
        return date(int(text), 7, 1)
    if len(text) == 7:
        return date(int(text[:4]), int(text[5:]), 15)
    return date.fromisoformat(text)


def by_status(registry: Registry) -> list[tuple[str, int]]:
    """(status, number of people) for every status someone has, in the registry's order."""
    counts = Counter(p.status for p in registry.people.values())
    return [(s, counts[s]) for s in STATUSES if counts[s]]


def sentences_by_year(registry: Registry) -> list[tuple[int, int, int]]:
    """(year, sentences handed down that year, their months of deprivation of liberty in
    force) for every year from the first sentence to the last (years without one included,
    so the time axis is true). One sentence per person: the registry's `sentence`."""
    found: dict[int, list[int]] = {}
    for person in registry.people.values():
        if person.sentence is not None:
            year = int(str(person.sentence.date)[:4])
            found.setdefault(year, []).append(person.sentence.term_months)
    if not found:
        return []
    return [(y, len(found.get(y, [])), sum(found.get(y, [])))
            for y in range(min(found), max(found) + 1)]


def custody_days(person: Person) -> int | None:
    """Days in custody that the registry records: each `status_history` entry in a custody
    status (CUSTODY) lasts until the next entry with another status; the last one until
    `status_as_of` when the current status is still that one. Partial dates count from their
    middle (`middle`). Two entries in a row with the same status mean a release in between that
    is not recorded: that stretch is not counted. None when there is no history to count."""
    if not person.status_history:
        return None
    points = sorted(((middle(h.date), h.status) for h in person.status_history),
                    key=lambda p: p[0])
    days = 0
    for (start, status), (end, after) in zip(points, points[1:], strict=False):
        if status in CUSTODY and after != status:
            days += max(0, (end - start).days)
    start, status = points[-1]
    if status in CUSTODY and person.status == status:
        days += max(0, (middle(person.status_as_of) - start).days)
    return days


def custody(registry: Registry) -> tuple[list[tuple[Person, int]], list[Person]]:
    """([(person, days in custody)] for everyone with recorded custody, longest first),
    [people in custody now whose start is not recorded, so not counted]."""
    counted, unknown = [], []
    for _slug, person in sorted(registry.people.items()):
        days = custody_days(person)
        if days:
            counted.append((person, days))
        elif days is None and person.status in CUSTODY:
            unknown.append(person)
    counted.sort(key=lambda item: (-item[1], item[0].slug))
    return counted, unknown


def _began(person: Person) -> date | None:
    """When a person's prosecution began, as far as the registry knows: the earliest of their
    status changes, timeline events and sentence (hearings are left out: they may lie ahead)."""
    dates = [h.date for h in person.status_history] + [t.date for t in person.timeline]
    if person.sentence is not None:
        dates.append(person.sentence.date)
    return min((middle(d) for d in dates), default=None)


def cases_by_year(registry: Registry) -> tuple[list[tuple[int, int]], int]:
    """([(year, cases begun)] from the first year to the last, the number of cases whose
    year the registry does not give). A case group is one case, begun when the first of its
    members' prosecutions began; a person outside any group is a case of their own."""
    starts: list[date | None] = []
    for slug in sorted(registry.cases):
        known = [d for d in (_began(p) for p in registry.members(slug)) if d]
        starts.append(min(known) if known else None)
    for _slug, person in sorted(registry.people.items()):
        if not person.case:
            starts.append(_began(person))
    counts = Counter(d.year for d in starts if d)
    rows = [(y, counts[y]) for y in range(min(counts), max(counts) + 1)] if counts else []
    return rows, sum(1 for d in starts if d is None)


@dataclass(frozen=True)
class Table:
    """One chart's data as shown beside it and offered as CSV: translated column headings
    and rows of (label, number…); numbers stay numbers until shown."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
