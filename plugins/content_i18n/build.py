"""Language versions built from the source document plus its catalogue.

A version is published when at least TRANSLATION_THRESHOLD percent of its segments are
translated and not fuzzy. Untranslated segments show the source text, marked with the source's
`lang`; fuzzy ones show the translation, and the page says it may be outdated. Translators'
text is sanitised (nh3): a catalogue can never add markup that runs or loads anything."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

import nh3
from babel.messages.pofile import PoFileError
from bs4 import BeautifulSoup
from markdown import Markdown

from content_model import typography as _typography
from content_model.typography import typeset

from . import summaries
from .catalogs import Stats
from .segments import Document, Segment, parse

MARK, END = "\ue000", "\ue001"  # private-use characters around a source-language marker
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption")
TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h2", "h3", "h4",
        "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
        "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ATTRIBUTES = {"*": {"lang", "id", "class", "title"}, "a": {"href"}, "img": {"src", "alt"},
              "td": {"align"}, "th": {"align"}}


@dataclass
class Version:
    lang: str
    stats: Stats
    html: str = ""
    title: str = ""
    summary: str = ""
    fuzzy: bool = False


def catalogue_path(settings: dict, lang: str, slug: str) -> Path:
    return Path(settings["CONTENT_TRANSLATIONS_DIR"]) / lang / f"{slug}.po"


def sanitise(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, link_rel=None)


_markdowns: dict[str, Markdown] = {}


def _markdown(config: dict) -> Markdown:
    """One Markdown per configuration (in practice per language): setting one up costs about
    as much as converting a document."""
    key = repr(config)
    if key not in _markdowns:
        _markdowns[key] = Markdown(**config)
    return _markdowns[key]


def render(doc: Document, source_lang: str, lang: str, table: dict[str, tuple[str, bool]],
           markdown_config: dict) -> tuple[str, str, str, bool]:
    """(html, title, summary markdown, any fuzzy) for one language."""
    fuzzy_used = False
    untranslated: list[str] = []

    def translate(seg: Segment) -> str:
        nonlocal fuzzy_used
        string, fuzzy = table.get(seg.context, ("", False))
        if string and string.strip():
            fuzzy_used = fuzzy_used or fuzzy
            return string
        if seg.context not in ("title", "summary"):
            untranslated.append(seg.text)
            return f"{MARK}{source_lang}{END}{seg.text}"
        return seg.text

    text = doc.render(translate, {"lang": lang})
    html = _markdown(markdown_config).reset().convert(text)
    soup = BeautifulSoup(sanitise(html), "html.parser")
    for node in soup.find_all(string=lambda s: MARK in s):
        marker_lang = node.split(MARK, 1)[1].split(END, 1)[0]
        block = next((p for p in node.parents if p.name in BLOCKS), None)
        if block is not None:
            block["lang"] = marker_lang
        node.replace_with(node.replace(f"{MARK}{marker_lang}{END}", ""))
    # A title is plain text: whatever a translator typed is shown, never interpreted.
    quotes = markdown_config.get("extension_configs", {}).get(
        "content_model.typography:TypographyExtension", {}).get("quotes")
    title = html_escape(typeset(translate(Segment("title", doc.meta("title"), 0)),
                                tuple(quotes) if quotes else None), quote=False)
    summary = translate(Segment("summary", doc.meta("summary"), 0)) if doc.meta("summary") else ""
    return str(soup), title, summary, fuzzy_used


# The rendering code is part of a cached rendering's key.
_CODE = hashlib.sha256(b"".join(
    [Path(__file__).with_name(n).read_bytes() for n in ("build.py", "segments.py")]
    + [Path(_typography.__file__).read_bytes()])).hexdigest()


def versions_for(source_path: str, source_lang: str, slug: str, settings: dict, report,
                 markdown_config) -> list[Version]:
    """Every catalogue version of one source document, published or not."""
    out = []
    doc = None
    for lang in settings["LANGUAGES"]:
        path = catalogue_path(settings, lang, slug)
        if lang == source_lang or not path.exists():
            continue
        summary = summaries.cached(path)
        if summary is None:
            from ui_i18n.catalogs import check_syntax

            rel = os.path.relpath(path)
            problem = check_syntax(path.read_text(encoding="utf-8", errors="replace"))
            if problem:
                fix = "fix it, then check with msgfmt --check"
                report(rel, f"line {problem[0]}", f"{problem[1]}; {fix}")
                continue
            try:
                summary = summaries.summarise(path)
            except (PoFileError, ValueError, UnicodeDecodeError) as exc:
                report(rel, "catalogue", f"{exc}; fix it, then check with msgfmt --check")
                continue
        table = summary.table
        version = Version(lang, summary.stats)
        if version.stats.percent >= settings.get("TRANSLATION_THRESHOLD", 80):
            config = markdown_config(lang)

            def make(config: dict = config, lang: str = lang, table: dict = table) -> tuple:
                nonlocal doc
                if doc is None:
                    doc = parse(Path(source_path).read_text(encoding="utf-8"))
                return render(doc, source_lang, lang, table, config)

            key = (summaries.stamp(Path(source_path)), summaries.stamp(path), repr(config),
                   _CODE)
            version.html, version.title, version.summary, version.fuzzy = summaries.rendered(
                path, key, make)
        out.append(version)
    return out
