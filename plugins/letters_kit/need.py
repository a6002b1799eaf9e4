"""Who needs a letter now: the people who can receive letters, those with the fewest or the
oldest known letters first, the way letter services spread readers' attention (OVD-Info's
letter service shows people who got fewer letters more often).

The ordering rule (also stated on the page and in README.md):

1. People of whom no letter date is known come first: nothing on record, or only a count.
2. Then by the date of the last known letter, the oldest first (a partial date counts as its
   last day: '2024-05' as 31 May 2024, so a vaguer date never jumps ahead of a precise one
   in the same month).
3. Where that is equal, the fewest known letters first; an unknown count after every known one.
4. Then alphabetically in the page's language (ICU collation).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from prisoner_registry.envelope import can_receive_letters
from prisoner_registry.schema import Person, period_end


def need_key(person: Person) -> tuple[bool, date, float]:
    """Steps 1-3 of the ordering rule for one person: (has a last letter date, that date's
    last day or date.min, the count or infinity)."""
    record = person.letters.received
    last = record.last_letter if record else None
    count = record.count if record and record.count is not None else math.inf
    return (last is not None, period_end(last) if last else date.min, count)


def who_needs_a_letter(people: Iterable[Person], lang: str) -> list[Person]:
    """The people who can receive letters (prisoner_registry.envelope.can_receive_letters:
    `can-write` with consent to publish the address), ordered by the rule above for a page in
    `lang` (step 4: that language's alphabetical order of the names)."""
    from ui_i18n.collation import collate, person_key

    alphabetical = collate((p for p in people if can_receive_letters(p)), lang,
                           key=lambda p: person_key(p, lang))
    return sorted(alphabetical, key=need_key)  # a stable sort keeps step 4 within ties
