"""The prisoner registry: content/prisoners/*.yaml and content/cases/*.yaml, checked against the
schema, turned into profile, index and case pages in every language and into open data."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

import build_errors
import pipeline
import site_scheme
from content_model.settings import SCHEMA as CONTENT_MODEL
from ui_i18n.collation import collate, person_key

from . import opendata
from .loader import Registry, load
from .schema import STATUSES
from .settings import SCHEMA
from .views import Text, bio_html, envelope_name, localized, partial_date, status_is_stale


def profile_url(_settings: dict, lang: str, slug: str) -> str:
    """A profile's site-relative URL (site_scheme "profile"): "ru/prisoners/<slug>/"."""
    return site_scheme.url("profile", lang, slug=slug)


class RegistryGenerator(Generator):
    """Reads the registry once per build; writes every language's pages from it."""

    def generate_context(self) -> None:
        settings = self.settings
        registry = load(Path(settings["PATH"]), build_errors.report,
                        max_bytes=SCHEMA.get(settings, "MAX_YAML_BYTES"),
                        timezone=settings.get("TIMEZONE"),
                        each=lambda check, files: pipeline.each("registry files", check, files,
                                                                 settings))
        self.context["registry"] = registry

    def generate_output(self, writer) -> None:
        registry: Registry = self.context["registry"]
        settings = self.settings
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        langs = settings["LANGUAGES"]
        site = settings.get("SITEURL", "")
        people = sorted(registry.people.values(), key=lambda p: (p.names.en.family, p.slug))
        # What the index, case and profile pages show of the registry, for the writer.
        # Whether a status shows as out of date depends on today, not only on the entry.
        months = SCHEMA.get(settings, "STATUS_STALE_AFTER_MONTHS")
        never = tuple(SCHEMA.get(settings, "STATUS_NEVER_STALE"))
        today = date.today()
        shown = {p.slug: (p, status_is_stale(p, today, months, never)) for p in people}
        everyone = (sorted(shown.items()), sorted(registry.cases.items()))
        for lang in langs:
            # Every list of people and cases in the language's alphabetical order (ICU).
            in_order = collate(people, lang, key=lambda p, lang=lang: person_key(p, lang))
            cases = collate(registry.cases.values(), lang,
                            key=lambda c, lang=lang: (localized(c.name, lang).text, c.slug))
            write(site_scheme.save_as("prisoners", lang), self.get_template("prisoners"),
                  self.context, inputs=("index", everyone),
                  page_lang=lang, people=in_order, cases=cases, statuses=STATUSES,
                  page_alternates={x: site_scheme.url("prisoners", x) for x in langs})
            mentioned = self.context.get("mentioned_in", {})
            for person in people:
                case = registry.cases.get(person.case or "")
                write(site_scheme.save_as("profile", lang, slug=person.slug),
                      self.get_template("prisoner"), self.context,
                      inputs=(shown[person.slug], case,
                              [(a.url, str(a.title), a.date) for a in
                               mentioned.get(person.slug, {}).get(lang, [])]),
                      page_lang=lang, person=person, case=case,
                      page_alternates={x: profile_url(settings, x, person.slug) for x in langs})
            for case in cases:
                members = [p for p in in_order if p.case == case.slug]
                write(site_scheme.save_as("case", lang, slug=case.slug), self.get_template("case"),
                      self.context, inputs=("case", case, [shown[p.slug] for p in members]),
                      page_lang=lang, case=case, members=members,
                      page_alternates={x: site_scheme.url("case", x, slug=case.slug)
                                       for x in langs})
        urls = {slug: {lang: f"{site}/{profile_url(settings, lang, slug)}" for lang in langs}
                for slug in registry.people}
        data = opendata.build(registry, urls, CONTENT_MODEL.get(settings, "LICENSE_DEFAULT"))
        for name, text in ((site_scheme.save_as("open-data-json"), opendata.to_json(data)),
                           (site_scheme.save_as("open-data-csv"), opendata.to_csv(data)),
                           (site_scheme.save_as("open-data-schema"), opendata.json_schema())):
            writer.write(name, None, partial(str, text))


def _get_generators(_pelican):
    return RegistryGenerator


def index_mentions(context: dict, people_of) -> None:
    """Set each article's `people` (registry entries, in order) and the "Mentioned in" lists
    (per person and language, newest first) from `people_of(article) -> [slug]`."""
    registry: Registry = context["registry"]
    mentioned: dict[str, dict[str, list]] = {slug: {} for slug in registry.people}
    for lang, articles in context.get("articles_by_lang", {}).items():
        for article in articles:  # newest first
            article.people = [registry.people[s] for s in people_of(article)
                              if s in registry.people]
            for person in article.people:
                mentioned[person.slug].setdefault(lang, []).append(article)
    context["mentioned_in"] = mentioned


def _link_articles(generators) -> None:
    """Check `Prisoners` metadata against the registry and index it; the linker plugin, when
    enabled, re-indexes with the mentions it finds in the text."""
    registry = context = None
    for gen in generators:
        if isinstance(gen, RegistryGenerator):
            registry, context = gen.context.get("registry"), gen.context
    if registry is None:
        return
    base = os.path.basename(context["PATH"].rstrip("/"))
    for articles in context.get("articles_by_lang", {}).values():
        for article in articles:
            for slug in getattr(article, "prisoners", []) or []:
                # An entry whose file was refused exists: its file's line says what to fix.
                if slug not in registry.people and slug not in registry.invalid_people:
                    build_errors.report(
                        f"{base}/{article.relative_source_path}", "Prisoners",
                        f"'{slug}' is not in the registry; use a file name from "
                        f"content/prisoners/ (without .yaml) or add the person there")
    index_mentions(context, lambda a: getattr(a, "prisoners", []) or [])


def _install_globals(generator) -> None:
    settings = generator.settings
    from ui_i18n.jinja import page_lang

    @pass_context
    def person_name(ctx, person, lang: str | None = None) -> str:
        return getattr(person.names, lang or page_lang(ctx)).full

    from content_model.reader import markdown_config
    from content_model.typography import typeset

    def quotes_of(lang: str) -> tuple[str, str] | None:
        quotes = CONTENT_MODEL.get(settings, "QUOTES").get(lang)
        return tuple(quotes) if quotes else None

    @pass_context
    def loc(ctx, value):
        """A registry text in the page's language (or its fallback), with that language's
        typography (content_model/typography.py), as on articles."""
        found = localized(value, page_lang(ctx))
        return found and Text(typeset(found.text, quotes_of(found.lang)), found.lang)

    @pass_context
    def pdate(ctx, value) -> str:
        return partial_date(value, page_lang(ctx))

    @pass_context
    def profile(ctx, slug: str) -> str:
        return profile_url(settings, page_lang(ctx), slug)

    bio_configs: dict[str, dict] = {}  # per language, for this build's settings

    def bio_config(lang: str) -> dict:
        found = bio_configs.get(lang)
        if found is None:
            found = bio_configs[lang] = markdown_config(settings, lang)
        return found

    @pass_context
    def person_bio(ctx, person):
        return bio_html(person, page_lang(ctx), bio_config)

    today = date.today()

    def status_stale(person) -> bool:
        """The status is older than STATUS_STALE_AFTER_MONTHS: shown as last confirmed."""
        return status_is_stale(person, today, SCHEMA.get(settings, "STATUS_STALE_AFTER_MONTHS"),
                               tuple(SCHEMA.get(settings, "STATUS_NEVER_STALE")))

    @pass_context
    def support_groups(ctx) -> list[dict]:
        """SUPPORT_GROUPS for the page's language ([{name, url}]), else the default's."""
        groups = SCHEMA.get(settings, "SUPPORT_GROUPS")
        return list(groups.get(page_lang(ctx)) or groups.get(settings["DEFAULT_LANG"]) or [])

    @pass_context
    def mentions_of(ctx, slug: str) -> list:
        return ctx.get("mentioned_in", {}).get(slug, {}).get(page_lang(ctx), [])

    @pass_context
    def proper(ctx, name) -> Text:
        """A proper name written in English (a registry organisation, support group or
        source; a catalogue translation's signatory or author) in the page's language: the
        site's own names from the UI catalogue (ui_i18n/labels.py), others from
        content/names.yaml or the registry's people and case groups (Registry.proper_name); a
        name found in neither stays English, as Text(name, "en")."""
        from ui_i18n.labels import own_name

        lang = page_lang(ctx)
        text = str(name)
        own = own_name(text, lambda m: ctx.environment.globals["gettext"](ctx, m))
        if own is not None:
            return Text(own, lang)
        registry = ctx.get("registry")
        known = registry.proper_name(text, lang) if registry is not None else None
        found = Text(*known) if known else Text(text, "en")
        return Text(typeset(found.text, quotes_of(found.lang)), found.lang)

    @pass_context
    def doc_name(ctx, name, doc) -> Text:
        """An author or signatory of `doc` in the page's language. A catalogue translation
        (content_i18n) carries its source's metadata, written in the source language: those
        names are looked up with `proper`; a document's own metadata is in its language."""
        if getattr(doc, "translationsource", None) == "catalogue":
            return proper(ctx, name)
        from ui_i18n.labels import own_name

        own = own_name(str(name), lambda m: ctx.environment.globals["gettext"](ctx, m))
        return Text(own if own is not None else str(name), page_lang(ctx))

    def alternate_names(person, name: str) -> list[str]:
        """The person's other names for a profile's JSON-LD ``alternateName``: the Russian and
        English full names, then the aliases, each once ignoring case (the first spelling
        kept, as Jinja's ``unique`` filter does), without ``name`` (the page's own)."""
        seen: set[str] = set()
        names = []
        for other in (person.names.ru.full, person.names.en.full, *person.aliases):
            folded = other.lower() if isinstance(other, str) else other
            if folded not in seen:
                seen.add(folded)
                if other != name:
                    names.append(other)
        return names

    generator.env.globals.update(
        proper=proper, doc_name=doc_name, alternate_names=alternate_names,
        person_name=person_name, loc=loc, pdate=pdate, profile_url=profile,
        person_bio=person_bio, envelope_name=envelope_name, mentions_of=mentions_of,
        status_stale=status_stale, support_groups=support_groups,
    )


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_link_articles)
    signals.generator_init.connect(_install_globals)
