"""The words around a surname: whose name is it?

A surname found alone may be the registered person's, or a namesake's, a relative's, an
investigator's. These helpers read the word before and after it in the linker's normalized
stream and classify it: a patronymic or patronymic initial (part of the name), an initial,
an acronym (СИЗО, ФСБ: never a given name), a closed-class word or honorific of the document's
language (never a given name), or another capitalised word (possibly another person's given
name). Sentence position plays no part: a word that opens a sentence is classified like any
other."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

# Patronymics by their suffixes, on the normalized text (lower case, є/і/ї folded to е/и,
# accents dropped). Russian -ович/-евич/-ич and -овна/-евна/-ична with their case endings;
# Ukrainian -ович and -івна/-ївна (folded to -ивна) with theirs; Latin spellings of the same
# suffixes in the English (-ovich, -yevich), French (-ovitch), German (-owitsch, -owna) and
# scientific (-ovič) transliterations, with the German genitive -s.
_PATRONYMIC = re.compile(
    r"^[а-яь'-]{2,}(?:ич(?:а|у|ем|е|еви|и)?|(?:овн|евн|ичн|ивн)(?:а|ы|е|у|ой|ою|и))$"
    r"|^[a-z'-]{2,}(?:vich|vitch|witsch|vič|vych|vytch)(?:a|u|em|e|s)?$"
    r"|^[a-z'-]{2,}(?:ovna|evna|owna|ewna|ivna|ichna|itschna)s?$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int  # stream positions; for an initial, the full stop included
    kind: str  # "word" | "initial"
    text: str  # as written
    key: str  # normalized, without the full stop


@cache
def _lists() -> dict:
    # libyaml's safe loader when installed (as safe_input.yaml_safe): the same data, read
    # about ten times faster than the pure-Python one (0.4 s of a 200-article link pass).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(Path(__file__).with_name("function_words.yaml").read_text("utf-8"),
                     Loader=loader)
    from .forms import normalize

    return {part: {lang: {normalize(w) for w in words} for lang, words in data[part].items()}
            for part in ("words", "abbreviations", "roles", "role_abbreviations", "relations",
                         "articles")}


def is_function_word(token: Token, lang: str | None) -> bool:
    """A closed-class word, sentence adverb or honorific of `lang` (function_words.yaml)."""
    if lang is None:
        return False
    part = "words" if token.kind == "word" else "abbreviations"
    return token.key in _lists()[part].get(lang, set())


def role_before(text: str, original, pos: int, lang: str | None) -> tuple[str, bool] | None:
    """The role noun or honorific of `lang` (function_words.yaml: roles, role_abbreviations,
    relations) written right before stream position `pos`, separated only by spaces:
    (the word as written, whether it is a relation noun such as Russian "адвокат"), or None.
    A dotted word counts only when it is a listed abbreviation ("Mrs.", "M.", "Sr."): "the
    judge." ends a sentence. Capitalisation does not count ("Judge", "judge")."""
    if lang is None:
        return None
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    dotted = i >= 0 and text[i] == "."
    if dotted:
        i -= 1
    j = i
    while j >= 0 and (_is_letter(text[j]) or (
            text[j] == "-" and j >= 1 and _is_letter(text[j - 1]) and j < i)):
        j -= 1
    key = text[j + 1 : i + 1]
    if not key or not _is_letter(key[0]):
        return None
    lists = _lists()
    if dotted:
        found = key in lists["role_abbreviations"].get(lang, set())
        return (original(j + 1, i + 2), False) if found else None
    if key in lists["roles"].get(lang, set()):
        return original(j + 1, i + 1), False
    if key in lists["relations"].get(lang, set()):
        return original(j + 1, i + 1), True
    return None


_DASHES = ",\u2014\u2013-"  # comma, em dash, en dash, hyphen used as a dash


def role_in_apposition(text: str, original, start: int, end: int,
                       lang: str | None) -> str | None:
    """A role noun in apposition to the surname at start:end, set off by a comma or dash:
    after it, with at most two lower-case words between that are articles or not closed-class
    words ("Kuznetsov, the judge,", "Kuznetsov, a former investigator", "Кузнецов, судья
    Мещанского суда,"; not "Kuznetsov, whose lawyer"), or right before it ("the presiding
    judge, Kuznetsov", "судья — Кузнецов"). Relation nouns count here too: "Кузнецов,
    адвокат" says what Kuznetsov is. Returns the role word as written, or None."""
    if lang is None:
        return None
    lists = _lists()
    roles = lists["roles"].get(lang, set()) | lists["relations"].get(lang, set())
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] in _DASHES and (text[i] == "," or i > end):
        pos = i + 1
        for _ in range(3):
            tok = token_after(text, original, pos)
            if tok is None or tok.kind != "word":
                break
            if tok.key in roles:
                return tok.text
            if is_capitalised(tok) or (tok.key in lists["words"].get(lang, set())
                                       and tok.key not in lists["articles"].get(lang, set())):
                break  # "Kuznetsov, whose lawyer": a clause about him, not his office
            pos = tok.end
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i >= 0 and text[i] in _DASHES and (text[i] == "," or i < start - 1):
        before = token_before(text, original, i)
        if before is not None and before.kind == "word" and before.key in roles:
            return before.text
    return None


# Parts of speech (pymorphy3's OpenCorpora tags) that may stand in a role noun's complement
# between it and the surname: "судья Мещанского районного суда Кузнецов", "следователь по
# особо важным делам Кузнецов", "сотрудники полиции Кузнецов". A verb, conjunction or pronoun
# there starts a clause ("следователь допросил Кузнецова"), whose object may be the prisoner.
_COMPLEMENT = {"NOUN", "ADJF", "PREP", "ADVB", "NUMR"}


@cache
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def role_with_complement(text: str, original, pos: int, lang: str | None) -> str | None:
    """Russian and Ukrainian: a role noun up to four words before stream position `pos`,
    with only a complement between (nouns, adjectives, prepositions, adverbs, numerals by
    pymorphy3's most likely parse; no punctuation): "Судья Мещанского суда Кузнецов" is the
    judge. Returns the role word as written, or None. pymorphy3 runs only when a role noun
    is that close."""
    if lang not in ("ru", "uk"):
        return None
    roles = _lists()["roles"].get(lang, set())
    between: list[Token] = []
    tok = token_before(text, original, pos)
    for _ in range(5):
        if tok is None or tok.kind != "word":
            return None
        if tok.key in roles:
            break
        between.append(tok)
        tok = token_before(text, original, tok.start)
    else:
        return None
    if not between:
        return None  # right before the surname: role_before decides
    morph = _morph(lang)
    for word in between:
        if is_acronym(word):
            continue  # "следователь СК Кузнецов"
        if morph.parse(word.text.lower())[0].tag.POS not in _COMPLEMENT:
            return None
    return tok.text


_AND = {"и", "да", "та", "й"}  # normalized (Ukrainian і is folded to и)


def plural_role_without_list(role: str, text: str, original, end: int,
                             lang: str | None) -> bool:
    """Number agreement (Russian, Ukrainian): a role noun that can only be plural
    ("сотрудники", "слідчі") is in apposition to a list of names ("Сотрудники полиции Кузнецов
    и Петров"), not to one surname; one surname after it is the object of what follows
    ("Сотрудники ФСБ Куприянова увезли"). True when `role` is plural by every pymorphy3 parse
    and the surname ending at `end` is not followed by "и"/"та" or a comma and another
    capitalised word."""
    if lang not in ("ru", "uk"):
        return False
    if not all(p.tag.number == "plur" for p in _morph(lang).parse(role.lower())):
        return False
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i < len(text) and text[i] == ",":
        nxt = token_after(text, original, i + 1)
    else:
        conj = token_after(text, original, end)
        nxt = token_after(text, original, conj.end) if conj and conj.key in _AND else None
    return nxt is None or not is_capitalised(nxt)


def is_patronymic(token: Token) -> bool:
    return token.kind == "word" and bool(_PATRONYMIC.match(token.key))


def is_acronym(token: Token) -> bool:
    """СИЗО, ФСБ, ОВД, СК, KNIF: two or more letters, all capitals."""
    letters = [c for c in token.text if c.isalpha()]
    return token.kind == "word" and len(letters) >= 2 and all(c.isupper() for c in letters)


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def token_before(text: str, original, pos: int) -> Token | None:
    """The word or initial that ends right before stream position `pos`, separated only by
    spaces (or nothing, after an initial's full stop); None after punctuation or a block end."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0:
        return None
    if text[i] == ".":
        j = i - 1
        while j >= 0 and _is_letter(text[j]):
            j -= 1
        letters = original(j + 1, i)
        if 1 <= len(letters) <= 2 and letters[:1].isupper() and letters[1:] == letters[1:].lower():
            return Token(j + 1, i + 1, "initial", original(j + 1, i + 1), text[j + 1 : i])
        return None  # a sentence ends here
    if not _is_letter(text[i]):
        return None
    j = i
    while j > 0 and (_is_letter(text[j - 1]) or (
            text[j - 1] in "'-" and j >= 2 and _is_letter(text[j - 2]))):
        j -= 1
    return Token(j, i + 1, "word", original(j, i + 1), text[j : i + 1])


def token_after(text: str, original, pos: int) -> Token | None:
    """The word that starts right after stream position `pos`, separated only by spaces."""
    i = pos
    while i < len(text) and text[i] == " ":
        i += 1
    if i == pos or i >= len(text) or not _is_letter(text[i]):
        return None
    j = i
    while j < len(text) and (_is_letter(text[j]) or (
            text[j] in "'-" and j + 1 < len(text) and _is_letter(text[j + 1]))):
        j += 1
    if j < len(text) and text[j] == "." and j - i <= 2:
        return Token(i, j + 1, "initial", original(i, j + 1), text[i:j])
    return Token(i, j, "word", original(i, j), text[i:j])
