"""Language-aware views of registry entries for templates: text in the page's language with the
language it is actually in (for the fallback note and the `lang` attribute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import markdown
from babel.dates import format_date, format_skeleton
from content_i18n.build import sanitise
from markupsafe import Markup

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
def _markdown_html(text: str) -> Markup:
    # A fallback bio is the same English text in five languages: converted once. Templates are
    # autoescaped; this is the one registry field that is HTML, so it is sanitised (nh3
    # allowlist) and then marked safe here, where it is made.
    return Markup(sanitise(_md.reset().convert(text)))  # noqa: S704 (sanitised just now)


_md = markdown.Markdown(output_format="html5")


def bio_html(person: Person, lang: str) -> tuple[Markup, str]:
    """The bio in `lang` (or English) as sanitised HTML, and the language it is written in."""
    text = localized(person.bio, lang)
    return _markdown_html(text.text), text.lang


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
