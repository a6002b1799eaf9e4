"""Every written form of every registered person's name, generated from the registry.

Russian declension comes from pytrovich, Ukrainian from shevchenko (with a rule for adjectival
surnames, which it gets wrong: Кагарлицький -> *Кагарлицькия), Latin spellings from translit.py.
Nothing is guessed from the text being linked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import shevchenko
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from .translit import latin_spellings

_RU = PetrovichDeclinationMaker()
_RU_CASES = {Case.GENITIVE: "genitive", Case.DATIVE: "dative", Case.ACCUSATIVE: "accusative",
             Case.INSTRUMENTAL: "instrumental", Case.PREPOSITIONAL: "prepositional"}
_UK_CASES = {"genitive": shevchenko.in_genitive, "dative": shevchenko.in_dative,
             "accusative": shevchenko.in_accusative, "instrumental": shevchenko.in_ablative,
             "locative": shevchenko.in_locative}
APOSTROPHES = "’ʼ'`´‘′"
# Letters that press spellings of one name interchange, folded to one matching key (one
# character for one, so positions in the text stay put). Sources are in the README:
# Ukrainian є/е and і/и/ї for Russian е and и, ґ for г; ё written as е (Russian style guides);
# Latin accents of Spanish and French press (Borís, Alexeï) dropped.
FOLD = {"ё": "е", "є": "е", "і": "и", "ї": "и", "ґ": "г",
        **{c: "a" for c in "áàâ"}, **{c: "e" for c in "éèêë"}, **{c: "i" for c in "íìîï"},
        **{c: "o" for c in "óòô"}, **{c: "u" for c in "úùû"}, **{c: "'" for c in APOSTROPHES}}


_FOLD = str.maketrans(FOLD)


@dataclass(frozen=True)
class NameForm:
    given: str
    family: str
    rule: str  # how the form was made, for the editor's preview


def normalize(text: str) -> str:
    """The key used for matching: lower case, press letter variants folded (FOLD: ё/є as е,
    і/ї as и, accents dropped), one apostrophe, one kind of space."""
    return " ".join(text.lower().translate(_FOLD).split())


# Inflections are cached per word: given names and surnames repeat across a registry.
@cache
def _ru_word(part: NamePart, gender: str, case: Case, word: str) -> str:
    return _RU.make(part, Gender.MALE if gender == "m" else Gender.FEMALE, case, word)


@cache
def _uk_word(field: str, gender: str, label: str, word: str) -> str:
    request = {"gender": "masculine" if gender == "m" else "feminine", field: word}
    return _UK_CASES[label](request)[field]


def russian_forms(given: str, family: str, gender: str) -> list[NameForm]:
    forms = [NameForm(given, family, "name (ru)")]
    for case, label in _RU_CASES.items():
        forms.append(NameForm(_ru_word(NamePart.FIRSTNAME, gender, case, given),
                              _ru_word(NamePart.LASTNAME, gender, case, family),
                              f"Russian {label}"))
    return forms


def _uk_adjectival(family: str, gender: str) -> dict[str, str] | None:
    """Ukrainian adjectival surnames (-ський, -цький, -ий; -ська, -цька) by rule."""
    if gender == "m" and family.endswith(("ький", "ий", "ій")):
        stem = family[:-2]
        soft = family.endswith(("ький", "ій"))
        return {"genitive": stem + ("ього" if soft and family.endswith("ій") else "ого"),
                "dative": stem + "ому", "accusative": stem + "ого",
                "instrumental": stem + "им", "locative": stem + "ому"}
    if gender == "f" and family.endswith(("ська", "цька", "зька")):
        stem = family[:-1]
        return {"genitive": stem + "ої", "dative": stem + "ій", "accusative": stem + "у",
                "instrumental": stem + "ою", "locative": stem + "ій"}
    return None


def ukrainian_forms(given: str, family: str, gender: str) -> list[NameForm]:
    forms = [NameForm(given, family, "name (uk)")]
    adjectival = _uk_adjectival(family, gender)
    for label in _UK_CASES:
        fam = adjectival[label] if adjectival else _uk_word("familyName", gender, label, family)
        forms.append(NameForm(_uk_word("givenName", gender, label, given), fam,
                              f"Ukrainian {label}"))
    return forms


@cache
def _latin(word: str) -> dict[str, str]:
    return latin_spellings(word)


def latin_forms(person) -> list[NameForm]:
    """Every Latin given name paired with every Latin family name: press mixes spelling
    systems ("Borís Kagarlitsky": the Spanish given name, the English family name). The
    spellings are the registry's Latin names, its aliases and the scheme spellings of the
    Russian name."""
    names = person.names
    givens: dict[str, str] = {}
    families: dict[str, str] = {}
    for lang in ("en", "de", "fr", "es"):
        name = getattr(names, lang)
        givens.setdefault(name.given, f"name ({lang})")
        families.setdefault(name.family, f"name ({lang})")
    for spelling, rule in _latin(names.ru.given).items():
        givens.setdefault(spelling, rule)
    for spelling, rule in _latin(names.ru.family).items():
        families.setdefault(spelling, rule)
    pairs = []
    for alias in person.aliases:
        if " " in alias.strip():
            given, family = alias.strip().rsplit(" ", 1)
            pairs.append(NameForm(given, family, "alias"))
        else:
            families.setdefault(alias.strip(), "alias")
    pairs += [NameForm(g, f, rule if rule == g_rule else f"{g_rule} + {rule}")
              for f, rule in families.items() for g, g_rule in givens.items()]
    return pairs


def cyrillic_forms(person) -> list[NameForm]:
    """Russian and Ukrainian case forms; in each case the Russian and the Ukrainian given
    name are paired with both family names (Ukrainian press keeps Russian spellings of either)."""
    names = person.names
    ru = russian_forms(names.ru.given, names.ru.family, person.gender)
    uk = ukrainian_forms(names.uk.given, names.uk.family, person.gender)
    forms = ru + uk
    # Cases line up: nominative, genitive, dative, accusative, instrumental, then the
    # Russian prepositional with the Ukrainian locative.
    for a, b in zip(ru, uk, strict=True):
        forms.append(NameForm(a.given, b.family, f"{a.rule} + {b.rule}"))
        forms.append(NameForm(b.given, a.family, f"{b.rule} + {a.rule}"))
    return forms


def all_forms(person) -> list[NameForm]:
    """Every (given, family) pair under which `person` may be written, in any site language."""
    return cyrillic_forms(person) + latin_forms(person)


def surface_forms(form: NameForm) -> Iterable[tuple[str, str, str]]:
    """(kind, text, rule) for one name form: full name both ways round, with an initial,
    surname alone, and the German genitive -s (Kagarlizkis)."""
    g, f = form.given, form.family
    yield "full", f"{g} {f}", form.rule
    yield "full", f"{f} {g}", form.rule + ", family name first"
    if g[:1].isalpha():
        yield "initial", f"{g[0]}. {f}", form.rule + ", with initial"
        yield "initial", f"{g[0]}.{f}", form.rule + ", with initial"
    yield "surname", f, form.rule + ", surname only"
    if f.isascii() and not f.endswith("s"):
        yield "full", f"{g} {f}s", form.rule + ", German genitive"
        yield "surname", f + "s", form.rule + ", surname only, German genitive"
