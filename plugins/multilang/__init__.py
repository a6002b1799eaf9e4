"""Multilingual single build: every language from one reading of the content.

Pelican reads each source file once; this plugin groups the language versions by Slug into one
translation map, gives the templates per-language lists, URL helpers, hreflang alternates and
the language switcher, and writes each language's listing pages (see listings.py).
"""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.utils import missing
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

import site_scheme

from .links import Targets, localise_document
from .listings import LanguageListingsGenerator
from .translation_map import by_language, link_translations


def _get_generators(_pelican):
    return LanguageListingsGenerator


def _build_map(generators) -> None:
    articles, pages, context, settings = [], [], None, None
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            articles = [*gen.articles, *gen.translations]
            context, settings = gen.context, gen.settings
        elif isinstance(gen, PagesGenerator):
            pages = [*gen.pages, *gen.translations]
    if context is None:
        return
    languages = settings["LANGUAGES"]
    link_translations(articles, languages)
    link_translations(pages, languages)
    context["articles_by_lang"] = by_language(articles, languages)
    context["pages_by_lang"] = by_language(pages, languages)


# Documents Pelican writes that are not published in the listings: drafts (previewed at
# drafts/<slug>/) and hidden ones. Their links are mapped too, as make serve maps the text it
# writes first (tools/dev_server.py), but never to one of them (Targets: published only).
_UNLISTED = ("hidden_articles", "hidden_translations", "drafts", "drafts_translations",
             "hidden_pages", "draft_pages", "draft_translations")


def _localise_links(generators) -> None:
    """In every version translated from another language that the build writes (published,
    and drafts and hidden ones: _UNLISTED), internal links lead to the published versions in
    its language (links.py); after the translation map, before the prisoner linker and the
    automatic summaries (which are cut from the content)."""
    found = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if found is not None:
        unlisted = [doc for gen in generators
                    if isinstance(gen, (ArticlesGenerator, PagesGenerator))
                    for name in _UNLISTED for doc in getattr(gen, name, None) or []]
        localise_links(found.context, found.settings, unlisted=unlisted)


def localise_links(context: dict, settings: dict, documents: list | None = None,
                   unlisted: list | None = None) -> None:
    """Map the internal links of `documents` (default: every published article and page of
    `context`, after _build_map, and `unlisted`, drafts and hidden documents) to the
    published versions in each one's language (links.py). The dev server calls it for the
    one text an editor saved, as the build does for all."""
    articles = [d for docs in context.get("articles_by_lang", {}).values() for d in docs]
    pages = [d for docs in context.get("pages_by_lang", {}).values() for d in docs]
    published = articles + pages
    targets = Targets.of(articles, pages, context.get("generated_content", {}),
                         settings.get("SITEURL", ""))
    for doc in published + (unlisted or []) if documents is None else documents:
        localise_document(doc, targets, settings)


def _get(ctx, key: str, default=None):
    """ctx.get(key, default) without the KeyError that get() raises and catches for a name the
    page does not have (page_alternates, articles_page on a text's page), several times a page."""
    found = ctx.resolve_or_missing(key)
    return default if found is missing else found


def _install_globals(generator) -> None:
    settings = generator.settings
    env = generator.env
    from ui_i18n.jinja import language_name, page_lang

    @pass_context
    def url_for(ctx, kind: str, slug: str = "", lang: str | None = None,
                fmt: str | None = None, **fields: str) -> str:
        """Site-relative URL of any address of site_scheme.PATTERNS in the page's (or the
        given) language: url_for('profile', person.slug), url_for('feed-all', fmt='atom')."""
        return site_scheme.url(kind, lang or page_lang(ctx), fmt, slug=slug, **fields)

    urls_of: dict[int, tuple[object, dict[str, str]]] = {}  # one environment per build

    def _alternate_urls(doc) -> dict[str, str]:
        # Asked for by hreflang links, the switcher and feeds on every page; Pelican's url
        # property formats its pattern on each access.
        found = urls_of.get(id(doc))
        if found is None or found[0] is not doc:
            alts = getattr(doc, "alternates", None) or {doc.lang: doc}
            found = urls_of[id(doc)] = (doc, {lang: d.url for lang, d in alts.items()})
        return found[1]

    @pass_context
    def page_translations(ctx) -> dict[str, str]:
        """{lang: url} of the versions of the page being rendered that exist (self included)."""
        explicit = _get(ctx, "page_alternates")
        paginated = _get(ctx, "articles_page")
        if explicit is not None and paginated is not None and paginated.number > 1:
            # Page N of a listing: the other languages' page N lists other articles (or does
            # not exist), so it is its own only version (search engines need the self link).
            return {page_lang(ctx): paginated.url}
        if explicit is not None:
            return dict(explicit)
        for key in ("article", "page"):
            doc = _get(ctx, key)
            if doc is not None and hasattr(doc, "lang"):
                return dict(_alternate_urls(doc))
        lang = page_lang(ctx)
        return {lang: site_scheme.url("index", lang)}

    @pass_context
    def language_switcher(ctx) -> list[dict]:
        """One entry per site language: the same page there, or that language's home, with
        the language's name in itself."""
        current = page_lang(ctx)
        existing = page_translations(ctx)
        progress = {}  # languages whose catalogue is below the publishing threshold
        for key in ("article", "page"):
            doc = _get(ctx, key)
            for version in (getattr(doc, "alternates", None) or {}).values():
                progress.update(getattr(version, "catalogue_progress", None) or {})
        return [
            {
                "lang": lang,
                "name": language_name(lang),
                "url": existing.get(lang, site_scheme.url("index", lang)),
                "exists": lang in existing,
                "current": lang == current,
                "progress": progress.get(lang),
            }
            for lang in settings["LANGUAGES"]
        ]

    @pass_context
    def x_default(ctx) -> str:
        existing = page_translations(ctx)
        return existing.get(settings["DEFAULT_LANG"]) or next(iter(existing.values()))

    @pass_context
    def pages_in_language(ctx) -> list:
        return _get(ctx, "pages_by_lang", {}).get(page_lang(ctx), [])

    env.globals.update(
        url_for=url_for,
        page_translations=page_translations,
        language_switcher=language_switcher,
        x_default=x_default,
        pages_in_language=pages_in_language,
        lang_prefix=site_scheme.prefix,
        feed_formats=site_scheme.FEED_FORMATS,
    )


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_build_map)
    signals.all_generators_finalized.connect(_localise_links)
    signals.generator_init.connect(_install_globals)
