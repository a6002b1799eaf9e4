"""One translation map for the whole build: which language versions each document has.

Documents are grouped by Pelican's ARTICLE_TRANSLATION_ID / PAGE_TRANSLATION_ID (the Slug);
every member gets ``alternates``, an ordered {lang: document} including itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence


def link_translations(documents: Iterable, languages: Sequence[str], id_attr: str = "slug") -> None:
    groups: dict[str, dict[str, object]] = defaultdict(dict)
    for doc in documents:
        groups[getattr(doc, id_attr)][doc.lang] = doc
    order = {lang: i for i, lang in enumerate(languages)}
    for members in groups.values():
        ordered = dict(sorted(members.items(), key=lambda kv: order.get(kv[0], len(order))))
        for doc in members.values():
            doc.alternates = ordered


def by_language(documents: Iterable, languages: Sequence[str]) -> dict[str, list]:
    """Documents per language, newest first where they have dates."""
    out: dict[str, list] = {lang: [] for lang in languages}
    for doc in documents:
        out.setdefault(doc.lang, []).append(doc)
    for docs in out.values():
        docs.sort(
            key=lambda d: (getattr(d, "date", None) is not None, getattr(d, "date", 0)),
            reverse=True,
        )
    return out
