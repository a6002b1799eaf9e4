"""Content model: the metadata every article and page must carry, checked while reading.

Installs a Markdown reader that reports each metadata problem with file, field and fix (through
``build_errors``), typesets each language with its own quotation marks, and checks after reading
that no two documents share a slug within one language.
"""

from __future__ import annotations

from collections import Counter

from pelican import signals

import build_errors

from .reader import ValidatingMarkdownReader


def _install_reader(readers) -> None:
    for ext in ValidatingMarkdownReader.file_extensions:
        readers.reader_classes[ext] = ValidatingMarkdownReader


def _check_unique_slugs(generator) -> None:
    items = [
        *getattr(generator, "articles", []),
        *getattr(generator, "translations", []),
        *getattr(generator, "pages", []),
        *getattr(generator, "hidden_pages", []),
    ]
    seen = Counter((item.slug, item.lang) for item in items)
    for item in items:
        if seen[(item.slug, item.lang)] > 1:
            others = sorted(
                o.relative_source_path
                for o in items
                if (o.slug, o.lang) == (item.slug, item.lang) and o is not item
            )
            build_errors.report(
                f"{generator.settings['PATH'].rstrip('/').rsplit('/', 1)[-1]}/"
                f"{item.relative_source_path}",
                "Slug",
                f"'{item.slug}' is used again in language '{item.lang}' by "
                f"{', '.join(others)}; give each document its own Slug",
            )


def register() -> None:
    signals.readers_init.connect(_install_reader)
    signals.article_generator_finalized.connect(_check_unique_slugs)
    signals.page_generator_finalized.connect(_check_unique_slugs)
