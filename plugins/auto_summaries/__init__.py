"""Automatic summaries without footnotes.

A document without `Summary:` gets Pelican's automatic summary: its content cut to
`SUMMARY_MAX_LENGTH` words. When the first paragraph has a footnote, that summary would carry
the reference (`<sup id="fnref:1"><a href="#fn:1">`) and, for a short text, the notes
themselves: two such cards on one listing repeat `id="fnref:1"` (invalid HTML) and each link
jumps into another article's notes. This plugin makes those summaries from the content with
footnote references and notes removed, after every plugin that changes the content (prisoner
links) has run, so the summary is otherwise what Pelican would have made.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from pelican import signals
from pelican.utils import truncate_html_paragraphs, truncate_html_words

from private_api import content_html, set_summary

# Python-Markdown's footnotes extension writes these (markdown.extensions.footnotes).
_MARKERS = ('class="footnote-ref"', 'class="footnote"')


def without_footnotes(html: str) -> str:
    """`html` with footnote references (`sup > a.footnote-ref`, or the bare `a`) and the notes
    (`div.footnote`) removed; other markup is kept as it was."""
    if not any(marker in html for marker in _MARKERS):
        return html
    soup = BeautifulSoup(html, "html.parser")
    for ref in soup.select("a.footnote-ref"):
        (ref.parent if ref.parent is not None and ref.parent.name == "sup" else ref).decompose()
    for notes in soup.select("div.footnote"):
        notes.decompose()
    return str(soup)


def automatic_summary(html: str, settings: dict) -> str:
    """Pelican's automatic summary (SUMMARY_MAX_PARAGRAPHS, then SUMMARY_MAX_LENGTH words with
    SUMMARY_END_SUFFIX; pelican.contents.Content.get_summary) of `html` without footnotes."""
    content = without_footnotes(html)
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        content = truncate_html_paragraphs(content, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is None:
        return content
    return truncate_html_words(content, settings["SUMMARY_MAX_LENGTH"],
                               settings.get("SUMMARY_END_SUFFIX", "…"))


def summarise(doc) -> None:
    """Give `doc` (a Pelican document, after linking) its summary without footnotes when it
    has no `Summary:` and its content has footnotes; otherwise leave Pelican's own."""
    html = content_html(doc)
    if "summary" in doc.metadata or not any(m in html for m in _MARKERS):
        return  # an editor's Summary, or nothing to remove: Pelican's own
    set_summary(doc, automatic_summary(html, doc.settings))


def _summarise(generators) -> None:
    for gen in generators:
        for name in ("articles", "translations", "drafts", "drafts_translations", "pages",
                     "hidden_pages"):
            for doc in getattr(gen, name, None) or []:
                summarise(doc)


def register() -> None:
    # After prisoner_links, whose links the summary keeps (plugins/pipeline/pipeline.yaml).
    signals.all_generators_finalized.connect(_summarise)
