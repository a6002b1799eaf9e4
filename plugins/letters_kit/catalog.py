"""The letters kit's catalogues: translations/letters/<lang>.po, one per reader's language.

The msgid is the kit's Russian text (what a letter carries), the msgctxt its place in the kit
(`phrasebook.greetings`, `rules.language`, `services.fsin-pismo.steps`) and the msgstr its
translation into the reader's language. Russian is the source language and has no catalogue.
gettext's rules apply as everywhere on the site: only translated, non-fuzzy entries are used
(msgfmt leaves fuzzy ones out); a changed Russian sentence makes its translations fuzzy with
the previous text (`invoke i18n.extract`, msgmerge --previous); a catalogue msgfmt refuses
stops the build with its file and line."""

from __future__ import annotations

import os
from pathlib import Path

import polib
from content_i18n.catalogs import (
    CONTACT,
    PROJECT,
    CatalogueError,
    Stats,
    check_link,
    merge,
    now,
    read,
    write,
)

from .kit import SOURCE_LANG, Kit
from .settings import SCHEMA

DIR_NAME = "letters"


def catalog_dir(settings: dict) -> Path:
    """translations/letters/ (LETTERS_TRANSLATIONS_DIR, default beside the UI catalogues)."""
    found = SCHEMA.get(settings, "LETTERS_TRANSLATIONS_DIR")
    if found:
        return Path(found)
    return Path(settings.get("UI_TRANSLATIONS_DIR") or "translations") / DIR_NAME


def catalog_path(folder: Path, lang: str) -> Path:
    return folder / f"{lang}.po"


def glosses(path: Path, root: Path | None = None) -> dict[tuple[str, str], str]:
    """{(msgctxt, msgid): msgstr} of the usable translations in one catalogue: translated (a
    msgstr not blank), not fuzzy, not obsolete. An absent catalogue gives none. Raises
    content_i18n.catalogs.CatalogueError (with file and line) for one msgfmt --check refuses,
    and for one that is a symbolic link or resolves outside `root` (default: its folder),
    which is never read (content_i18n.catalogs.check_link)."""
    if not path.exists():
        return {}
    from ui_i18n.catalogs import check_syntax

    check_link(path, root or path.parent)  # never read through a link

    # polib's parser is stricter than msgfmt in places (a `msgstr` whose string is on the next
    # line) and looser in others: the site's own PO syntax check runs first, as for the UI.
    problem = check_syntax(path.read_text(encoding="utf-8", errors="replace"))
    if problem:
        raise CatalogueError(path, f"line {problem[0]}", problem[1])
    try:
        entries = read(path)
    except OSError as exc:  # what polib still refuses
        raise CatalogueError(path, "catalogue", str(exc)) from None
    # A msgstr of spaces is no translation, as in content and registry catalogues
    # (content_i18n.catalogs.table_stats): the Russian shows, without an empty gloss.
    return {(e.msgctxt or "", e.msgid): e.msgstr for e in entries
            if e.msgid and e.msgstr.strip() and not e.obsolete and "fuzzy" not in e.flags}


def stats(kit: Kit, path: Path, root: Path | None = None) -> Stats:
    """Translated / fuzzy / untranslated texts of `kit` in one catalogue (`invoke i18n.status`),
    by the build's rule (`glosses`, what LettersKit.gloss shows): translated when the catalogue
    has a usable translation of exactly that (msgctxt, msgid); fuzzy when its only translation
    is fuzzy; untranslated otherwise (entries for texts the kit no longer has never count). An
    absent catalogue counts every text untranslated. Raises CatalogueError as `glosses` does
    (`root`: the folder the catalogue must not leave, as there)."""
    usable = glosses(path, root)
    fuzzy = ({(e.msgctxt or "", e.msgid) for e in read(path)
              if e.msgstr and not e.obsolete and "fuzzy" in e.flags} if path.exists() else set())
    translated = in_fuzzy = untranslated = 0
    for key in kit.messages():
        if usable.get(key):
            translated += 1
        elif key in fuzzy:
            in_fuzzy += 1
        else:
            untranslated += 1
    return Stats(translated, in_fuzzy, untranslated)


def template(kit: Kit, source: str, english: dict[tuple[str, str], str] | None = None
             ) -> polib.POFile:
    """The template of the kit: one entry per text, its place as msgctxt and its source file
    as reference. `english`: the English catalogue's translations, given to translators of the
    other languages as an extracted comment (not everyone who translates reads Russian)."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Project-Id-Version": PROJECT, "Report-Msgid-Bugs-To": CONTACT,
                    "POT-Creation-Date": now(), "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "8bit"}
    for context, msgid in kit.messages():
        comments = ["Letters kit, in Russian: translate into the reader's language."]
        if english and english.get((context, msgid)):
            comments.append(f"English: {english[(context, msgid)]}")
        pot.append(polib.POEntry(msgid=msgid, msgstr="", msgctxt=context,
                                 occurrences=[(source, "")], comment="\n".join(comments)))
    return pot


def extract(kit: Kit, source: str, folder: Path, langs: list[str]) -> list[Path]:
    """Write or update translations/letters/<lang>.po for every language but Russian (the
    source) with msgmerge's rules (content_i18n.catalogs.merge). English first, so the other
    catalogues carry its translations as comments. Returns the files written. Raises
    CatalogueError for a catalogue msgfmt refuses (left unchanged)."""
    written = []
    english: dict[tuple[str, str], str] = {}
    for lang in sorted((x for x in langs if x != SOURCE_LANG), key=lambda x: x != "en"):
        path = catalog_path(folder, lang)
        pot = template(kit, source, None if lang == "en" else english)
        text = merge(pot, path if path.exists() else None, lang)
        if write(path, text):
            written.append(path)
        if lang == "en":
            english = glosses(path)
    return written


def relative(path: Path, base: Path) -> str:
    """`path` as the build's messages name it: relative to `base` when inside it."""
    try:
        return os.path.relpath(path, base)
    except ValueError:
        return str(path)
