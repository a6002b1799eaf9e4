"""Feeds with feedgen: per language (Atom, RSS, JSON Feed), per language and category, tag,
person and case group, and one global feed of all languages. Entries carry the full text with
absolute URLs, stable tag: ids, their language and their translations; a feed is rewritten
only when its bytes change, so unchanged feeds keep their ETag/Last-Modified for partners."""

from __future__ import annotations

from functools import partial
from html import escape

from pelican import signals
from pelican.generators import Generator

import site_scheme

from .build import (
    Entries,
    FeedSpec,
    absolutize,
    archive_files,
    current_files,
    iri_to_uri,
    split,
    xml_text,
)


def feed_path(_settings: dict, lang: str | None, name: str, slug: str = "") -> str:
    """A feed's URL without its format suffix: the site_scheme pattern ``name``
    ("feed-all", "feed-tag", …) in ``lang`` (None: the site-wide feeds)."""
    return site_scheme.url(name, lang, slug=slug)


def _footer(settings: dict):
    from ui_i18n.catalogs import translator

    def footer(article, url: str) -> str:
        _ = translator(settings, article.lang).gettext
        site = settings["FEED_SITEURL"].rstrip("/")
        text = _("First published by %(site)s at %(url)s. Republish with a link to %(url)s.") % {
            "site": _("Left Political Prisoners"),
            "url": f'<a href="{escape(url)}">{escape(url)}</a>'}
        parts = [f"<p>{text}</p>"]
        mirrors = settings.get("MIRRORS") or []
        if mirrors:
            links = ", ".join(f'<a href="{m}">{m}</a>' for m in mirrors)
            label = _("If this address is blocked, use a mirror:")
            parts.append(f"<p>{label} {links}</p>")
        label = _("Site:")
        parts.append(f'<p>{label} <a href="{site}/">{site}/</a></p>')
        return '<hr/><footer class="republish">' + "".join(parts) + "</footer>"

    return footer


def _represents(article, settings: dict) -> bool:
    """Whether `article` is the one version of its document in the global feed: the
    default-language version, else the first in LANGUAGES order (the page's x-default).

    One entry per document, with every language version as an Atom hreflang alternate: six
    entries per document would share one atom:updated (the translations carry the original's
    Date), which the W3C validator reports, and a partner would get each document six times."""
    versions = getattr(article, "alternates", None) or {article.lang: article}
    chosen = versions.get(settings["DEFAULT_LANG"]) or next(iter(versions.values()))
    return chosen is article


class FeedsGenerator(Generator):
    def generate_output(self, writer) -> None:
        settings = self.settings
        base = settings["FEED_SITEURL"].rstrip("/")
        by_lang = self.context.get("articles_by_lang", {})
        footer = _footer(settings)
        made: dict[str, str] = {}

        def entry_html(article, url: str) -> str:
            """Full entry HTML, made once per article although it appears in many feeds."""
            if url not in made:
                made[url] = xml_text(absolutize(article.content, base, url)
                                     + footer(article, url))
            return made[url]

        label = self._category_labels()
        entries = Entries(settings, entry_html, label)

        from ui_i18n.catalogs import translator

        url = site_scheme.url
        specs = []
        for lang in settings["LANGUAGES"]:
            _ = translator(settings, lang).gettext
            site = _("Left Political Prisoners")
            articles = by_lang.get(lang, [])
            specs.append(FeedSpec(f"all/{lang}", site, lang,
                                  f"{base}/{url('index', lang)}",
                                  feed_path(settings, lang, "feed-all"), articles,
                                  _("Everything in this language")))
            for category in settings["CATEGORIES"]:
                section = label(lang, category)
                specs.append(FeedSpec(
                    f"category/{category}/{lang}", f"{site}: {section}", lang,
                    f"{base}/{url('category', lang, slug=category)}",
                    feed_path(settings, lang, "feed-category", category),
                    [a for a in articles if str(a.category) == category],
                    _("Every text in the section “%(section)s”.") % {"section": section}))
            if "open_actions_by_lang" in self.context:  # plugins/actions is loaded
                specs.append(FeedSpec(
                    f"actions/{lang}", f"{site}: " + _("Open actions"), lang,
                    f"{base}/{url('actions', lang)}",
                    feed_path(settings, lang, "feed-actions"),
                    self.context.get("open_actions_by_lang", {}).get(lang, []),
                    _("Appeals and statements that ask readers to act, while they are open.")))
            tags: dict[str, tuple[str, list]] = {}
            registry = self.context.get("registry")
            for article in articles:
                for tag in getattr(article, "tags", []) or []:
                    name = str(tag)
                    if getattr(article, "translationsource", None) == "catalogue" and registry:
                        # A catalogue version carries its source's tags, in the source's
                        # language: a name the registry knows is shown in the feed's language.
                        name = (registry.proper_name(name, lang) or (name,))[0]
                    tags.setdefault(tag.slug, (name, []))[1].append(article)
            for tag_slug, (tag_name, tagged) in sorted(tags.items()):
                # "Tagged …" tells a tag's feed from a person's feed of the same name.
                specs.append(FeedSpec(
                    f"tag/{tag_slug}/{lang}",
                    f"{site}: " + _("Tagged “%(tag)s”") % {"tag": tag_name}, lang,
                    f"{base}/{url('tag', lang, slug=tag_slug)}",
                    feed_path(settings, lang, "feed-tag", tag_slug), tagged,
                    _("Every text tagged “%(tag)s”.") % {"tag": tag_name}))
            registry = self.context.get("registry")
            mentioned = self.context.get("mentioned_in", {})
            if registry is not None:
                for case_slug, case in registry.cases.items():
                    members = {p.slug for p in registry.members(case_slug)}
                    in_case = {id(a): a for slug in members
                               for a in mentioned.get(slug, {}).get(lang, [])}
                    name = case.name.get(lang) or case.name["en"]
                    specs.append(FeedSpec(
                        f"cases/{case_slug}/{lang}", f"{site}: {name}", lang,
                        f"{base}/{url('case', lang, slug=case_slug)}",
                        feed_path(settings, lang, "feed-case", case_slug),
                        list(in_case.values()), _("Every text about the people in this case.")))
                for slug, person in registry.people.items():
                    name = getattr(person.names, lang).full
                    specs.append(FeedSpec(
                        f"prisoners/{slug}/{lang}", f"{site}: {name}", lang,
                        f"{base}/{url('profile', lang, slug=slug)}",
                        feed_path(settings, lang, "feed-person", slug),
                        mentioned.get(slug, {}).get(lang, []),
                        _("Every text that mentions the person.")))
        everything = [a for docs in by_lang.values() for a in docs if _represents(a, settings)]
        specs.append(FeedSpec("global", "Left Political Prisoners (all languages)", None,
                              f"{base}/", url("feed-global"), everything,
                              "Every text once, in its original language, with links to its "
                              "translations."))
        # Every feed's current document before any archive page: the writer prepares them in
        # this order, and an entry's bytes without its full text (archive pages) come with
        # the full entry's when that is made first (Entries.bytes), instead of on their own
        # and then again with it.
        parts = [(spec, *split(spec, settings)) for spec in specs]
        for spec, current, pages in parts:
            self._write_current(writer, spec, entries, current, pages)
        for spec, _current, pages in parts:
            self._write_archives(writer, spec, entries, pages)
        self._write_pages(writer, specs)

    def _write_current(self, writer, spec: FeedSpec, entries: Entries, current: list,
                       pages: list[list]) -> None:
        """Hand the writer a feed's current document (`current`, its newest entries; `pages`,
        its archive pages, from split()) with what it is made from (the texts it carries and
        the feed's own strings)."""
        settings = self.settings
        # JSON Feed only for the per-language feeds.
        formats = ("atom", "rss", "json") if spec.key == f"all/{spec.lang}" else ("atom", "rss")

        def render_current() -> dict[str, bytes]:
            # Only the formats published for this feed are made.
            files = current_files(spec, settings, entries, current, len(pages), formats)
            return {spec.path + ext: data for ext, data in files.items()}

        # The entries are shared by many feeds: made once, before the feeds are rendered.
        writer.write(spec.path + site_scheme.FEED_FORMATS["atom"],
                     (spec.key, spec.title, spec.subtitle, spec.html_url, len(pages),
                      spec.articles), render_current,
                     prepare=partial(entries.prepare, current, True))

    def _write_archives(self, writer, spec: FeedSpec, entries: Entries,
                        pages: list[list]) -> None:
        """Hand the writer each archive page of a feed (`pages` from split())."""
        settings = self.settings
        for number, page in enumerate(pages, 1):
            def render_archive(number=number, page=page) -> dict[str, bytes]:
                files = archive_files(spec, settings, entries, number, page, len(pages))
                return {spec.path + ext: data for ext, data in files.items()}

            # An archive page keeps its entries as new ones arrive: usually unchanged.
            writer.write(site_scheme.feed_archive(spec.path, number, "atom"),
                         (spec.key, spec.title, spec.subtitle, spec.html_url, number,
                          len(pages), page), render_archive,
                         prepare=partial(entries.prepare, page, False))

    def _category_labels(self):
        """label(lang, category slug) -> the category's name in that language, from the
        theme's own `category_label` macro (templates/_macros.html) and the UI catalogue, so
        feeds name a category exactly as the pages do."""
        macros = self.env.get_template("_macros.html")
        modules: dict[str, object] = {}
        made: dict[tuple[str, str], str] = {}

        def label(lang: str, slug: str) -> str:
            if (lang, slug) not in made:
                if lang not in modules:
                    modules[lang] = macros.make_module({"page_lang": lang})
                made[(lang, slug)] = " ".join(str(modules[lang].category_label(slug)).split())
            return made[(lang, slug)]

        return label

    def _write_pages(self, writer, specs: list[FeedSpec]) -> None:
        """Per language: the Subscribe page, its OPML file and the partners' page."""
        from ui_i18n.catalogs import translator

        settings = self.settings
        base = settings["FEED_SITEURL"].rstrip("/")
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        langs = settings["LANGUAGES"]
        for lang in langs:
            own = [s for s in specs if s.lang == lang]
            groups = {kind: _in_order([s for s in own if s.key.split("/")[0] == kind],
                                      lang, self.context.get("registry"))
                      for kind in ("all", "actions", "category", "tag", "cases",
                                   "prisoners")}
            groups["global"] = [s for s in specs if s.key == "global"]
            opml = site_scheme.url("opml", lang)
            _ = translator(settings, lang).gettext
            folders = [(_(heading), groups[kind]) for kind, heading in OPML_FOLDERS]
            writer.write(opml, None, partial(_opml, folders, base))
            # The "If this site is blocked" page lists mirrors and these feeds.
            for kind in ("subscribe", "partners", "blocked"):
                write(site_scheme.save_as(kind, lang),
                      self.get_template(kind), self.context, page_lang=lang,
                      feed_groups=groups, opml_url=opml, feed_base=base,
                      page_alternates={x: site_scheme.url(kind, x) for x in langs})


def _in_order(specs: list[FeedSpec], lang: str, registry) -> list[FeedSpec]:
    """One group of feeds in `lang`'s alphabetical order (ICU): people by family name, the
    rest by title."""
    from ui_i18n.collation import collate, person_key

    def key(spec: FeedSpec) -> tuple[str, ...]:
        kind, _, rest = spec.key.partition("/")
        slug = rest.rsplit("/", 1)[0]
        if kind == "prisoners" and registry is not None and slug in registry.people:
            return person_key(registry.people[slug], lang)
        return (spec.title, spec.key)

    return collate(specs, lang, key=key)


# A reader's sidebar: the site's feed, then sections, people, cases, tags and open actions, one
# folder each (the Subscribe page has the same order). Headings are UI msgids, shown in the
# OPML's language.
OPML_FOLDERS = (("all", "Everything in this language"), ("global", "All languages"),
                ("category", "By section"), ("prisoners", "By person"), ("cases", "By case"),
                ("tag", "By tag"), ("actions", "Open actions"))


def _opml(folders: list[tuple[str, list[FeedSpec]]], base: str) -> bytes:
    """OPML 2.0 subscription list: one outline folder per (heading, feeds), empty ones left
    out. Readers (newsboat -i, Feedly, Thunderbird) turn folders into tags or folders."""
    from xml.sax.saxutils import quoteattr

    site = next((specs[0].title for _heading, specs in folders if specs), "")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{escape(site)}</title></head>", "  <body>"]
    for heading, specs in folders:
        if not specs:
            continue
        lines.append(f"    <outline text={quoteattr(heading)}>")  # a folder: text only
        for spec in specs:
            feed = quoteattr(iri_to_uri(f"{base}/{spec.path}{site_scheme.FEED_FORMATS['atom']}"))
            lines.append(f"      <outline type=\"rss\" text={quoteattr(spec.title)} "
                         f"title={quoteattr(spec.title)} xmlUrl={feed} "
                         f"htmlUrl={quoteattr(spec.html_url)}"
                         + (f' language="{spec.lang}"/>' if spec.lang else "/>"))
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


def _get_generators(_pelican):
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
