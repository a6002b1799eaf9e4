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


def _check_not_empty(generators) -> None:
    """An empty or mistyped content folder would publish an empty site over the real one."""
    settings = generators[0].settings
    found = [
        item
        for generator in generators
        for name in ("articles", "translations", "pages", "hidden_pages")
        for item in getattr(generator, name, [])
    ]
    registry = generators[0].context.get("registry")
    if registry is not None and getattr(registry, "people", None):
        return  # a registry-only site is legitimate
    if not found and not build_errors.pending():  # rejected files are not missing ones
        paths = ", ".join(f"{settings['PATH']}/{p}" for p in
                          [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]])
        build_errors.report(settings["PATH"], "content",
                            f"no articles, pages or registry entries found in {paths}; check "
                            "the content folder given to pelican (an empty build would replace "
                            "the whole site)")


def register() -> None:
    signals.readers_init.connect(_install_reader)
    signals.article_generator_finalized.connect(_check_unique_slugs)
    signals.page_generator_finalized.connect(_check_unique_slugs)
    signals.all_generators_finalized.connect(_check_not_empty)
