"""The site's one scheme: its languages, the language-prefix rule and every URL pattern.

Everything that makes or checks an address asks this module: the plugins, pelicanconf.py
(Pelican's own ``*_URL``/``*_SAVE_AS`` settings are derived from it), tasks.py, the tests'
helpers and the templates (the ``url_for`` global of plugins/multilang). No other module
writes a language list, a ``<lang>/`` prefix or a URL pattern (tests/test_site_scheme.py
greps for them).

The rule: the default language lives at the root, every other language under ``<lang>/``
(``ru/articles/<slug>/``); files made once for the whole site (the global feed, the sitemaps,
open data, catalogue downloads) are at the root whatever the language.

Adding an address: add one line to :data:`PATTERNS` with an example found in the sample site
(the test builds the site and checks that the example is a real file), then write it with
``save_as(name, lang, …)`` and link it with ``url(name, lang, …)`` / ``url_for(name, …)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from string import Formatter

# The site's languages, in the order of the language switcher, hreflang lists and sitemaps.
# Adding one needs its UI catalogue (translations/<lang>/LC_MESSAGES/messages.po), its QUOTES
# in pelicanconf.py and its names in every registry entry.
LANGUAGES: tuple[str, ...] = ("en", "ru", "uk", "de", "fr", "es")
DEFAULT_LANG = "en"

# File suffixes of a feed in each format (plugins/feeds).
FEED_FORMATS = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}


@dataclass(frozen=True)
class Pattern:
    """One kind of address. ``path`` is a str.format pattern relative to the language prefix
    (or to the root when ``site_wide``); a path ending in "/" is a folder whose file is
    ``index.html``."""

    path: str
    doc: str  # what is there (a noun phrase: "the prisoners index")
    writer: str  # who writes it: "Pelican", "plugins/feeds", "a page" (content/pages/)
    example: dict[str, str] = field(default_factory=dict)  # fields found in the sample site
    site_wide: bool = False  # one file for the whole site, at the root ({lang} may be a field)
    formats: tuple[str, ...] = ()  # feeds: the FEED_FORMATS written at this path
    example_langs: tuple[str, ...] = ()  # languages the example exists in (default: all)
    in_sample: bool = True  # False: the sample site has none (tests build their own)
    # Written in every language whenever it is written in one (its plugin loops over
    # LANGUAGES). False: documents (Pelican writes the versions that exist) and tags (a
    # language has the tags of its own texts); plugins/multilang/links.py asks the
    # translation map and the tags for those.
    every_language: bool = True

    @property
    def page(self) -> bool:
        """Written by Pelican from content/pages/, not reserved by a plugin."""
        return self.writer == "a page"


_P = Pattern
_REG, _FEEDS, _I18N = "plugins/prisoner_registry", "plugins/feeds", "plugins/content_i18n"
_ML, _SITEMAP = "plugins/multilang", "plugins/sitemap"
_LETTERS, _NUMBERS, _CAL = "plugins/letters_kit", "plugins/registry_numbers", "plugins/calendars"
_SLUG = {"slug": "daria-kozyreva"}

PATTERNS: dict[str, Pattern] = {
    # Documents (Pelican's ARTICLE_*/PAGE_*/DRAFT_* settings are made from these).
    "article": _P("articles/{slug}/", "an article", "Pelican", {"slug": "free-boris-kagarlitsky"},
                  every_language=False),
    "page": _P("{slug}/", "a page (About, …)", "Pelican", {"slug": "about"},
               every_language=False),
    "draft": _P("drafts/{slug}/", "a draft's preview, never published", "Pelican",
                in_sample=False, every_language=False),
    # Listings.
    "index": _P("", "the language's home", _ML),
    "category": _P("category/{slug}/", "a section's texts", _ML, {"slug": "appeals"}),
    "tag": _P("tag/{slug}/", "a tag's texts", _ML, {"slug": "anarchists"}, example_langs=("en",),
              every_language=False),
    "archives": _P("archives/", "every text by date", _ML),
    "404": _P("404.html", "the not-found page", _ML),
    # The registry.
    "prisoners": _P("prisoners/", "the prisoners index and profiles", _REG),
    "profile": _P("prisoners/{slug}/", "a person's profile", _REG, _SLUG),
    "case": _P("cases/{slug}/", "a case group's page", _REG, {"slug": "tyumen-case"}),
    "open-data-json": _P("prisoners.json", "the registry as JSON", _REG, site_wide=True),
    "open-data-csv": _P("prisoners.csv", "the registry as CSV", _REG, site_wide=True),
    "open-data-schema": _P("prisoners.schema.json", "the JSON Schema of prisoners.json", _REG,
                           site_wide=True),
    "mentions": _P("mentions.json", "which texts mention whom", "plugins/prisoner_links",
                   site_wide=True),
    # Pages (content/pages/) that other pages link to.
    "how-to-write": _P("how-to-write/", "the letter-writing guide", "a page",
                       every_language=False),
    "open-data": _P("open-data/", "about the open data", "a page", example_langs=("en", "ru"),
                    every_language=False),
    # Translators.
    "translate": _P("translate/", "the translators' page", _I18N),
    "catalogue": _P("translations/content/{path}", "content catalogues to download", _I18N,
                    {"path": "ru/knif-conference.po"}, site_wide=True),
    "ui-catalogue": _P("translations/{lang}/messages.po", "the UI catalogue to download", _I18N,
                       site_wide=True, example_langs=LANGUAGES[1:]),
    # Feeds: every family in every language, and one global feed.
    "feed-all": _P("feeds/all", "the feeds", _FEEDS, formats=("atom", "rss", "json")),
    "feed-category": _P("feeds/category/{slug}", "a section's feed", _FEEDS,
                        {"slug": "appeals"}, formats=("atom", "rss")),
    "feed-tag": _P("feeds/tag/{slug}", "a tag's feed", _FEEDS, {"slug": "anarchists"},
                   formats=("atom", "rss"), example_langs=("en",), every_language=False),
    "feed-person": _P("feeds/prisoners/{slug}", "a person's feed", _FEEDS, _SLUG,
                      formats=("atom", "rss")),
    "feed-case": _P("feeds/cases/{slug}", "a case group's feed", _FEEDS,
                    {"slug": "tyumen-case"}, formats=("atom", "rss")),
    "feed-global": _P("feeds/global", "every text once, in all languages", _FEEDS,
                      site_wide=True, formats=("atom", "rss")),
    "opml": _P("feeds/feeds.opml", "the language's feeds as OPML", _FEEDS),
    "subscribe": _P("subscribe/", "the Subscribe page", _FEEDS),
    "partners": _P("partners/", "the partners' page", _FEEDS),
    "blocked": _P("blocked/", "the page 'If this site is blocked'", _FEEDS),
    "feed-actions": _P("feeds/actions", "the open actions' feed", _FEEDS,
                       formats=("atom", "rss")),
    # Acting, writing letters, the registry in numbers, calendars, search.
    "actions": _P("actions/", "open and closed actions", "plugins/actions"),
    "letters": _P("letters/", "the letters kit", _LETTERS),
    "letters-now": _P("letters/now/", "who needs a letter now", _LETTERS),
    "letter-sheet": _P("prisoners/{slug}/letter/", "a person's printable letter sheet", _LETTERS,
                       in_sample=False),  # the sample's people give no postal address
    "numbers": _P("numbers/", "the registry in numbers: charts", _NUMBERS),
    "numbers-csv": _P("numbers/{chart}.csv", "a chart's data as CSV", _NUMBERS,
                      {"chart": "status"}),
    "calendar-all": _P("calendars/all.ics", "birthdays, hearings and deadlines (iCalendar)",
                       _CAL),
    "calendar-person": _P("calendars/prisoners/{slug}.ics", "a person's calendar", _CAL, _SLUG),
    "calendar-case": _P("calendars/cases/{slug}.ics", "a case group's calendar", _CAL,
                        {"slug": "tyumen-case"}),
    "search": _P("search/", "the search page (Pagefind)", "plugins/site_search"),
    "search-bundle": _P("pagefind/pagefind.js", "the search index, Pagefind's bundle",
                        "plugins/site_search", site_wide=True),
    # Sitemaps, robots.txt, server and browser files.
    "sitemap-index": _P("sitemap.xml", "the sitemap index", _SITEMAP, site_wide=True),
    "sitemap": _P("sitemap-{lang}.xml", "a language's sitemap", _SITEMAP, site_wide=True),
    "robots": _P("robots.txt", "robots.txt", _SITEMAP, site_wide=True),
    "headers": _P("_headers", "the security headers", "plugins/security_headers",
                  site_wide=True),
    "favicon": _P("favicon.ico", "the icon browsers ask for", "plugins/favicon",
                  site_wide=True),
}

# Page 2 and later of a listing (Pelican's PAGINATION_PATTERNS; {base_name} is the listing's
# folder). PAGE_FOLDER is the folder they take inside every listing.
PAGE_FOLDER = "page"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/" + PAGE_FOLDER + "/{number}/",
     "{base_name}/" + PAGE_FOLDER + "/{number}/index.html"),
)


class UnknownPattern(KeyError):
    """A name that is not in PATTERNS (a plugin asked for an address nobody declared)."""

    def __str__(self) -> str:
        return (f"no URL pattern named {self.args[0]!r}; add it to PATTERNS in "
                "plugins/site_scheme/__init__.py")


def pattern(name: str) -> Pattern:
    """The Pattern called ``name``; raises UnknownPattern."""
    try:
        return PATTERNS[name]
    except KeyError:
        raise UnknownPattern(name) from None


def prefix(lang: str | None) -> str:
    """The language prefix: "" for the default language (and for None, the whole site),
    "<lang>/" for every other one: prefix("ru") == "ru/"."""
    return "" if lang is None or lang == DEFAULT_LANG else f"{lang}/"


def url(name: str, lang: str | None = None, fmt: str | None = None, **fields: str) -> str:
    """Site-relative URL (no leading "/") of the address ``name`` in ``lang``:
    url("profile", "ru", slug="daria-kozyreva") == "ru/prisoners/daria-kozyreva/";
    url("feed-all", "de", "atom") == "de/feeds/all.atom.xml". ``fmt`` names a FEED_FORMATS
    suffix; without it a feed's URL has no suffix. Raises UnknownPattern, KeyError for a
    missing field."""
    found = pattern(name)
    if found.site_wide:
        path = found.path.format(lang=lang, **fields)
    else:
        path = prefix(lang) + found.path.format(**fields)
    return path + (FEED_FORMATS[fmt] if fmt else "")


def save_as(name: str, lang: str | None = None, fmt: str | None = None, **fields: str) -> str:
    """The output path of ``url(...)``: a folder URL gets "index.html"."""
    path = url(name, lang, fmt, **fields)
    return path + "index.html" if path == "" or path.endswith("/") else path


def folder(name: str, lang: str | None = None) -> str:
    """The folder an address's files are in, with its prefix: the fixed part of the pattern
    up to its last "/" before a field: folder("feed-all", "ru") == "ru/feeds/",
    folder("feed-tag", "ru") == "ru/feeds/tag/"."""
    fixed = pattern(name).path.split("{", 1)[0]
    fixed = fixed[: fixed.rfind("/") + 1]
    return fixed if pattern(name).site_wide else prefix(lang) + fixed


def feed_archive(base: str, number: int, fmt: str | None = None) -> str:
    """RFC 5005 archive page ``number`` of the feed at ``base`` (a feed URL without suffix):
    feed_archive("ru/feeds/all", 2, "atom") == "ru/feeds/all-archive-2.atom.xml"."""
    return f"{base}-archive-{number}" + (FEED_FORMATS[fmt] if fmt else "")


def lang_of(path: str) -> str:
    """The language a site-relative URL or output path belongs to, by its prefix:
    lang_of("ru/articles/x/") == "ru", lang_of("articles/x/") == DEFAULT_LANG."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANG else DEFAULT_LANG


@dataclass(frozen=True)
class Address:
    """What a site-relative URL names (the inverse of :func:`url`): ``url(name, lang, fmt,
    **fields)`` gives it back (up to a folder's "index.html")."""

    name: str
    lang: str | None  # a site-wide file: its {lang} field, or None
    fields: dict[str, str]
    fmt: str | None = None


@cache
def _matchers() -> list[tuple[str, re.Pattern]]:
    """(name, regex) of every pattern, most literal characters first, so that a fixed
    address ("letters/") wins over a field that could also hold it ("{slug}/", a page)."""
    found = []
    for name, item in PATTERNS.items():
        regex, literal = "", 0
        for text, field_name, _spec, _conv in Formatter().parse(item.path):
            regex += re.escape(text)
            literal += len(text)
            if field_name:
                # A catalogue's {path} holds folders; every other field is one path segment.
                regex += f"(?P<{field_name}>{'.+' if field_name == 'path' else '[^/]+'})"
        if item.path.endswith("/") or item.path == "":
            regex += "(?:index\\.html)?"
        if item.formats:
            regex += "(?P<_fmt>" + "|".join(re.escape(FEED_FORMATS[f]) for f in item.formats) + ")"
        found.append((literal, name, re.compile(regex + "$")))
    found.sort(key=lambda t: -t[0])  # stable: PATTERNS order among equals
    return [(name, regex) for _literal, name, regex in found]


def parse(path: str) -> Address | None:
    """The address a site-relative URL path (no scheme, host, query or fragment; a leading
    "/" is ignored) names, or None when no pattern matches (a static file, a listing's page
    2, a feed archive):
    parse("ru/prisoners/daria-kozyreva/") == Address("profile", "ru", {"slug": …});
    parse("feeds/all.atom.xml") == Address("feed-all", "en", {}, "atom");
    parse("prisoners.json") == Address("open-data-json", None, {}).
    The language is the prefix rule's (:func:`lang_of`); a path under another language's
    prefix is read in that language only."""
    path = path.lstrip("/")
    lang = lang_of(path)
    rest = path[len(prefix(lang)):]
    for name, regex in _matchers():
        item = PATTERNS[name]
        if item.site_wide:
            hit = regex.match(path)
            where: str | None = hit and hit.groupdict().get("lang")
        else:
            hit, where = regex.match(rest), lang
        if hit:
            fields = {k: v for k, v in hit.groupdict().items() if k not in ("_fmt", "lang")}
            suffix = hit.groupdict().get("_fmt")
            fmt = next((f for f, s in FEED_FORMATS.items() if s == suffix), None)
            return Address(name, where, fields, fmt)
    return None


def source_suffix(lang: str) -> str:
    """The language suffix of a source file's name: "" for the default language, ".<lang>"
    for the others (content/articles/2024/x.ru.md)."""
    return "" if lang == DEFAULT_LANG else f".{lang}"


def pelican_settings() -> dict[str, object]:
    """Pelican's own settings made from the scheme, for pelicanconf.py: DEFAULT_LANG,
    LANGUAGES, ARTICLE_/PAGE_/DRAFT_ URL and SAVE_AS (plain and _LANG_), PAGINATION_PATTERNS."""
    out: dict[str, object] = {"DEFAULT_LANG": DEFAULT_LANG, "LANGUAGES": list(LANGUAGES),
                              "PAGINATION_PATTERNS": PAGINATION_PATTERNS}
    for name in ("article", "page", "draft"):
        path = PATTERNS[name].path
        key = name.upper()
        out[f"{key}_URL"] = path
        out[f"{key}_SAVE_AS"] = path + "index.html"
        # Pelican formats *_LANG_* with the document's {lang}: the prefix rule above.
        out[f"{key}_LANG_URL"] = "{lang}/" + path
        out[f"{key}_LANG_SAVE_AS"] = "{lang}/" + path + "index.html"
    return out
