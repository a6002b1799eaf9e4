"""Each document's URL worked out once. Pelican's `Content.url` formats the URL setting again
on every read, and the writing half reads each URL thousands of times (switchers, listings,
feeds, keys): at 2,000 articles in six languages that was a fifth of a rebuild. When the
writer is asked for (every generator and plugin has finished the documents), each document
gets its URL as `override_url`, Pelican's documented per-document extension point (the one
`url:` metadata sets), so Pelican's own property returns it without formatting again."""

from __future__ import annotations

from collections.abc import Iterable

from pelican.contents import Content, Static


def documents(context: dict) -> Iterable[Content]:
    """Every document in the context: the lists Pelican keeps, the per-language lists the
    plugins add, and each document's language versions (static files excluded)."""
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
        if id(doc) in seen or not isinstance(doc, Content) or isinstance(doc, Static):
            continue
        seen.add(id(doc))
        yield doc
        stack.extend(getattr(doc, "translations", None) or [])
        stack.extend((getattr(doc, "alternates", None) or {}).values())


def freeze(context: dict) -> int:
    """Set every document's `override_url` to the URL Pelican computes for it now; returns
    how many documents."""
    count = 0
    for doc in documents(context):
        doc.override_url = doc.url
        count += 1
    return count
