"""Language versions built from the source document plus its catalogue.

A version is published when at least TRANSLATION_THRESHOLD percent of its segments are
translated and not fuzzy. Untranslated segments show the source text, marked with the source's
`lang`; fuzzy ones show the translation, and the page says it may be outdated. Translators'
text is sanitised by the site's one allowlist (safe_input.sanitiser): an entry the sanitiser
would change is not used (its source text shows, marked with its language) and a warning names
catalogue, line and what was refused; strict mode (publishconf) makes that an error."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

from babel.messages.pofile import PoFileError
from bs4 import BeautifulSoup
from markdown import Markdown

from safe_input import sanitiser
from safe_input.text import MAX_PO_BYTES

from . import summaries
from .catalogs import Stats
from .segments import Document, Segment, parse

logger = logging.getLogger(__name__)

MARK, END = "\ue000", "\ue001"  # private-use characters around a source-language marker
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption")


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
    """The site's one sanitiser (safe_input.sanitiser)."""
    return sanitiser.clean(html)


def refused_msgstr(string: str, markdown_config: dict) -> str | None:
    """What the sanitiser would remove from a msgstr rendered as Markdown, or None: such an
    entry is not used (the source text shows) and a warning names it."""
    if not any(c in string for c in "<:&"):
        return None  # no markup, no URL scheme, no entity: nothing to refuse
    md = _markdown({**markdown_config, "_check": True})
    found = sanitiser.refusals(md.reset().convert(string))
    return found[0][1] if found else None


def msgctxt_line(path: Path, context: str) -> int:
    """The line of `msgctxt "<context>"` in a catalogue (1 if not found), for messages."""
    needle = f'msgctxt "{context}"'
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), 1):
        if line.strip() == needle:
            return number
    return 1


_markdowns: dict[str, Markdown] = {}


def _markdown(config: dict) -> Markdown:
    """One Markdown per configuration (in practice per language): setting one up costs about
    as much as converting a document."""
    key = repr(config)
    if key not in _markdowns:
        _markdowns[key] = Markdown(**{k: v for k, v in config.items() if k != "_check"})
    return _markdowns[key]


def render(doc: Document, source_lang: str, lang: str, table: dict[str, tuple[str, bool]],
           markdown_config: dict) -> tuple[str, str, str, bool, list[tuple[str, str]]]:
    """(html, title, summary markdown, any fuzzy, refused entries as (msgctxt, what)) for one
    language. An entry whose msgstr the sanitiser would change is not used: its source text
    shows, marked with the source language."""
    fuzzy_used = False
    untranslated: list[str] = []
    refused: list[tuple[str, str]] = []

    def translate(seg: Segment) -> str:
        nonlocal fuzzy_used
        string, fuzzy = table.get(seg.context, ("", False))
        problem = refused_msgstr(string, markdown_config) if string and seg.context != "title" \
            else None
        if problem:
            refused.append((seg.context, problem))
            string = ""
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
    title = html_escape(translate(Segment("title", doc.meta("title"), 0)), quote=False)
    summary = translate(Segment("summary", doc.meta("summary"), 0)) if doc.meta("summary") else ""
    return str(soup), title, summary, fuzzy_used, list(dict.fromkeys(refused))


# The rendering code and the allowlist are part of a cached rendering's key.
_CODE = hashlib.sha256(b"".join([*(Path(__file__).with_name(n).read_bytes()
                                  for n in ("build.py", "segments.py")),
                                Path(sanitiser.__file__).read_bytes()])).hexdigest()


def versions_for(source_path: str, source_lang: str, slug: str, settings: dict, report,
                 markdown_config) -> list[Version]:
    """Every catalogue version of one source document, published or not."""
    out = []
    doc = None
    for lang in settings["LANGUAGES"]:
        path = catalogue_path(settings, lang, slug)
        if lang == source_lang or not path.exists():
            continue
        limit = settings.get("MAX_PO_BYTES", MAX_PO_BYTES)
        if path.stat().st_size > limit:
            report(os.path.relpath(path), "file", f"larger than the {limit / 1e6:.1f} MB limit "
                   "for one catalogue (MAX_PO_BYTES in pelicanconf.py)")
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
            (version.html, version.title, version.summary, version.fuzzy,
             refused) = summaries.rendered(path, key, make)
            for context, problem in refused:  # logged on every build, also from the cache
                logger.warning("%s: line %d: msgctxt %s: %s; the entry is not used (the source "
                               "text is shown) until the msgstr is fixed", os.path.relpath(path),
                               msgctxt_line(path, context), context, problem)
        out.append(version)
    return out
