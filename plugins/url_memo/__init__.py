"""URLs worked out once per document. Pelican's `Content.url` is a property that formats the
URL setting again on every read, and the writing half reads each document's URL thousands of
times (switchers, listings, feeds, render keys): at 2,000 articles in six languages that was a
fifth of a rebuild. Once every generator and plugin has finished the context (the end of
`all_generators_finalized`, before any page is written or writer processes fork), each
document's URL is computed and kept on it; anything that reads it later gets the same string
without the work. Before that, `url` is Pelican's."""

from __future__ import annotations

from collections.abc import Iterable

from pelican import signals
from pelican.contents import Content

_computed = Content.url  # Pelican's own property


def _url(self) -> str:
    frozen = self.__dict__.get("_url_memo")
    return frozen if frozen is not None else _computed.fget(self)


def documents(context: dict) -> Iterable[Content]:
    """Every document in the context: the lists Pelican keeps, the per-language lists the
    plugins add, and each document's language versions."""
    seen: set[int] = set()
    stack: list = []
    for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations",
                 "draft_articles", "draft_translations", "draft_pages"):
        stack.extend(context.get(name) or [])
    for name in ("articles_by_lang", "pages_by_lang"):
        for docs in (context.get(name) or {}).values():
            stack.extend(docs)
    while stack:
        doc = stack.pop()
        if id(doc) in seen or not isinstance(doc, Content):
            continue
        seen.add(id(doc))
        yield doc
        stack.extend(getattr(doc, "translations", None) or [])
        stack.extend((getattr(doc, "alternates", None) or {}).values())


def freeze(context: dict) -> int:
    """Compute and keep every document's URL; returns how many."""
    count = 0
    for doc in documents(context):
        doc._url_memo = _computed.fget(doc)
        count += 1
    return count


def _freeze(generators) -> None:
    for generator in generators:
        if getattr(generator, "context", None) is not None:
            freeze(generator.context)  # one context, shared by every generator
            return


def register() -> None:
    Content.url = property(_url)
    # Pelican calls a signal's receivers in plugin order (it gives blinker an OrderedSet), and
    # this plugin is listed last: every other plugin has finished the documents by now.
    signals.all_generators_finalized.connect(_freeze)
