"""Each language's alphabetical order, from ICU's collation (CLDR rules) through PyICU.

Python's own `sorted()` orders by code point: Cyrillic Ё (U+0401) and Є/І/Ї/Ґ (U+0404…U+0490)
land before А or after Я, and a German Ä after Z. CLDR's tailorings put Ё with Е in Russian,
Ґ after Г and Є, І, Ї after Е, И in Ukrainian, and Ä with A in German (DIN 5007-1).
Latin names on a Cyrillic page (and the reverse) follow the page's script, as ICU orders them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

import icu

T = TypeVar("T")


@lru_cache(maxsize=16)
def collator(lang: str) -> icu.Collator:
    """ICU's collator for a language code ("ru", "de"); one per process and language.
    Punctuation and spaces are ignored at the first levels ("alternate shifted", UCA §3.6):
    «Тюменское дело» sorts under Т, not before every letter."""
    found = icu.Collator.createInstance(icu.Locale(lang))
    found.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    return found


def sort_key(lang: str) -> Callable[[str], bytes]:
    """A `key=` function for `sorted()`: text -> ICU sort key (bytes) in `lang`'s order."""
    return collator(lang).getSortKey


def collate(items: Iterable[T], lang: str, key: Callable[[T], str | tuple[str, ...]] = str
            ) -> list[T]:
    """`items` sorted in `lang`'s alphabetical order of `key(item)`. A tuple key compares
    field by field (family name, then given name), each field by the language's rules."""
    make = sort_key(lang)

    def by(item: T) -> tuple[bytes, ...]:
        value = key(item)
        return tuple(make(v) for v in value) if isinstance(value, tuple) else (make(value),)

    return sorted(items, key=by)


def person_key(person, lang: str) -> tuple[str, str, str]:
    """(family, given, slug) as the person's name is written in `lang`, for `collate()`.
    The slug only keeps namesakes in a stable order."""
    name = getattr(person.names, lang)
    return (name.family, name.given, person.slug)
