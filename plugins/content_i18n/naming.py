"""One name for every content catalogue, used by `invoke i18n.extract` and by the build.

A document's catalogue is translations/content/<lang>/<slug>.po, where <slug> is the slug the
reader gives the document (its `Slug:` field, else one made from the file name), never the
raw file name: `Заявление солидарности.md` has the catalogue `zaiavlenie-solidarnosti.po`
on both sides."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def document_slug(meta_slug: str, source_path: str | Path, languages: list[str]) -> str:
    """The slug the reader (content_model.reader) gives a document: its `Slug:` value, else
    the file name without a language suffix (`about.ru.md` -> `about`) made URL-safe by
    content_model.source_checks.slug_for_source (the reader's own rule)."""
    if meta_slug:
        return meta_slug
    from content_model.source_checks import slug_for_source

    return slug_for_source(source_path, languages)


def catalogue_path(root: str | Path, lang: str, slug: str, folder: str = "") -> Path:
    """translations/content/<lang>/[<folder>/]<slug>.po under `root` (CONTENT_TRANSLATIONS_DIR);
    `folder` is "prisoners" or "cases" for registry catalogues."""
    return _folder(root, lang, folder) / f"{slug}.po"


@lru_cache(maxsize=256)
def _folder(root: str | Path, lang: str, folder: str) -> Path:
    """<root>/<lang>[/<folder>]: the same few folders are asked for once per document and
    language (30,000 times at N = 2,000), and each pathlib join parses its parts again."""
    base = Path(root) / lang
    return base / folder if folder else base
