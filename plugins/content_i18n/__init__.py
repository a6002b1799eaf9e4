"""Translations through content catalogues (translations/content/<lang>/<slug>.po).

After Pelican has read and grouped the content, every source document gets a language version
built from its catalogue for each language that has no translated Markdown file (those win)
and whose catalogue reaches TRANSLATION_THRESHOLD. Versions below it are not published; their
progress is shown by the language switcher."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page

import build_errors
import pipeline

from . import summaries
from .build import logger as build_logger
from .build import markdown_for, sanitise, versions_for
from .catalogs import CatalogueError, check_link
from .naming import catalogue_path
from .progress import TranslatorsPagesGenerator


def git_blob_hash(path: str) -> str:
    """The hash `git hash-object` gives a file: what `TranslationOf:` records."""
    data = Path(path).read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def translator_name(last_translator: str) -> str:
    """The name to credit from a `Last-Translator` header ("Name <address>"): the name only,
    never the address; empty for gettext's placeholder."""
    name = last_translator.split("<", 1)[0].strip()
    return "" if name in ("FULL NAME", "Automatically generated") else name


def _add_versions(generator, originals: list, translations: list, cls) -> None:
    settings = generator.settings
    from content_model.reader import markdown_config

    configs: dict[str, dict] = {}  # one per language, read (never changed) by every version

    def config(lang: str) -> dict:
        if lang not in configs:
            configs[lang] = markdown_config(settings, lang)
        return configs[lang]

    def summary_html(lang: str, text: str) -> str:
        # The language's one Markdown (build.markdown_for), which rendered the version itself:
        # building one costs more than a run.
        return sanitise(markdown_for(config(lang)).reset().convert(text))

    def versions(item: tuple[str, str, str, frozenset]) -> tuple:
        # One source document's catalogue versions, made without changing what other
        # documents share (pipeline.each may run it in another process): its input errors
        # and warnings and the renderings it made are handed back, not kept.
        source_path, lang, slug, skip = item
        summaries.made()
        said: list[tuple[bool, tuple]] = []  # (an input error?, its arguments)
        found = versions_for(source_path, lang, slug, settings,
                             lambda *args: said.append((True, args)), config, skip=skip,
                             warn=lambda *args: said.append((False, args)))
        summary = {v.lang: summary_html(v.lang, v.summary)
                   for v in found if v.html and v.summary}
        return git_blob_hash(source_path), found, summary, said, summaries.made()

    items = [(o.source_path, o.lang, o.slug, frozenset(t.lang for t in o.translations))
             for o in originals]
    results = pipeline.each("catalogue versions", versions, items, settings)
    for orig, (current, found, summary, said, made) in zip(originals, results, strict=True):
        for error, args in said:
            (build_errors.report if error else build_logger.warning)(*args)
        summaries.keep(made)
        existing = {t.lang: t for t in orig.translations}
        for t in existing.values():
            recorded = getattr(t, "translationof", None)
            t.outdated = bool(recorded) and recorded != current
        orig.catalogue_progress = {}
        # The entries of each language's catalogue the build does not use (progress.py).
        orig.catalogue_refused = {v.lang: v.refused for v in found}
        # Each language version's progress as the threshold counted it (build.doc_stats):
        # the translators' pages show this very number.
        orig.catalogue_stats = {v.lang: v.stats for v in found}
        for version in found:
            if version.lang in existing:
                continue  # a translated Markdown file wins over the catalogue
            if not version.html:
                orig.catalogue_progress[version.lang] = version.stats.shown_percent
                continue
            meta = {k: v for k, v in orig.metadata.items() if k != "summary"}
            meta.update(lang=version.lang, title=version.title, slug=orig.slug,
                        translationsource="catalogue")
            credit = translator_name(version.translator)
            if credit:
                meta["translatedby"] = credit
            if version.summary:
                meta["summary"] = summary[version.lang]
            doc = cls(version.html, metadata=meta, settings=settings,
                      source_path=orig.source_path, context=generator.context)
            doc.fuzzy_translation = version.fuzzy
            # An untranslated (or outdated) title or summary shows the source text: marked with
            # its language by the templates (article.html, _macros.html card).
            doc.title_lang, doc.summary_lang = version.title_lang, version.summary_lang
            doc.translation_percent = version.stats.shown_percent
            doc.outdated = version.fuzzy
            translations.append(doc)
            orig.translations.append(doc)


def _articles(generator) -> None:
    summaries.load(generator.settings["CACHE_PATH"])
    summaries.prefetch(Path(generator.settings["CONTENT_TRANSLATIONS_DIR"]), generator.settings)
    _add_versions(generator, generator.articles, generator.translations, Article)


def _pages(generator) -> None:
    summaries.load(generator.settings["CACHE_PATH"])
    _add_versions(generator, generator.pages, generator.translations, Page)


def _translate_registry(generators) -> None:
    """Fill languages missing from registry texts from the registry catalogues."""
    from .registry import table, translated

    for gen in generators:
        registry = gen.context.get("registry")
        if registry is None or getattr(registry, "catalogues_applied", False):
            continue
        root = Path(gen.settings["CONTENT_TRANSLATIONS_DIR"])
        langs = [x for x in gen.settings["LANGUAGES"] if x != gen.settings["DEFAULT_LANG"]]
        # Entries not used, by catalogue path: the translators' pages (progress.py).
        registry.catalogue_refused = {}
        for folder, entries in (("prisoners", registry.people), ("cases", registry.cases)):
            for slug, entry in list(entries.items()):
                tables = {}
                for lang in langs:
                    path = catalogue_path(root, lang, slug, folder)
                    try:
                        if path.exists():  # a link is never read
                            check_link(path, root)
                        tables[lang] = table(path, build_errors.report,
                                             registry.catalogue_refused.setdefault(str(path),
                                                                                   set()))
                    except CatalogueError as exc:
                        build_errors.report(os.path.relpath(path), exc.where,
                                            exc.problem + exc.fix)
                entries[slug] = translated(entry, {k: v for k, v in tables.items() if v})
        registry.catalogues_applied = True
        return


def _get_generators(_pelican):
    return TranslatorsPagesGenerator


def _save_summaries(pelican) -> None:
    summaries.save(pelican.settings["CACHE_PATH"])


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.finalized.connect(_save_summaries)
    signals.all_generators_finalized.connect(_translate_registry)
    signals.article_generator_pretaxonomy.connect(_articles)
    signals.page_generator_finalized.connect(_pages)
