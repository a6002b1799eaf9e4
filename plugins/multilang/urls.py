"""The URL scheme: the default language at "/", every other language under "/<lang>/"."""

from __future__ import annotations


def lang_prefix(settings: dict, lang: str) -> str:
    return "" if lang == settings["DEFAULT_LANG"] else f"{lang}/"


def listing_url(settings: dict, lang: str, kind: str, slug: str = "") -> str:
    """Site-relative URL of a listing page ("ru/category/appeals/")."""
    return lang_prefix(settings, lang) + settings["LISTING_URLS"][kind].format(slug=slug)


def listing_save_as(settings: dict, lang: str, kind: str, slug: str = "") -> str:
    url = listing_url(settings, lang, kind, slug)
    return url + "index.html" if url == "" or url.endswith("/") else url
