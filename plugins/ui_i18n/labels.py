"""The site's own names in the UI catalogue: categories, the site's name and its collective
author. One place for templates (Jinja globals `category_name`, `own_name`) and for Python
(feeds: category feed titles), so a page and a feed never name a category differently."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:  # noqa: N802 (gettext's convention: marks a msgid for extraction)
    """Marks a string for the catalogue (Babel extracts N_); translated where it is shown."""
    return message


CATEGORIES = {
    "statements": N_("Statements"),
    "appeals": N_("Appeals"),
    "declarations": N_("Declarations"),
    "interviews": N_("Interviews"),
    "reports": N_("Reports"),
    "news": N_("News"),
}
# Names the site itself uses as an author or title: pelicanconf.py's SITENAME and AUTHOR.
SITE_NAMES = (N_("Left Political Prisoners"), N_("Editorial collective"))
ALL_LANGUAGES = N_("%(site)s (all languages)")


def category_label(slug: str, gettext: Callable[[str], str]) -> str:
    """A category's name in the catalogue's language; an unknown slug as it is."""
    return gettext(CATEGORIES[slug]) if slug in CATEGORIES else slug


def own_name(name: str, gettext: Callable[[str], str]) -> str | None:
    """The translation of one of the site's own names (SITE_NAMES), or None for any other."""
    return gettext(name) if name in SITE_NAMES else None
