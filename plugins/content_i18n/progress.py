"""The translators' pages: per language, progress bars and the documents that need work
(outdated first), each with its .po file, which is published next to the page."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import polib
from pelican.generators import Generator

import site_scheme
from build_errors import CleanFailure
from safe_input.urls import link_problem
from ui_i18n.catalogs import refused as ui_refused
from ui_i18n.catalogs import template_keys

from . import summaries, workflow
from .catalogs import CatalogueError, Stats, stats
from .naming import catalogue_path
from .registry import text_stats


@dataclass
class DocProgress:
    slug: str
    title: str
    kind: str  # articles | pages | prisoners | cases
    stats: Stats
    po_url: str
    url: str | None  # the published version in this language, if any
    source_url: str
    outdated: bool  # fuzzy segments, or a translated file whose source changed
    file_translation: bool  # a translated Markdown file exists (it wins over the catalogue)
    source_lang: str = "en"

    @property
    def needs_work(self) -> bool:
        return self.outdated or (not self.file_translation and self.stats.untranslated > 0)


class TranslatorsPagesGenerator(Generator):
    def _registry(self, content: Path) -> list[tuple[str, str, object]]:
        """(folder, slug, entry) of every registry file content/<folder>/<slug>.yaml, as
        workflow.registry_entries gives them: taken from the registry the build has already
        read and checked (prisoner_registry; a build with an invalid file stops before
        writing) rather than reading and validating every file again."""
        registry = self.context.get("registry")
        if registry is None:
            return [(folder, slug, entry)
                    for folder, slug, _path, entry in workflow.registry_entries(content)]
        return [(folder, slug, entry)
                for folder, entries in (("prisoners", registry.people), ("cases", registry.cases))
                for slug, entry in entries.items()
                if (content / folder / f"{slug}.yaml").is_file()]

    def _draft_stats(self, source: Path, po: Path, lang: str, content: Path) -> Stats:
        """workflow.document_stats of a catalogue no language version was made from (the
        build has not checked it): one msgfmt refuses, or a msgstr that changes a link
        target, stops the build with the line the build gives (versions_for), never a
        traceback. Raises build_errors.CleanFailure."""
        try:
            summaries.cached(po) or summaries.summarise(po)
        except CatalogueError as exc:
            raise CleanFailure(f"{os.path.relpath(po)}: {exc.where}: "
                               f"{exc.problem}{exc.fix}") from None
        try:
            return workflow.document_stats(source, po, lang, content, self.settings)
        except CatalogueError as exc:
            raise CleanFailure(f"{os.path.relpath(po)}: {exc.where}: {exc.problem}") from None

    def generate_output(self, writer) -> None:
        settings = self.settings
        default = settings["DEFAULT_LANG"]
        content = Path(settings["PATH"])
        po_dir = Path(settings["CONTENT_TRANSLATIONS_DIR"])
        ui_dir = Path(settings["UI_TRANSLATIONS_DIR"])
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        by_lang = {lang: {(d.slug): d for d in docs}
                   for lang, docs in self.context.get("articles_by_lang", {}).items()}
        for lang, docs in self.context.get("pages_by_lang", {}).items():
            by_lang.setdefault(lang, {}).update({d.slug: d for d in docs})
        targets = [lang for lang in settings["LANGUAGES"] if lang != default]
        alternates = {x: site_scheme.url("translate", x) for x in settings["LANGUAGES"]}
        overview = {}
        documents = workflow.documents(content, settings["LANGUAGES"], default)
        registry = self._registry(content)
        refused_registry = getattr(self.context.get("registry"), "catalogue_refused", {})
        for lang in targets:
            rows = []
            for doc in documents:
                po = catalogue_path(po_dir, lang, doc.slug)
                # Texts written in this language, or translated into it as a Markdown file,
                # use no catalogue here: not offered.
                if not po.exists() or lang == doc.lang or lang in doc.file_langs:
                    continue
                published = by_lang.get(lang, {}).get(doc.slug)
                source = by_lang.get(doc.lang, {}).get(doc.slug)
                # The count the build's threshold made (build.doc_stats); for a document the
                # build made no language versions of (a draft, a hidden page), the same
                # function here, as in i18n.status.
                s = getattr(source, "catalogue_stats", {}).get(lang)
                if s is None:
                    s = self._draft_stats(doc.path, po, lang, content)
                rel = po.relative_to(po_dir).as_posix()
                rows.append(DocProgress(
                    doc.slug, source.title if source else doc.slug,
                    "pages" if "/pages/" in doc.path.as_posix() else "articles", s,
                    site_scheme.url("catalogue", path=rel),
                    published.url if published else None, source.url if source else "",
                    bool(getattr(published, "outdated", False)) or s.fuzzy > 0, False,
                    doc.lang))
                _publish(writer, po, site_scheme.save_as("catalogue", path=rel), po_dir)
            for folder, slug, entry in registry:
                po = catalogue_path(po_dir, lang, slug, folder)
                if not po.exists():
                    continue
                summary = summaries.cached(po) or summaries.summarise(po)
                s = text_stats(entry, lang, summary.table, refused_registry.get(str(po), ()))
                rel = po.relative_to(po_dir).as_posix()
                title = entry.names.en.full if hasattr(entry, "names") else entry.name["en"]
                page = "profile" if folder == "prisoners" else "case"  # site_scheme names
                rows.append(DocProgress(
                    slug, title, folder, s, site_scheme.url("catalogue", path=rel),
                    site_scheme.url(page, lang, slug=slug), site_scheme.url(page, slug=slug),
                    s.fuzzy > 0, False, default))
                _publish(writer, po, site_scheme.save_as("catalogue", path=rel), po_dir)
            rows.sort(key=lambda r: (not r.outdated, r.file_translation, r.stats.percent, r.slug))
            ui_po = ui_dir / lang / "LC_MESSAGES" / "messages.po"
            _publish(writer, ui_po, site_scheme.save_as("ui-catalogue", lang), ui_dir)
            ui = stats(polib.pofile(str(ui_po)), ui_refused(settings, lang),
                       template_keys(settings))
            # Texts translated as Markdown files do not use their catalogue: not counted.
            counted = [r for r in rows if not r.file_translation]
            total = Stats(sum(r.stats.translated for r in counted),
                          sum(r.stats.fuzzy for r in counted),
                          sum(r.stats.untranslated for r in counted))
            overview[lang] = (ui, total)
            write(site_scheme.save_as("translate", lang), self.get_template("translators"),
                  self.context, page_lang=lang, target_lang=lang, rows=rows, ui_stats=ui,
                  content_stats=total, ui_po_url=site_scheme.url("ui-catalogue", lang),
                  page_alternates=alternates)
        write(site_scheme.save_as("translate", default), self.get_template("translators"),
              self.context, page_lang=default, target_lang=None, overview=overview,
              page_alternates=alternates)


def _publish(writer, source: Path, path: str, root: Path) -> None:
    """A catalogue published as it is, for translators to download: made from the file.
    One that is a symbolic link or resolves outside `root`, its translations folder
    (safe_input.urls.link_problem), is never read: build_errors.CleanFailure, one line."""
    link = link_problem(source, root)
    if link:
        raise CleanFailure(f"{os.path.relpath(source)}: catalogue: {link}")
    stat = source.stat()
    writer.write(path, (str(source), stat.st_mtime_ns, stat.st_size), source.read_bytes)
