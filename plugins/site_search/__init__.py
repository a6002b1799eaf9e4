"""Site search with Pagefind (https://pagefind.app/), run by the build.

* Every article, page, profile and case page marks its main content `data-pagefind-body` and
  carries a hidden search record (records.py): the names of the people it is about in every
  form the linker knows, and its filter values (category, person, case, status, year,
  language). The theme's base template asks for it with the Jinja global `search_record()`.
* A search page per language (`/<lang>/search/`, the default language at `/search/`), with its
  own Content-Security-Policy (CSP_LISTING_SOURCES["search"]: 'wasm-unsafe-eval'), a search UI
  of our own on Pagefind's JavaScript API (theme/static/js/search.js) and, for readers without
  JavaScript or without WebAssembly (a `file://` copy), links to the archives, the prisoners
  index and the tag pages.
* indexer.py runs the Pagefind binary from the `pagefind[bin]` package on the written site:
  one index per `<html lang>`. It starts at `pipeline.pages_written` (every page on disk,
  while the writer still writes feeds, calendars and data) and is waited for at `finalized`;
  where that point is not sent (PERFORMANCE = False) or the pages are rewritten after it (a
  mirror build; a marked page changed since), it runs at `finalized`, after the mirror's
  rewriting. It runs only when the indexed pages changed (a hash of their bytes), writes its
  bundle straight into the output (`pagefind.partial`, renamed into place), and a fresh
  folder with the same pages copies the bundle from the folder the cache's record names,
  checked against the record's digests.

Settings: SEARCH_INDEX (default True; False builds no index, and removes the one an earlier
build left in the output folder).
"""

from __future__ import annotations

import time

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator
from pelican.log import console

import pipeline
import site_scheme

from .records import case_record, document_record, name_words, profile_record
from .settings import SCHEMA

_state: dict = {"words": {}}


def _names(generators) -> None:
    """Every registered person's name forms, once per build, before the writers fork."""
    started = time.perf_counter()
    registry = None
    for gen in generators:
        registry = registry or gen.context.get("registry")
    _state["words"] = ({slug: name_words(p) for slug, p in registry.people.items()}
                       if registry is not None else {})
    _state["seconds"] = time.perf_counter() - started


def _install_globals(generator) -> None:
    settings = generator.settings
    from ui_i18n.jinja import page_lang, site_time

    timezone = settings.get("TIMEZONE") or ""

    @pass_context
    def search_record(ctx):
        """This page's search record (records.SearchRecord), or None for a page the search
        does not list (listings, drafts, the search page, 404)."""
        registry = ctx.get("registry")
        words = _state["words"]
        person = ctx.get("person")
        if person is not None and registry is not None:
            return profile_record(person, page_lang(ctx), words)
        if ctx.get("case") is not None and ctx.get("members") is not None:
            return case_record(ctx["case"], list(ctx["members"]), page_lang(ctx))
        for kind in ("article", "page"):
            doc = ctx.get(kind)
            if doc is None or not hasattr(doc, "lang") or getattr(doc, "status", "") == "draft":
                continue
            people = []
            if registry is not None:
                slugs = getattr(doc, "detected_people", None)
                if slugs is None:
                    slugs = [p.slug for p in getattr(doc, "people", None) or []]
                people = [registry.people[s] for s in slugs if s in registry.people]
            year = site_time(doc.date, timezone).year if kind == "article" else None
            return document_record(doc, kind, people, year, words)
        return None

    generator.env.globals["search_record"] = search_record


class SearchPageGenerator(Generator):
    """Writes the search page of every language."""

    def generate_output(self, writer) -> None:
        from functools import partial

        from prisoner_registry.schema import STATUSES
        from prisoner_registry.views import localized
        from security_headers.policy import meta_policy
        from ui_i18n.collation import collate, person_key
        from ui_i18n.jinja import site_time

        settings = self.settings
        langs = settings["LANGUAGES"]
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        registry = self.context.get("registry")
        timezone = settings.get("TIMEZONE") or ""
        policy = meta_policy(settings, "search")
        alternates = {lang: site_scheme.url("search", lang) for lang in langs}
        for lang in langs:
            articles = self.context.get("articles_by_lang", {}).get(lang, [])
            tags = {}
            for article in articles:
                for tag in getattr(article, "tags", []) or []:
                    tags.setdefault(tag.slug, _tag_name(str(tag), article, lang, registry))
            years = sorted({site_time(a.date, timezone).year for a in articles}, reverse=True)
            people = cases = []
            if registry is not None:
                people = collate(registry.people.values(), lang,
                                 key=lambda p, lang=lang: person_key(p, lang))
                cases = collate(registry.cases.values(), lang,
                                key=lambda c, lang=lang: (localized(c.name, lang).text, c.slug))
            write(site_scheme.save_as("search", lang), self.get_template("search"),
                  self.context, page_lang=lang, page_alternates=alternates, page_kind="search",
                  CSP_META_POLICY=policy,
                  search_tags=collate([{"slug": slug, "text": text, "lang": tag_lang}
                                       for slug, (text, tag_lang) in tags.items()],
                                      lang, key=lambda t: (t["text"], t["slug"])),
                  search_years=years, search_people=people, search_cases=cases,
                  statuses=STATUSES)


def _tag_name(name: str, article, lang: str, registry) -> tuple[str, str]:
    """(text, language) of a tag as the article's own page shows it (the theme's `doc_name`):
    a catalogue translation carries its source's tags, shown in `lang` when the registry or
    content/names.yaml knows the name, else in English."""
    if getattr(article, "translationsource", None) == "catalogue":
        known = registry.proper_name(name, lang) if registry is not None else None
        return tuple(known) if known else (name, "en")
    return name, article.lang


def _get_generators(_pelican):
    return SearchPageGenerator


def _pages_written(output_path: str, settings: dict) -> None:
    """Every page is on disk (pipeline.pages_written): Pagefind starts on them while the
    other outputs are written; _index waits for it."""
    if not SCHEMA.get(settings, "SEARCH_INDEX"):
        return
    _cancel()
    # A mirror build rewrites every page's links at `finalized` (plugins/mirror), after this
    # point; its index is made from the rewritten pages, at `finalized`.
    if settings.get("MIRROR_BUILD"):
        return
    from .indexer import start_index

    _state["run"] = start_index(output_path, settings)


def _cancel() -> None:
    run = _state.pop("run", None)
    if run is not None:
        run.cancel()


def stop_index() -> None:
    """Stop the Pagefind run a build started on its pages (pipeline.pages_written) and remove
    its unfinished bundle: for a process that goes on after a build failed (`make serve`'s
    dev server). Pelican sends no signal when a build fails; the `pelican` command stops the
    run when it exits (indexer.start_index registers IndexRun.cancel with atexit). Does
    nothing when no run is waiting."""
    _cancel()


def _index(pelican) -> None:
    if not SCHEMA.get(pelican.settings, "SEARCH_INDEX"):
        from .indexer import BUNDLE, remove_bundle

        # An earlier build's bundle in this folder would still answer searches, for pages
        # that may have been taken down since.
        if remove_bundle(pelican.output_path):
            console.print(f"search index: off; the earlier index in {BUNDLE}/ was removed")
        return
    from .indexer import build_index

    run = _state.pop("run", None)
    if run is not None and run.current():
        report = run.finish()
    else:
        # Not started (no performance layer, PERFORMANCE = False, a mirror build), or a page
        # changed after Pagefind started: indexed here, from the pages as they are now.
        if run is not None:
            run.cancel()
        report = build_index(pelican.output_path, pelican.settings)
    report.name_forms_seconds = _state.get("seconds", 0.0)
    for line in report.lines():
        console.print(line)


def register() -> None:
    signals.all_generators_finalized.connect(_names)
    signals.generator_init.connect(_install_globals)
    signals.get_generators.connect(_get_generators)
    pipeline.PAGES_WRITTEN.connect(_pages_written)
    signals.finalized.connect(_index)
