"""What a page tells the search index beyond its visible text, in Pagefind's attributes
(https://pagefind.app/docs/indexing/, /docs/filtering/, /docs/weighting/):

* every written form of every person it is about (each word of every form the linker
  generates: prisoner_links.forms.all_forms, so «Кагарлицкого», "Kagarlizki", "Kagarlitzky" and
  «Кагарлицький» all reach him), as index text in a `hidden` element, which Pagefind reads
  (it parses HTML and applies no CSS; its parser skips only `data-pagefind-ignore`, nav, form,
  script and the like) and readers never see;
* its filter values: category, person, case, status, year, language. Values are stable keys
  (slugs, codes, years), the same in every language's index, so a search widened to every
  language filters alike; the search page shows each key's label in the reader's language;
The search page reads a result's category and language back from its filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# Pagefind weights are 0-10, on a quadratic scale (weight 10 counts about 100 times a word of
# body text; h1 is 7). A person's own profile carries their names at the highest weight so
# any spelling ranks it first; a text that mentions them carries the spellings it does not
# use itself at the weight of body text.
PROFILE_NAMES_WEIGHT = 10
MENTION_NAMES_WEIGHT = 1
FILTERS = ("category", "person", "case", "status", "year", "language")


@dataclass(frozen=True)
class SearchRecord:
    """One page's index extras: `filters` as (key, value) pairs, name `words`, their weight."""

    kind: str  # "article", "page", "profile", "case"
    lang: str
    filters: tuple[tuple[str, str], ...]
    words: tuple[str, ...] = ()
    weight: float = MENTION_NAMES_WEIGHT

    @property
    def html(self) -> Markup:
        return self.render()

    def render(self, description: str = "") -> Markup:
        """The hidden element that carries the record: `<div hidden …>` placed inside the
        page's `data-pagefind-body`. A profile's or case page's `description` (the page's
        meta description) is the text its search result shows: the excerpt Pagefind would
        choose there is the list of name forms."""
        spans = [f'<span data-pagefind-filter="{escape(key)}:{escape(value)}"></span>'
                 for key, value in self.filters]
        if description and self.kind in ("profile", "case"):
            spans.append(f'<span data-pagefind-meta="description:{escape(description)}"></span>')
        if self.kind == "profile" and self.words:
            # Pagefind 1.5 ranks metadata matches (ranking.metaWeights, set in search.js):
            # the profile's "names" outweigh an article title's inflected form («Свободу
            # Борисові Кагарлицькому!» would otherwise rank above his profile).
            spans.append(f'<span data-pagefind-meta="names:{escape(" ".join(self.words))}">'
                         "</span>")
        words = escape(" ".join(self.words))
        return Markup(f'<div class="search-record" hidden data-pagefind-weight="{self.weight:g}">'
                      f'{"".join(spans)}{words}</div>')


def name_words(person) -> tuple[str, ...]:
    """Every word of every form under which `person` may be written in any site language
    (prisoner_links.forms: Russian and Ukrainian cases, transliterations, aliases, the German
    genitive -s), each once, in a stable order."""
    from prisoner_links.forms import all_forms

    words: dict[str, None] = {}
    for form in all_forms(person):
        for word in (*form.given.split(), *form.family.split()):
            words.setdefault(word, None)
        family = form.family.split()[-1] if form.family.split() else ""
        if family.isascii() and family and not family.endswith("s"):
            words.setdefault(family + "s", None)  # Kagarlizkis: Duden's genitive
    # The letters the linker folds when it matches (forms.FOLD: Ukrainian press є for Russian
    # е, і/и, ё written as е) are written out here: Pagefind matches words as written.
    for word in list(words):
        if not word.isascii():
            for old, new in (("е", "є"), ("є", "е"), ("и", "і"), ("і", "и"), ("ё", "е")):
                if old in word:
                    words.setdefault(word.replace(old, new), None)
    return tuple(words)


def _people_filters(people: Iterable) -> list[tuple[str, str]]:
    people = list(people)
    pairs = [("person", p.slug) for p in people]
    cases = dict.fromkeys(p.case for p in people if p.case)
    return pairs + [("case", c) for c in cases]


def document_record(doc, kind: str, people: list, year: int | None,
                    words_of: Mapping[str, tuple[str, ...]]) -> SearchRecord:
    """An article (`kind` "article", with its category and `year`) or a page ("page"), with
    the people the linker found in it (registry entries) and their names' forms."""
    filters = [("category", str(doc.category) if kind == "article" else "pages")]
    filters += _people_filters(people)
    if year is not None:
        filters.append(("year", str(year)))
    filters.append(("language", doc.lang))
    words = tuple(dict.fromkeys(w for p in people for w in words_of.get(p.slug, ())))
    return SearchRecord(kind, doc.lang, tuple(filters), words, MENTION_NAMES_WEIGHT)


def profile_record(person, lang: str, words_of: Mapping[str, tuple[str, ...]]) -> SearchRecord:
    """A prisoner's profile: their status and case, and every form of their name, weighted
    so that any spelling ranks the profile first."""
    filters = [("category", "prisoners"), *_people_filters([person]),
               ("status", person.status), ("language", lang)]
    return SearchRecord("profile", lang, tuple(filters), words_of.get(person.slug, ()),
                        PROFILE_NAMES_WEIGHT)


def case_record(case, members: list, lang: str) -> SearchRecord:
    """A case group's page: the case and its members (as filters, not as name text: the
    members' profiles and the texts about them are the better answers to a name)."""
    filters = [("category", "cases"), ("case", case.slug),
               *(("person", p.slug) for p in members), ("language", lang)]
    return SearchRecord("case", lang, tuple(filters))
