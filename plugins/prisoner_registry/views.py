"""Language-aware views of registry entries for templates: text in the page's language with the
language it is actually in (for the fallback note and the `lang` attribute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import markdown
from babel.dates import format_date, format_skeleton

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
def _markdown_html(text: str, lang: str, config: str) -> str:
    # A fallback bio is the same English text in five languages: converted once.
    md = _md.get(config)
    if md is None:
        md = _md[config] = markdown.Markdown(**_configs[config])
    return md.reset().convert(text)


_md: dict[str, markdown.Markdown] = {}
_configs: dict[str, dict] = {}


def bio_html(person: Person, lang: str, markdown_config=None) -> tuple[str, str]:
    """(HTML, language it is written in) of the bio in `lang` or its English fallback.
    `markdown_config(lang) -> dict` gives the language's Markdown settings (its quotation
    marks and typography, as on articles); without it, plain Markdown."""
    text = localized(person.bio, lang)
    config = markdown_config(text.lang) if markdown_config else {"output_format": "html5"}
    name = repr(config)
    _configs.setdefault(name, config)
    return _markdown_html(text.text, text.lang, name), text.lang


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
