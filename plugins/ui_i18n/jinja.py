"""Jinja wiring: gettext, plural forms and Babel formatting that follow the page's language.

One Jinja environment serves every language: the gettext callables take the template context
and read the language of the page being rendered (set by plugins/multilang for listings, or the
article's / page's own ``lang``). Dates and numbers come from Babel, never from setlocale.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup

import site_scheme

from .catalogs import translator


def page_lang(ctx: Context) -> str:
    """The language of the page being rendered: its ``page_lang``, else its article's or
    page's ``lang``, else DEFAULT_LANG."""
    # resolve_or_missing, not ctx.get: asked for dozens of times a page, and get() raises and
    # catches a KeyError for every name the page does not have (page_lang on a text's page).
    look = ctx.resolve_or_missing
    explicit = look("page_lang")
    if explicit is not missing and explicit:
        return explicit
    for key in ("article", "page"):
        obj = look(key)
        lang = getattr(obj, "lang", None)
        if lang:
            return lang
    found = look("DEFAULT_LANG")
    return site_scheme.DEFAULT_LANG if found is missing else found


@lru_cache(maxsize=16384)
def _format_date(value: date | datetime, fmt: str, lang: str) -> str:
    # Thousands of listing entries share a few hundred dates; Babel formats each once.
    return format_date(value, fmt, locale=lang)


@lru_cache(maxsize=4096)
def _typeset(text: str, quotes: tuple[str, str] | None) -> str:
    # A profile shows its "Last verified" sentence twice (the print line and the footer), and
    # profiles share a few hundred dates; the corrections are a dozen regular expressions.
    from content_model.typography import fix_text

    return fix_text(text, quotes)


def site_time(value: date | datetime, timezone: str) -> date | datetime:
    """The one rule for displayed dates: a datetime is shown as the date and time it is in
    the site's TIMEZONE (an IANA name, e.g. "Europe/Moscow"), whatever offset the editor wrote,
    so a list ordered by instant never shows a later day above an earlier one. A date without
    a time, or a naive datetime (already read in TIMEZONE by Pelican), is returned as is."""
    if isinstance(value, datetime) and value.tzinfo is not None and timezone:
        return value.astimezone(ZoneInfo(timezone))
    return value


def install(env: Environment, settings: dict) -> None:
    env.add_extension("jinja2.ext.i18n")

    per_lang: dict[str, object] = {}  # this environment lives for one build

    def t(ctx: Context):
        lang = page_lang(ctx)
        found = per_lang.get(lang)
        if found is None:
            found = per_lang[lang] = translator(settings, lang)
        return found

    @pass_context
    def _gettext(ctx, message):
        return t(ctx).gettext(message)

    @pass_context
    def _ngettext(ctx, singular, plural, n):
        return t(ctx).ngettext(singular, plural, n)

    @pass_context
    def _pgettext(ctx, context, message):
        return t(ctx).pgettext(context, message)

    @pass_context
    def _npgettext(ctx, context, singular, plural, n):
        return t(ctx).npgettext(context, singular, plural, n)

    env.install_gettext_callables(
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )

    # The same newstyle callables in one call each (jinja2.ext._make_new_gettext/ngettext: the
    # translation, Markup under autoescape, then always `% variables`). Jinja's `_` is an alias
    # that resolves `gettext` and calls it, which calls the callable above: three
    # Context.call()s for each of the twenty-odd UI strings of a page.
    @pass_context
    def gettext(ctx, __string: str, **variables):
        rv = t(ctx).gettext(__string)
        if ctx.eval_ctx.autoescape:
            rv = Markup(rv)
        if not variables and "%" not in rv:
            # `rv % {}` is rv itself when it has no %; Markup's % (it escapes each argument)
            # cost more than the lookup for most of a page's twenty-odd strings.
            return rv
        return rv % variables

    @pass_context
    def ngettext(ctx, __singular: str, __plural: str, __num: int, **variables):
        variables.setdefault("num", __num)
        rv = t(ctx).ngettext(__singular, __plural, __num)
        if ctx.eval_ctx.autoescape:
            rv = Markup(rv)
        return rv % variables

    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)

    timezone = settings.get("TIMEZONE") or ""

    @pass_context
    def localdate(ctx, value: date | datetime, fmt: str = "long") -> str:
        return _format_date(site_time(value, timezone), fmt, page_lang(ctx))

    @pass_context
    def localdatetime(ctx, value: datetime, fmt: str = "long") -> str:
        value = site_time(value, timezone)
        return format_datetime(value, fmt, tzinfo=value.tzinfo, locale=page_lang(ctx))

    def isotime(value: date | datetime) -> str:
        """The machine-readable `<time datetime>`: the same instant in the site's TIMEZONE."""
        return site_time(value, timezone).isoformat()

    @pass_context
    def localnumber(ctx, value: float) -> str:
        return format_decimal(value, locale=page_lang(ctx))

    @pass_context
    def typeset(ctx, value: str) -> str:
        """A UI sentence with the page language's typography (content_model/typography.py):
        "Last verified 20 ноября 2026 г.." becomes "… г." (the abbreviation's full stop ends
        the sentence). Keeps Markup as Markup: it adds no markup."""
        quotes = settings.get("QUOTES", {}).get(page_lang(ctx))
        return type(value)(_typeset(str(value), tuple(quotes) if quotes else None))

    @pass_context
    def category_name(ctx, slug) -> str:
        """A category's name in the page's language (ui_i18n/labels.py)."""
        from .labels import category_label

        return category_label(str(slug), t(ctx).gettext)

    env.globals["category_name"] = category_name
    env.filters.update(localdate=localdate, localdatetime=localdatetime, localnumber=localnumber,
                       isotime=isotime, typeset=typeset)
    env.globals.update(
        current_lang=pass_context(page_lang),
        language_name=language_name,
        text_direction=text_direction,
    )


@lru_cache(maxsize=256)
def language_name(code: str, in_lang: str | None = None) -> str:
    """A language's name, by default in itself for menus ("Русский", "Deutsch"), or as written
    in ``in_lang`` for running text ("английский")."""
    name = Locale.parse(code).get_display_name(in_lang or code) or code
    return name if in_lang else name[:1].upper() + name[1:]


@lru_cache(maxsize=64)
def text_direction(code: str) -> str:
    return Locale.parse(code).text_direction
