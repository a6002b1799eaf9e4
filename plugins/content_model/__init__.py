"""Content model: the metadata every article and page must carry, checked while reading.

Installs a Markdown reader that reports each metadata problem with file, field and fix (through
``build_errors``), typesets each language with its own quotation marks, and checks after reading
that no two documents share a slug within one language.
"""

from __future__ import annotations

from pelican import signals

import build_errors

from .outputs import (
    check_output_paths,
    check_static_files,
    remove_output_links,
    slug_key,
    source_label,
)
from .reader import ValidatingMarkdownReader


def _install_reader(readers) -> None:
    for ext in ValidatingMarkdownReader.file_extensions:
        readers.reader_classes[ext] = ValidatingMarkdownReader


# Lists of one generator whose documents share the output paths of their kind: published and
# hidden ones (the same *_SAVE_AS), drafts apart (drafts/). Pelican warns about a shared slug
# within each list (utils.process_translations); LOG_FILTER in pelicanconf.py hides that warning.
_SLUG_GROUPS = (("articles", "translations", "hidden_articles", "hidden_translations",
                 "pages", "hidden_pages"),
                ("drafts", "drafts_translations", "draft_pages", "draft_translations"))


def _first_owner(doc) -> tuple:
    """Which of the documents sharing a slug keeps it: a text of its own before a catalogue's
    version, then the earliest Date (its address may be linked already), then the path."""
    date = getattr(doc, "date", None)
    return (getattr(doc, "translationsource", "") == "catalogue",
            date.timestamp() if hasattr(date, "timestamp") else float("inf"),
            doc.relative_source_path)


def _check_unique_slugs(generator) -> None:
    """One line per document whose slug another one of its language already has, naming the
    one that keeps it (_first_owner) and the language. A version made from a catalogue
    (content_i18n) shares its source's slug; it is reported only when its source itself is not
    a duplicate, since two texts with one slug give every catalogue language the same clash
    again."""
    settings = generator.settings
    for names in _SLUG_GROUPS:
        docs = [doc for name in names for doc in getattr(generator, name, [])]
        groups: dict[tuple, list] = {}
        for doc in docs:
            groups.setdefault(slug_key(doc), []).append(doc)
        clashes = [group for group in groups.values() if len(group) > 1]
        restated = {doc.source_path for group in clashes for doc in group
                    if getattr(doc, "translationsource", "") != "catalogue"}
        for group in clashes:
            own = [doc for doc in group if getattr(doc, "translationsource", "") != "catalogue"
                   or doc.source_path not in restated]
            own.sort(key=_first_owner)
            for doc in own[1:]:
                build_errors.report(
                    source_label(settings, doc), "Slug",
                    f"'{doc.slug}' is already used by {source_label(settings, own[0])} "
                    f"({doc.lang}); choose another slug")


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


def _reader_cache_path(pelican) -> None:
    """Pelican's reader cache is keyed by file and mtime only; what the reader makes also
    depends on settings, the UI catalogues (footnote titles), this plugin's code and the
    input rules it applies (safe_input: the allowlist, slugs, URL checks). Each
    combination gets its own folder; the six most recent are kept."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    import hashlib
    import shutil
    from pathlib import Path

    import pelican as pelican_package

    keys = ["PATH", "MARKDOWN", "QUOTES", "LANGUAGES", "DEFAULT_LANG", "MAX_SOURCE_BYTES",
            "SITEURL", "FEED_SITEURL", "MIRRORS", "TIMEZONE", "ARTICLE_PATHS", "PAGE_PATHS",
            "UI_TRANSLATIONS_DIR", "LICENSE_DEFAULT"]
    parts = [repr([(k, settings.get(k)) for k in keys]), pelican_package.__version__]
    watched = [*Path(__file__).parent.glob("*.py"),
               *Path(__file__).parent.parent.joinpath("safe_input").glob("*.py"),
               *Path(settings["UI_TRANSLATIONS_DIR"]).glob("*/LC_MESSAGES/messages.po")]
    parts += [f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in sorted(watched)]
    digest = hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]
    base = Path(settings["CACHE_PATH"])
    if base.name.startswith("reader-"):
        base = base.parent  # autoreload: settings already adjusted by an earlier run
    settings["CACHE_PATH"] = str(base / f"reader-{digest}")
    if base.is_dir():
        old = sorted((d for d in base.glob("reader-*") if d.name != f"reader-{digest}"),
                     key=lambda d: d.stat().st_mtime, reverse=True)
        for stale in old[5:]:
            shutil.rmtree(stale, ignore_errors=True)


def register() -> None:
    signals.initialized.connect(_reader_cache_path)
    signals.readers_init.connect(_install_reader)
    signals.article_generator_finalized.connect(_check_unique_slugs)
    signals.page_generator_finalized.connect(_check_unique_slugs)
    signals.all_generators_finalized.connect(_check_not_empty)
    signals.all_generators_finalized.connect(check_output_paths)
    signals.static_generator_finalized.connect(check_static_files)
    signals.get_writer.connect(remove_output_links)
