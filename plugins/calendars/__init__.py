"""iCalendar files in every language: one for the whole language, one per person and one per
case group, with consented birthdays, court hearings and action deadlines (occasions.py),
written with the `icalendar` library (ical.py). Paths come from plugins/site_scheme; pages link them
beside the feeds. Also the "birthdays this month" list for each language's home page."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from zoneinfo import ZoneInfo

from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

import site_scheme

from . import ical
from .occasions import Occasion, all_occasions, this_month

# calendar_path's kinds and their site_scheme patterns.
PATTERN_OF = {"all": "calendar-all", "prisoners": "calendar-person", "cases": "calendar-case"}


def calendar_path(_settings: dict, lang: str, kind: str, slug: str = "") -> str:
    """Site-relative path of a calendar ("ru/calendars/prisoners/anton-orlov.ics"); `kind` is
    "all", "prisoners" or "cases" (site_scheme's "calendar-all", "calendar-person",
    "calendar-case")."""
    return site_scheme.save_as(PATTERN_OF[kind], lang, slug=slug)


def today(settings: dict) -> date:
    """The build's date in the site's TIMEZONE (Moscow): a static site's "this month" is the
    month it was built in, so `invoke publish` runs on a schedule (README, "Publishing")."""
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()


def birthdays_this_month(context: dict, settings: dict) -> list[tuple[int, object]]:
    """[(day, Person)] of the consented birthdays in the build's month, by day."""
    registry = context.get("registry")
    return this_month(registry, today(settings)) if registry is not None else []


def _authority(settings: dict) -> str:
    # FEED_TAG_AUTHORITY is "host,year" (RFC 4151); the host part makes UIDs globally unique
    # and stays the same when SITEURL changes, like the feeds' entry ids.
    tag = settings.get("FEED_TAG_AUTHORITY") or "localhost"
    return tag.split(",", 1)[0]


class CalendarsGenerator(Generator):
    def generate_output(self, writer) -> None:
        registry = self.context.get("registry")
        if registry is None:
            return
        from prisoner_registry import profile_url
        from ui_i18n.catalogs import translator

        settings = self.settings
        base = settings["FEED_SITEURL"].rstrip("/")
        authority = _authority(settings)
        occasions = all_occasions(registry, self.context)

        def url_of(occasion: Occasion, lang: str) -> str:
            if occasion.kind == "deadline":
                urls = occasion.extra.get("url") or {}
                return urls.get(lang) or urls.get(settings["DEFAULT_LANG"]) or next(
                    iter(urls.values()), "")
            if occasion.person is not None:
                return f"{base}/{profile_url(settings, lang, occasion.person.slug)}"
            return f"{base}/{site_scheme.url('case', lang, slug=occasion.ident)}"

        # Which occasions each person's and each case group's calendar carries: the same in
        # every language, so chosen once.
        of_person: dict[str, list[Occasion]] = {slug: [] for slug in registry.people}
        for occasion in occasions:
            for slug in occasion.people:
                if slug in of_person:
                    of_person[slug].append(occasion)
        of_case: dict[str, list[Occasion]] = {}
        for slug in registry.cases:
            members = {p.slug for p in registry.members(slug)}
            of_case[slug] = [o for o in occasions
                             if o.case == slug or members.intersection(o.people)]
        for lang in settings["LANGUAGES"]:
            _ = translator(settings, lang).gettext
            events = ical.Events(lang, _, url_of, authority)
            site = _("Left Political Prisoners")
            about = _("Birthdays, court hearings and action deadlines")
            files = [(calendar_path(settings, lang, "all"), site, occasions)]
            for slug, person in registry.people.items():
                files.append((calendar_path(settings, lang, "prisoners", slug),
                              f"{site}: {getattr(person.names, lang).full}", of_person[slug]))
            for slug, case in registry.cases.items():
                name = case.name.get(lang) or case.name["en"]
                files.append((calendar_path(settings, lang, "cases", slug), f"{site}: {name}",
                              of_case[slug]))
            for path, name, chosen in files:
                # The writer renders it when what it is made from changed (the occasions,
                # its name and words; settings and catalogues are in every output's key).
                # Its events are in other calendars too: serialised once, beforehand.
                writer.write(path, (lang, name, about, chosen),
                             partial(ical.calendar, name, about, chosen, lang, _, url_of,
                                     authority, events),
                             prepare=partial(events.prepare, chosen))


def _get_generators(_pelican):
    return CalendarsGenerator


def _install_globals(generator) -> None:
    from ui_i18n.jinja import page_lang

    @pass_context
    def day_of_year(ctx, value) -> str:
        """A birthday ('03-15' or '1990-03-15') as the page's language writes a day of the
        year without the year: '15 March', '15 марта', 'March 15'."""
        from babel.dates import format_skeleton

        text = str(value)
        day = date(2000, int(text[-5:-3]), int(text[-2:]))
        return format_skeleton("MMMMd", day, locale=page_lang(ctx))

    @pass_context
    def hearing_time(ctx, hearing) -> str:
        """'10:30 (Europe/Moscow)' in the page's language's time format, or '' (all day)."""
        if hearing.time is None:
            return ""
        from babel.dates import format_time

        hour, minute = map(int, hearing.time.split(":"))
        shown = format_time(datetime(2000, 1, 1, hour, minute).time(), "short",
                            locale=page_lang(ctx))
        return f"{shown} ({hearing.timezone})"

    generator.env.globals.update(day_of_year=day_of_year, hearing_time=hearing_time)


def register() -> None:
    signals.get_generators.connect(_get_generators)
    signals.generator_init.connect(_install_globals)
