"""The registry compiled once into one Aho-Corasick automaton over every name form.

The automaton stores integers: each indexes a compact table of (person, kind, rule) tuples, so
the compiled matcher is small to keep on disk and quick to load."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from .forms import all_forms, normalize, surface_forms

KINDS = ("full", "initial", "surname")


@dataclass(frozen=True)
class Candidate:
    slug: str
    kind: str  # full | initial | surname
    rule: str


@dataclass
class Matcher:
    automaton: ahocorasick.Automaton
    entries: list[tuple[int, tuple[tuple[int, int, int], ...]]]  # (key length, candidates)
    slugs: list[str]
    rules: list[str]
    given_forms: dict[str, set[str]] = field(default_factory=dict)  # slug -> normalized givens
    ambiguous_surnames: set[str] = field(default_factory=set)
    people: dict = field(default_factory=dict)

    def any_given(self, key: str) -> bool:
        """`key` (normalized) is a given-name form of some registered person."""
        every = self.__dict__.get("_every_given")
        if every is None:
            every = self.__dict__["_every_given"] = set().union(*self.given_forms.values())
        return key in every

    def find(self, normalized: str):
        """(start, end, [Candidate]) for every form found, overlaps included."""
        if not self.entries:
            return  # an empty automaton cannot be searched
        for end, index in self.automaton.iter(normalized):
            length, candidates = self.entries[index]
            yield end - length + 1, end + 1, [
                Candidate(self.slugs[s], KINDS[k], self.rules[r]) for s, k, r in candidates]


def compile_matcher(people: dict) -> Matcher:
    slugs = sorted(people)
    slug_index = {slug: i for i, slug in enumerate(slugs)}
    rules: list[str] = []
    rule_index: dict[str, int] = {}
    table: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    given_forms: dict[str, set[str]] = defaultdict(set)
    surname_owner: dict[str, set[str]] = defaultdict(set)
    # normalize() of each distinct text once: a registry's forms repeat texts many times (a
    # surname alone comes from every pairing of a given-name spelling with it), and it was a
    # third of compiling the bench registry (1,000 people, 135,000 texts, 64,000 distinct).
    keys: dict[str, str] = {}
    for slug in slugs:
        seen: set[tuple[str, str]] = set()
        for form in all_forms(people[slug]):
            # The same pair comes from several rules (Борис in Russian and Ukrainian): the
            # first rule names it; the rest would only cost compile time.
            if (form.given, form.family) in seen:
                continue
            seen.add((form.given, form.family))
            given = keys.get(form.given)
            if given is None:
                given = keys[form.given] = normalize(form.given)
            given_forms[slug].add(given)
            for kind, text, rule in surface_forms(form):
                key = keys.get(text)
                if key is None:
                    key = keys[text] = normalize(text)
                if len(key) < 3:
                    continue
                if rule not in rule_index:
                    rule_index[rule] = len(rules)
                    rules.append(rule)
                table[key].setdefault((slug_index[slug], KINDS.index(kind)), rule_index[rule])
                if kind == "surname":
                    surname_owner[key].add(slug)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    entries = []
    for key, candidates in table.items():
        automaton.add_word(key, len(entries))
        entries.append((len(key), tuple((s, k, r) for (s, k), r in candidates.items())))
    if entries:
        automaton.make_automaton()
    ambiguous = {key for key, owners in surname_owner.items() if len(owners) > 1}
    return Matcher(automaton, entries, slugs, rules, dict(given_forms), ambiguous, people)
