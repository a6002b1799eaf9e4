"""Who can receive a letter through this site, and the envelope of that letter.

A person can be written to when `letters.state` is `can-write` AND `consent.address` is true:
without consent the address is never shown, so to a reader the address is unknown. The
envelope is written the way Russian Post and the prison service (FSIN) file a letter to a
prisoner: the addressee's family name, given name and patronymic in Cyrillic with the year of
birth, then the facility, street, town, region and six-digit index."""

from __future__ import annotations

from .schema import Person


def can_receive_letters(person: Person) -> bool:
    """True when the site may show this person's address and invite letters: `can-write` with
    recorded consent to publish the address. Never for `do-not-write` or `address-unknown`."""
    return person.letters.state == "can-write" and person.consent.address


def has_letter_sheet(person: Person) -> bool:
    """True when the person gets a printable letter sheet: can receive letters and the
    registry gives the envelope field by field (`letters.postal`)."""
    return can_receive_letters(person) and person.letters.postal is not None


def addressee(person: Person) -> str:
    """The addressee's line: 'Тестова Анна Петровна, 1990 г. р.' (family, given name,
    patronymic when known, and the year of birth, as FSIN files letters)."""
    name = person.names.ru
    postal = person.letters.postal
    parts = [name.family, name.given] + ([postal.patronymic] if postal and
                                         postal.patronymic else [])
    born = f", {person.born} г. р." if person.born else ""
    return " ".join(parts) + born


def envelope_lines(person: Person) -> list[str]:
    """The envelope's 'Кому'/'Куда' block, line by line, without the index (printed in its
    own boxes): addressee, facility, street, town, region. Empty without `letters.postal`."""
    postal = person.letters.postal
    if postal is None:
        return []
    lines = [addressee(person), postal.facility, postal.street, postal.locality]
    return lines + ([postal.region] if postal.region else [])


def envelope_problems(person: Person) -> list[tuple[str, str]]:
    """(field, message) for an envelope that a prison could not deliver: FSIN files letters
    by full name and year of birth, so `letters.postal` needs `born`."""
    if person.letters.postal is not None and person.born is None:
        return [("born", "the envelope in letters.postal needs the year of birth (the prison "
                         "files letters by full name and year of birth); add born: YYYY")]
    return []
