"""The editor's preview: what the linker will do with a Markdown draft, and why.

Prints each mention found (person, rule), the mentions it declined and why, and names of people
who are not in the registry (suggestions only: they never become links). Russian names are found
by natasha's named-entity recognition (its model ships inside the package), Ukrainian ones with
pymorphy3's given-name and surname tags, other languages with a capitalised-words heuristic."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

from .context import Token, is_patronymic
from .forms import all_forms, normalize
from .linker import REPEAT, link_document
from .matcher import compile_matcher

_WORD = r"[A-ZА-ЯЁІЇЄҐ][\w’'\-]+"
_NAME_RUN = re.compile(rf"(?<![\w.]){_WORD}(?:\s+{_WORD}){{1,2}}")


@cache
def _morph(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _is_person_name(words: list[str], lang: str) -> bool:
    if lang in ("ru", "uk"):
        morph = _morph(lang)
        return any(g in p.tag for w in words for p in morph.parse(w)[:3] for g in ("Name", "Surn"))
    return all(w[:1].isupper() and w[1:].islower() for w in words)


@cache
def _natasha():
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def _russian_people(text: str) -> list[str]:
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [span.text for span in doc.spans if span.type == "PER"]


def _lemma(word: str, lang: str) -> str:
    """The dictionary form of one word of a name: pymorphy3's, preferring a given-name,
    surname or patronymic reading, for Russian and Ukrainian («Борисе» -> борис, «Немцове» ->
    немцов); the matching key elsewhere."""
    if lang in ("ru", "uk"):
        parses = _morph(lang).parse(word)
        named = [p for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes]
        return normalize((named or parses)[0].normal_form)
    return normalize(word)


def registered_words(people: dict) -> list[set[str]]:
    """For each registered person, every written form of their given and family names
    (normalized): the words a mention of them may consist of."""
    out = []
    for person in people.values():
        words: set[str] = set()
        for form in all_forms(person):
            words.update((normalize(form.given), normalize(form.family)))
        out.append(words)
    return out


def _is_registered(words: list[str], registered: list[set[str]]) -> bool:
    """Every word of the name is a form of one registered person's given or family name
    (a patronymic or initial may stand between): «Азату», «Дарье», «Дарью Козыреву»."""
    keys = [normalize(w) for w in words]
    keys = [k for k in keys if not (len(k.rstrip(".")) <= 2 and k.endswith("."))]
    keys = [k for k in keys if not is_patronymic(Token(0, 0, "word", k, k))] or keys
    return any(all(k in person for k in keys) for person in registered)


def unregistered_names(text: str, lang: str, known: list[str],
                       registered: list[set[str]] = ()) -> list[str]:
    """Person names that are not a registered person's mention, one line per name: the forms
    of one name found in the text grouped by their words' lemmas («Борис Немцов», «Борисе
    Немцове» -> "Борис Немцов (also: Борисе Немцове)"). `known` are the texts the linker matched;
    `registered` (from registered_words) drops registered people's names in any form.
    natasha's PER entities for Russian, capitalised runs of 2-3 words that look like a name
    elsewhere."""
    groups: dict[tuple[str, ...], list[str]] = {}
    runs = _russian_people(text) if lang == "ru" else [m.group(0) for m in _NAME_RUN.finditer(text)]
    for run in runs:
        if any(k and (k in run or run in k) for k in known):
            continue
        words = run.split()
        if _is_registered(words, registered):
            continue
        if lang == "ru" or _is_person_name(words, lang):
            forms = groups.setdefault(tuple(_lemma(w, lang) for w in words), [])
            if run not in forms:
                forms.append(run)
    return [forms[0] + (f" (also: {', '.join(forms[1:])})" if forms[1:] else "")
            for forms in groups.values()]


def preview(path: Path, settings: dict, out=sys.stdout) -> int:
    """Print the preview; return the number of links the build would insert."""
    import build_errors
    from content_model.reader import Rejected, ValidatingMarkdownReader
    from prisoner_registry import profile_url
    from prisoner_registry.loader import load

    problems: list[str] = []
    registry = load(Path(settings["PATH"]), lambda *p: problems.append(": ".join(p)),
                    timezone=settings.get("TIMEZONE"))
    for problem in problems:
        print(f"registry problem: {problem}", file=out)
    try:
        html, meta = ValidatingMarkdownReader(settings).read(str(path))
    except Rejected:
        for error in build_errors.pending():
            print(f"error: {error}", file=out)
        build_errors.reset()
        return 0
    lang = meta.get("lang", settings["DEFAULT_LANG"])
    forced = {s for s in meta.get("prisoners", []) if s in registry.people}
    result = link_document(html, compile_matcher(registry.people),
                           lambda slug: "/" + profile_url(settings, lang, slug), forced=forced,
                           lang=lang)
    print(f"{path} ({lang})", file=out)
    print("Links:", file=out)
    links = [m for m in result.mentions if m.linked]
    for m in links:
        name = getattr(registry.people[m.slug].names, lang).full
        shown = f"'{m.text}'" if m.text else "(metadata only)"
        print(f"  + {shown} -> {m.slug} ({name}); rule: {m.rule}", file=out)
    if not links:
        print("  (none)", file=out)
    repeats = [m for m in result.mentions if m.reason == REPEAT]
    if repeats:
        print(f"  ({len(repeats)} later mention(s) of people linked above are left as text)",
              file=out)
    print("Declined:", file=out)
    for m in result.declined:
        print(f"  - '{m.text}' -> {m.slug}? {m.reason}", file=out)
    if not result.declined:
        print("  (none)", file=out)
    from bs4 import BeautifulSoup

    text = BeautifulSoup(html, "html.parser").get_text(" ")
    # Declined mentions stay candidates: "Сергей Кагарлицкий" is a namesake not in the registry.
    matched = [m.text for m in result.mentions if m.linked or m.reason == REPEAT]
    others = unregistered_names(text, lang, matched,
                                registered_words(registry.people))
    print("Names not in the registry (add a profile if they are political prisoners):", file=out)
    for name in others:
        print(f"  ? {name}", file=out)
    if not others:
        print("  (none)", file=out)
    return sum(1 for m in links if m.text)
