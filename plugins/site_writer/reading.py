"""The reading half on every core: the Markdown files that are not in Pelican's reader cache
are parsed by a forked pool and put in that cache; Pelican's own (single-process) reading
then finds them there. A file with problems is left out: Pelican reads it again and reports
them."""

from __future__ import annotations

import os

from pelican.generators import ArticlesGenerator

from .settings import SCHEMA


def prefetch(generator) -> None:
    settings, readers = generator.settings, generator.readers
    if not SCHEMA.get(settings, "PERFORMANCE") or not settings.get("CACHE_CONTENT") \
            or "md" not in readers.readers:
        return
    from parallel_output import parallel_map
    from private_api import cache_reading, cached_reading

    if isinstance(generator, ArticlesGenerator):
        paths, exclude = settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]
    else:
        paths, exclude = settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]
    files = [os.path.abspath(os.path.join(generator.path, f))
             for f in generator.get_files(paths, exclude=exclude, extensions=("md",))]
    todo = [f for f in files if cached_reading(readers, f) is None]
    reader = readers.readers["md"]

    def read(path: str):
        try:
            return reader.read(path)
        except Exception:  # noqa: BLE001 (reported when Pelican reads it again)
            return None

    for path, data in zip(todo, parallel_map(read, todo, settings), strict=True):
        if data is not None:
            cache_reading(readers, path, *data)
