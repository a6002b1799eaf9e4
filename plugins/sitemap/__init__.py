"""Sitemaps (sitemaps.org protocol 0.9) and robots.txt, written once the whole site is.

`sitemap.xml` is a sitemap index naming one sitemap per language, `sitemap-<lang>.xml`. Each
lists the HTML pages whose `<html lang>` is that language, each with
`<xhtml:link rel="alternate" hreflang href>` for every version the page itself declares
(itself and `x-default` included) and `lastmod` from the document's `Modified` or `Date`.
The pages are read from the output, so the sitemaps list exactly what was written; the 404
pages (site_scheme "404") are left out, and drafts are never written. `robots.txt` names the
index.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from pelican import signals
from pelican.generators import Generator

from .build import page_entries, robots_txt, sitemap_index, urlset

_modified: dict[str, datetime] = {}  # site-relative URL -> Modified, else Date
_unlisted: set[str] = set()  # save_as of drafts and hidden pages (preview pages, not for search)


def _collect(generators) -> None:
    """Every article's and page's (translations included) last change, by URL."""
    from pelican.generators import ArticlesGenerator, PagesGenerator

    _modified.clear()
    _unlisted.clear()
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            docs = [*gen.articles, *gen.translations]
            hidden = [*gen.drafts, *gen.drafts_translations,
                      *getattr(gen, "hidden_articles", []),
                      *getattr(gen, "hidden_translations", [])]
        elif isinstance(gen, PagesGenerator):
            docs = [*gen.pages, *gen.translations]
            hidden = [*gen.hidden_pages, *gen.hidden_translations, *gen.draft_pages,
                      *gen.draft_translations]
        else:
            continue
        _unlisted.update(d.save_as for d in hidden if getattr(d, "save_as", ""))
        for doc in docs:
            when = getattr(doc, "modified", None) or getattr(doc, "date", None)
            if when is not None:
                _modified[doc.url] = when


def site_url(settings: dict) -> str:
    """The absolute address the sitemaps give: SITEURL, or FEED_SITEURL when SITEURL is
    empty (development builds); sitemaps.org requires absolute URLs."""
    return (settings.get("SITEURL") or settings["FEED_SITEURL"]).rstrip("/")


def files(settings: dict, out: str) -> dict[str, bytes]:
    """{path: bytes}: one sitemap per language that has pages, the sitemap index and
    robots.txt, from the pages written into `out`."""
    import site_scheme

    base = site_url(settings)
    skip = {site_scheme.save_as("404", lang) for lang in site_scheme.LANGUAGES} | _unlisted
    by_lang = page_entries(out, base, skip, _modified)
    made, names = {}, []
    for lang in site_scheme.LANGUAGES:
        if not by_lang.get(lang):
            continue
        name = site_scheme.save_as("sitemap", lang)
        made[name] = urlset(by_lang[lang])
        names.append((name, max((e.lastmod for e in by_lang[lang] if e.lastmod),
                                default=None)))
    made[site_scheme.save_as("sitemap-index")] = sitemap_index(base, names)
    made[site_scheme.save_as("robots")] = robots_txt(base)
    return made


class SitemapGenerator(Generator):
    """Asks the writer for the sitemaps once every page is written (they read the pages)."""

    def generate_output(self, writer) -> None:
        import site_scheme

        writer.write(site_scheme.save_as("sitemap-index"), None,
                     partial(files, self.settings, self.output_path), after_all=True)


def _get_generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.all_generators_finalized.connect(_collect)
    signals.get_generators.connect(_get_generators)
