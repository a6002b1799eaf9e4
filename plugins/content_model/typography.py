"""Each language's typography, the same on bodies, summaries, titles, metadata and registry texts.

Quotation marks come from Python-Markdown's smarty extension with the language's `QUOTES`
(bodies and summaries directly; plain texts through `typeset()`, which runs the same extension).
`TypographyExtension` then corrects what smarty cannot know, on text outside tags only:

* elision before a quotation: smarty reads the `"` after `d’` as closing and the `'` before
  `"` as opening, giving `d’ »appels »` and `l‘«histoire`; French (and any language) wants
  an apostrophe followed by an opening mark: `d’«appels»`;
* an initial is kept with what follows by a no-break space (`А.`+NBSP+`Мифтахов`), and digit
  groups inside a number (`10 000`) by a no-break space, as Russian typesetting
  rules (Мильчин, «Справочник издателя и автора», 2014, §§ 2.1, 3.3) and the French Lexique
  des règles typographiques want;
* a sentence ending in an abbreviation (`2026 г.`) takes no second full stop (`г..`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
_RAW = ("pre", "code", "script", "style", "kbd", "samp")
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ"
_INITIAL = re.compile(rf"(?<![\w.])([{_UPPER}]\.)[ \t]+(?=[{_UPPER}])")
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})(?: (\d{3}))+(?![\d])")
_DOUBLE_STOP = re.compile(r"(?<=\w\.)\.(?!\.)")
_APOSTROPHE = r"(?:’|&rsquo;|&#8217;)"
_LEFT_SINGLE = r"(?:‘|&lsquo;|&#8216;)"


def _entities_or_chars(mark: str) -> str:
    """A regex for a quotation mark as configured (entities) or as characters."""
    return "(?:" + re.escape(mark) + "|" + re.escape(html.unescape(mark)) + ")"


@lru_cache(maxsize=32)
def _elision(quotes: tuple[str, str] | None) -> list[tuple[re.Pattern, str]]:
    if not quotes:
        return []
    left, right = quotes
    return [
        # d’ + closing mark + a word: the mark opens a quotation
        (re.compile(rf"(\w{_APOSTROPHE}){_entities_or_chars(right)}(?=\w)"), rf"\g<1>{left}"),
        # l + left single quote + opening mark: the single quote is an apostrophe
        (re.compile(rf"(\w){_LEFT_SINGLE}(?={_entities_or_chars(left)})"), "\\g<1>’"),
    ]


def _group_numbers(text: str) -> str:
    return _THOUSANDS.sub(lambda m: m.group(0).replace(" ", NBSP), text)


def fix_text(text: str, quotes: tuple[str, str] | None = None) -> str:
    """The corrections above on one run of text (no tags in it)."""
    for pattern, repl in _elision(quotes):
        text = pattern.sub(repl, text)
    text = _INITIAL.sub(rf"\g<1>{NBSP}", text)
    text = _group_numbers(text)
    return _DOUBLE_STOP.sub("", text)


@lru_cache(maxsize=32)
def _any_correction(quotes: tuple[str, str] | None) -> re.Pattern:
    """One regex that finds a match of any of fix_text's patterns."""
    patterns = [p for p, _repl in _elision(quotes)] + [_INITIAL, _THOUSANDS, _DOUBLE_STOP]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def fix_html(markup: str, quotes: tuple[str, str] | None = None) -> str:
    """`fix_text` on the text between tags, leaving code, preformatted text and scripts as
    they are."""
    # Most texts need none of the corrections: one search of the whole markup says so. Exact:
    # what a pattern matches in a text between tags it matches in the markup too, since the
    # characters around that text are a tag's `>` and `<`, which every pattern's look-behinds
    # and look-aheads treat as they treat the text's start and end (and a text no pattern
    # changes gives the next pattern the same text).
    if _any_correction(quotes).search(markup) is None:
        return markup
    parts = _TAG.split(markup)
    raw = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name.lstrip("/") in _RAW:
                raw += -1 if name.startswith("/") else 1
                raw = max(raw, 0)
        elif part and not raw:
            parts[i] = fix_text(part, quotes)
    return "".join(parts)


class _Fixer(Postprocessor):
    def __init__(self, md, quotes):
        super().__init__(md)
        self.quotes = quotes

    def run(self, text: str) -> str:
        return fix_html(text, self.quotes)


class TypographyExtension(Extension):
    """Registers the corrections after smarty's marks are in place (after raw HTML is
    restored, priority 30). Config: `quotes`, the language's (left, right) marks."""

    def __init__(self, **kwargs):
        self.config = {"quotes": [[], "the language's (left, right) double quotation marks"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API)
        quotes = self.getConfig("quotes")
        md.postprocessors.register(_Fixer(md, tuple(quotes) if quotes else None),
                                   "typography", 5)


_BLOCK_START = re.compile(r"^(\s*)(?:([#+*-])|(\d+)\.(?=\s))")
_INLINE = re.compile(r"([\\`*_\[\]!|])")


@lru_cache(maxsize=16)
def _plain_markdown(quotes: tuple[str, str] | None) -> Markdown:
    config = {"smart_angled_quotes": True}
    if quotes:
        config["substitutions"] = {"left-double-quote": quotes[0],
                                   "right-double-quote": quotes[1]}
    return Markdown(extensions=["markdown.extensions.smarty", TypographyExtension(quotes=quotes)],
                    extension_configs={"markdown.extensions.smarty": config})


@lru_cache(maxsize=8192)
def typeset(text: str, quotes: tuple[str, str] | None) -> str:
    """Plain text (a title, a registry text) -> plain text with the language's typography,
    exactly as a body paragraph would get it. No Markdown is interpreted: `*`, `_`, `<` and a
    leading `#` or `1.` stay literal. Returns characters, not entities."""
    if not text or not text.strip():
        return text
    source = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    source = _BLOCK_START.sub(lambda m: m.group(1) + (
        "\\" + m.group(2) if m.group(2) else m.group(3) + "\\."), _INLINE.sub(r"\\\1", source))
    out = _plain_markdown(quotes).reset().convert(" ".join(source.split()))
    out = re.sub(r"^<p>|</p>$", "", out.strip())
    return html.unescape(out)
