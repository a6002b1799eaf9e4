"""The URL helpers multilang's callers have used, now answered by plugins/site_scheme (the one
source of the languages, the prefix rule and every pattern). ``settings`` is accepted and
ignored, so callers written before site_scheme keep working; new code calls site_scheme."""

from __future__ import annotations

import site_scheme


def lang_prefix(_settings: dict, lang: str) -> str:
    """site_scheme.prefix: "" for the default language, "<lang>/" otherwise."""
    return site_scheme.prefix(lang)


def listing_url(_settings: dict, lang: str, kind: str, slug: str = "") -> str:
    """Site-relative URL of a listing page ("ru/category/appeals/"): site_scheme.url."""
    return site_scheme.url(kind, lang, slug=slug)


def listing_save_as(_settings: dict, lang: str, kind: str, slug: str = "") -> str:
    """Its output path: site_scheme.save_as."""
    return site_scheme.save_as(kind, lang, slug=slug)
