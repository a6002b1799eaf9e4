"""The registry compiled once per build into one Aho-Corasick automaton over every name form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from .forms import all_forms, normalize, surface_forms


@dataclass(frozen=True)
class Candidate:
    slug: str
    kind: str  # full | initial | surname
    rule: str


@dataclass
class Matcher:
    automaton: ahocorasick.Automaton
    given_forms: dict[str, set[str]] = field(default_factory=dict)  # slug -> normalized givens
    ambiguous_surnames: set[str] = field(default_factory=set)
    people: dict = field(default_factory=dict)

    def find(self, normalized: str):
        """(start, end, text key, [Candidate]) for every form found, overlaps included."""
        if not self.people:
            return  # an empty automaton cannot be searched
        for end, (key, candidates) in self.automaton.iter(normalized):
            yield end - len(key) + 1, end + 1, key, candidates


def compile_matcher(people: dict) -> Matcher:
    table: dict[str, dict[tuple[str, str], Candidate]] = defaultdict(dict)
    given_forms: dict[str, set[str]] = defaultdict(set)
    surname_owner: dict[str, set[str]] = defaultdict(set)
    for slug, person in people.items():
        for form in all_forms(person):
            given_forms[slug].add(normalize(form.given))
            for kind, text, rule in surface_forms(form):
                key = normalize(text)
                if len(key) < 3:
                    continue
                table[key].setdefault((slug, kind), Candidate(slug, kind, rule))
                if kind == "surname":
                    surname_owner[key].add(slug)
    automaton = ahocorasick.Automaton()
    for key, candidates in table.items():
        automaton.add_word(key, (key, list(candidates.values())))
    automaton.make_automaton()
    ambiguous = {key for key, owners in surname_owner.items() if len(owners) > 1}
    return Matcher(automaton, dict(given_forms), ambiguous, people)
