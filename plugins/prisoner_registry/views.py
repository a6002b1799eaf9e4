"""Language-aware views of registry entries for templates: text in the page's language with the
language it is actually in (for the fallback note and the `lang` attribute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import markdown
from babel.dates import format_date, format_skeleton

from safe_input import sanitiser

from .schema import Person


@dataclass(frozen=True)
class Text:
    text: str
    lang: str  # the language the text is written in

    def __str__(self) -> str:
        return self.text


def localized(value: dict[str, str] | None, lang: str, default: str = "en") -> Text | None:
    if not value:
        return None
    if value.get(lang):
        return Text(value[lang], lang)
    return Text(value[default], default)


@lru_cache(maxsize=8192)
def markdown_html(text: str) -> str:
    """A registry Markdown text (bio) as HTML, before sanitising. A fallback bio is the same
    English text in five languages: converted once."""
    return _md.reset().convert(text)


_md = markdown.Markdown(output_format="html5")


def bio_html(person: Person, lang: str) -> tuple[str, str]:
    text = localized(person.bio, lang)
    # The loader refuses a bio the allowlist would change; cleaning is the only path anyway.
    return sanitiser.clean(markdown_html(text.text)), text.lang


def partial_date(value: str | date, lang: str) -> str:
    """'2024' -> '2024'; '2024-02' -> 'February 2024' / 'февраль 2024 г.'; full dates in full."""
    text = value.isoformat() if isinstance(value, date) else value
    if len(text) == 4:
        return text
    if len(text) == 7:
        year, month = map(int, text.split("-"))
        return format_skeleton("yMMMM", date(year, month, 1), locale=lang)
    return format_date(date.fromisoformat(text), "long", locale=lang)


def envelope_name(person: Person) -> str:
    """The addressee as a Russian envelope needs it: family, given name, birth year if known."""
    name = person.names.ru
    born = f", {person.born} г. р." if person.born else ""
    return f"{name.family} {name.given}{born}"
