"""Language-aware views of registry entries for templates: text in the page's language with the
language it is actually in (for the fallback note and the `lang` attribute)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import markdown
from babel.dates import format_date, format_skeleton
from markupsafe import Markup

from safe_input import sanitiser

from .schema import Person, period_end


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
def markdown_html(text: str, config: str = "") -> str:
    """A registry Markdown text (bio) as HTML, before sanitising, converted with the Markdown
    settings registered under `config` by bio_html (its language's quotation marks and
    typography; "" = plain Markdown). A fallback bio is the same English text in five
    languages: converted once."""
    md = _md.get(config)
    if md is None:
        md = _md[config] = markdown.Markdown(**_configs.get(config, {"output_format": "html5"}))
    return md.reset().convert(text)


_md: dict[str, markdown.Markdown] = {}
_configs: dict[str, dict] = {}
_PLAIN = {"output_format": "html5"}
_named: dict[int, tuple[dict, str]] = {}


def _config_name(config: dict) -> str:
    """The name a Markdown settings dict is registered under (its repr), made once per dict:
    markdown_config gives the same dict for a language every time, and its repr (about 850
    characters) took ~11 µs on each profile. The dict is kept, so its id is not reused."""
    found = _named.get(id(config))
    if found is None or found[0] is not config:
        name = repr(config)
        _configs.setdefault(name, config)
        found = _named[id(config)] = (config, name)
    return found[1]


@lru_cache(maxsize=8192)
def _clean_html(text: str, config: str) -> str:
    # A profile is written in six languages and a fallback bio is the same text in five of
    # them: each (text, settings) pair is converted and sanitised once per process.
    return sanitiser.clean(markdown_html(text, config))


def bio_html(person: Person, lang: str, markdown_config=None) -> tuple[Markup, str]:
    """(sanitised HTML, language it is written in) of the bio in `lang` or its English
    fallback. `markdown_config(lang) -> dict` gives the language's Markdown settings (its
    quotation marks and typography, as on articles); without it, plain Markdown."""
    text = localized(person.bio, lang)
    config = markdown_config(text.lang) if markdown_config else _PLAIN
    name = _config_name(config)
    # The loader refuses a bio the allowlist would change; cleaning is the only path anyway.
    # Templates are autoescaped: this is the one registry field that is HTML, so it is marked
    # safe here, where it is sanitised.
    return Markup(_clean_html(text.text, name)), text.lang  # noqa: S704


@lru_cache(maxsize=16384)
def partial_date(value: str | date, lang: str) -> str:
    """'2024' -> '2024'; '2024-02' -> 'February 2024' / 'февраль 2024 г.'; full dates in full.
    Kept per (value, lang): Babel takes 17-32 µs a date, a profile shows five or more (its
    last-verified date twice), and the same dates recur on lists and from person to person."""
    text = value.isoformat() if isinstance(value, date) else value
    if len(text) == 4:
        return text
    if len(text) == 7:
        year, month = map(int, text.split("-"))
        return format_skeleton("yMMMM", date(year, month, 1), locale=lang)
    return format_date(date.fromisoformat(text), "long", locale=lang)


def status_is_stale(person: Person, today: date, months: int,
                    never: tuple[str, ...] | list[str] = ()) -> bool:
    """True when the status was last confirmed more than `months` months before `today`
    (counted from the last day `status_as_of` covers: '2021-09' is stale after 2022-09-30 at
    12 months). Statuses in `never` (a historical case, a death) do not go out of date."""
    if person.status in never:
        return False
    end = period_end(person.status_as_of)
    total = end.year * 12 + end.month - 1 + months
    year, month = divmod(total, 12)
    day = min(end.day, period_end(f"{year:04d}-{month + 1:02d}").day)
    return today > date(year, month + 1, day)


def envelope_name(person: Person) -> str:
    """The addressee as a Russian envelope needs it: family, given name, birth year if known."""
    name = person.names.ru
    born = f", {person.born} г. р." if person.born else ""
    return f"{name.family} {name.given}{born}"
