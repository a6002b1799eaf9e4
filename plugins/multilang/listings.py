"""Writes each language's home (paginated), category, tag, archive and 404 pages."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pelican.generators import Generator

import site_scheme

from .settings import SCHEMA


def _is_original(article) -> bool:
    return getattr(article, "originallanguage", None) == article.lang


def not_yet_in(lang: str, by_lang: dict[str, list], settings: dict) -> list[dict]:
    """The newest texts that have no version in `lang` yet, for that language's home.

    A text counts when it is newer than the oldest card on the home's first page (or when the
    language has less than a page), at most HOME_NOT_TRANSLATED_MAX (default 5), newest first.
    Each is shown in its original language (the default language's version when there is one)
    with a link to the translators' page: `[{url, title, summary, lang, date, slug,
    translate_url}]`, plain values so the listing's render key stays stable."""
    limit = SCHEMA.get(settings, "HOME_NOT_TRANSLATED_MAX")
    if limit <= 0:
        return []
    own = by_lang.get(lang, [])
    have = {a.slug for a in own}
    page = int(settings.get("DEFAULT_PAGINATION") or 0) or len(own)
    newest_own = sorted(own, key=lambda a: a.date, reverse=True)[:page]
    since = newest_own[-1].date if own and len(own) >= page else None
    chosen: dict[str, object] = {}
    for other in [settings["DEFAULT_LANG"], *settings["LANGUAGES"]]:
        if other == lang:
            continue
        for article in by_lang.get(other, []):
            if article.slug in have or getattr(article, "translationsource", "") == "catalogue":
                continue
            # The original (OriginalLanguage) wins over a translation, then the default language.
            current = chosen.get(article.slug)
            if current is None or (_is_original(article) and not _is_original(current)):
                chosen[article.slug] = article
    found = sorted((a for a in chosen.values() if since is None or a.date > since),
                   key=lambda a: a.date, reverse=True)[:limit]
    catalogues = Path(settings.get("CONTENT_TRANSLATIONS_DIR", ""))
    translate = site_scheme.url("translate", lang)
    return [{
        "url": a.url, "title": str(a.title), "summary": str(getattr(a, "summary", "") or ""),
        "lang": a.lang, "date": a.date, "slug": a.slug,
        # The translators' page lists a text (with its .po) when it has a catalogue there.
        "translate_url": translate + (f"#text-{a.slug}" if lang != site_scheme.DEFAULT_LANG
                                      and (catalogues / lang / f"{a.slug}.po").exists() else ""),
    } for a in found]


def _birthdays(context: dict, settings: dict) -> list:
    """[(day, person)] for the home's "Birthdays this month" (plugins/calendars), or []."""
    if "calendars" not in settings.get("PLUGINS", []):
        return []
    from calendars import birthdays_this_month

    return birthdays_this_month(context, settings)


class LanguageListingsGenerator(Generator):
    """Runs after Pelican's article and page generators; reads the per-language lists that
    ``multilang`` put into the shared context and writes every language in one pass."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        by_lang = self.context.get("articles_by_lang", {})
        languages = settings["LANGUAGES"]

        def alternates(kind: str, slug: str = "", only: list[str] | None = None) -> dict:
            return {lang: site_scheme.url(kind, lang, slug=slug)
                    for lang in (only or languages)}

        for lang in languages:
            articles = by_lang.get(lang, [])
            common = {"page_lang": lang, "blog": True}
            write(
                site_scheme.save_as("index", lang),
                self.get_template("index"),
                self.context,
                articles=articles,
                untranslated=not_yet_in(lang, by_lang, settings),
                # Open actions, people who can receive letters (plugins/actions).
                **self.context.get("home_sections", {}).get(lang, {}),
                birthdays=_birthdays(self.context, settings),  # plugins/calendars
                dates=articles,
                template_name="index",
                url=site_scheme.url("index", lang),
                page_alternates=alternates("index"),
                page_kind="index",
                **common,
            )
            for category in settings["CATEGORIES"]:
                in_category = [a for a in articles if str(a.category) == category]
                write(
                    site_scheme.save_as("category", lang, slug=category),
                    self.get_template("category"),
                    self.context,
                    articles=in_category,
                    dates=in_category,
                    category_id=category,
                    template_name="category",
                    url=site_scheme.url("category", lang, slug=category),
                    page_alternates=alternates("category", category),
                    page_kind="category",
                    **common,
                )
            tags: dict[str, tuple] = {}
            for article in articles:
                for tag in getattr(article, "tags", []):
                    tags.setdefault(tag.slug, (tag, []))[1].append(article)
            for slug, (tag, tagged) in sorted(tags.items()):
                write(
                    site_scheme.save_as("tag", lang, slug=slug),
                    self.get_template("tag"),
                    self.context,
                    articles=tagged,
                    dates=tagged,
                    tag=tag,
                    template_name="tag",
                    url=site_scheme.url("tag", lang, slug=slug),
                    page_alternates=alternates("tag", slug, only=[lang]),
                    page_kind="tag",
                    **common,
                )
            write(
                site_scheme.save_as("archives", lang),
                self.get_template("archives"),
                self.context,
                articles=articles,
                dates=articles,
                template_name="archives",
                url=site_scheme.url("archives", lang),
                page_alternates=alternates("archives"),
                page_kind="archives",
                **common,
            )
            write(
                site_scheme.save_as("404", lang),
                self.get_template("404"),
                self.context,
                template_name="404",
                url=site_scheme.url("404", lang),
                page_alternates=alternates("404"),
                page_kind="404",
                **common,
            )
