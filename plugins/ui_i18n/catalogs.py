"""UI catalogues: translations/<lang>/LC_MESSAGES/messages.po compiled in memory by the build.

No .mo file is ever written or committed, so none can go stale. A broken catalogue is reported
with its file and line and the build stops; English is the source language and needs none.
"""

from __future__ import annotations

import gettext
import os
from io import BytesIO

import build_errors
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
_cache: dict[tuple[str, float], gettext.NullTranslations] = {}


def catalog_path(settings: dict, lang: str) -> str:
    root = settings.get("UI_TRANSLATIONS_DIR", "translations")
    if not os.path.isabs(root):
        # Relative to the settings file's folder, which is the project root.
        base = os.path.dirname(os.path.abspath(settings.get("PATH", "content")))
        root = os.path.join(base, root)
    return os.path.join(root, lang, "LC_MESSAGES", f"{DOMAIN}.po")


def compile_po(path: str, lang: str) -> gettext.NullTranslations:
    """Compile one .po file (fuzzy entries left out, as msgfmt does) into Translations."""
    with open(path, "rb") as fp:
        catalog = read_po(fp, locale=lang, abort_invalid=True)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def translator(settings: dict, lang: str) -> gettext.NullTranslations:
    """The UI translations for one language, compiled once per change of the .po file."""
    path = catalog_path(settings, lang)
    if lang == settings.get("DEFAULT_LANG", "en") or not os.path.exists(path):
        return NullTranslations()
    key = (path, os.path.getmtime(path))
    if key not in _cache:
        try:
            _cache[key] = compile_po(path, lang)
        except (PoFileError, ValueError, SyntaxError) as exc:
            rel = os.path.relpath(path)
            build_errors.report(rel, "catalogue", f"{exc}; fix the entry or run msgfmt --check")
            _cache[key] = NullTranslations()
    return _cache[key]
