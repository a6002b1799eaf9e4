"""UI catalogues: translations/<lang>/LC_MESSAGES/messages.po compiled in memory by the build.

No .mo file is ever written or committed, so none can go stale. A broken catalogue is reported
with its file and line and the build stops; English is the source language and needs none.
"""

from __future__ import annotations

import gettext
import logging
import os
import re
from dataclasses import dataclass, field
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

import build_errors
import site_scheme

from . import entry_checks

logger = logging.getLogger(__name__)
DOMAIN = "messages"
_cache: dict[tuple[str, float], Compiled] = {}


def catalog_path(settings: dict, lang: str) -> str:
    root = settings.get("UI_TRANSLATIONS_DIR") or "translations"
    return os.path.join(root, lang, "LC_MESSAGES", f"{DOMAIN}.po")


_STRING = r'"(?:[^"\\]|\\.)*"'
# msgfmt skips whitespace before a keyword, string or comment and between a keyword and its
# string, as a hand edit may leave it; babel_input evens it out for Babel. (msgfmt needs none
# between keyword and string, but polib, which counts for the translators' pages, does.)
_KEYWORDS = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_LINE = re.compile(
    rf"^[ \t]*(?:#.*|\s*|{_KEYWORDS}[ \t]+{_STRING}[ \t]*|{_STRING}[ \t]*)$"
)
_NO_SPACE = re.compile(rf'^[ \t]*{_KEYWORDS}"')


def check_syntax(text: str) -> tuple[int, str] | None:
    """The first line that is not PO syntax, as (line number, problem). Babel's and polib's
    parsers quietly accept some broken lines (an unterminated string), which msgfmt refuses.
    A control character other than tab and newline is refused too, and so is a C escape
    msgfmt reads as a character but Babel and polib do not (safe_input.text.po_escape)."""
    from safe_input.text import BOM, control_characters, po_escape

    text = text.removeprefix(BOM)
    for number, name in control_characters(text)[:1]:
        return number, f"contains the invisible control character {name}; delete it"
    escape = po_escape(text)
    if escape:
        return escape
    for number, line in enumerate(text.splitlines(), 1):
        if not _LINE.match(line):
            if BOM in line and _LINE.match(line.replace(BOM, "")):
                # Invisible in an editor, and shown as "\ufeff" by repr(): say what it is.
                return number, ("an invisible byte-order mark (U+FEFF) stands outside the "
                                "quotes on this line, which msgfmt refuses as a syntax "
                                "error; delete it (retype the line's start)")
            if _NO_SPACE.match(line):
                return number, ("the keyword runs into its string (msgstr\"…\"); msgfmt takes "
                                "it, the site's catalogue readers do not: put a space before "
                                "the opening \"")
            if line.count('"') % 2 or not line.rstrip().endswith('"'):
                return number, 'unterminated string (a closing " is missing)'
            return number, f"not PO syntax: {line.strip()[:60]!r}"
    return None


# The header entry: msgid "", its msgstr right after (a long msgid's first
# line is msgid "" too, but a string line follows it). msgfmt --check refuses a catalogue
# without one ("PO file header missing or invalid"), an empty file included, and msgmerge
# refuses it when it holds any non-ASCII text.
_HEADER = re.compile(r'(?:\A|\n)[ \t]*msgid[ \t]*""[ \t]*\r?\n[ \t]*msgstr[ \t"]')
_NO_HEADER = (
    "the header entry (msgid \"\" with Language, Content-Type and Plural-Forms) is missing, "
    "which msgfmt --check refuses (is the file empty or cut off?); put it back at the top "
    "(`git diff {path}` shows what was removed, `git checkout -- {path}` restores the file; "
    "an empty file is made anew by `invoke i18n.update-ui`)")


def check_structure(text: str) -> tuple[int, str] | None:
    """The first error GNU msgfmt (without --check: the format and header checks are the
    build's own, entry by entry) finds in a catalogue whose lines check_syntax accepted, as
    (line, msgfmt's message), or None: what only a reading of the whole file finds, which
    Babel takes silently (a duplicate entry, a msgstr without its msgid, a plural index on a
    singular entry, a broken obsolete entry). msgfmt is the judge of a .po file, and one
    run over the text costs a few milliseconds. Raises CleanFailure without GNU gettext."""
    from content_i18n.catalogs import _MSGFMT_ERROR, _run

    proc = _run(["msgfmt", "-o", "/dev/null", "-"], text)
    if proc.returncode == 0:
        return None
    found = _MSGFMT_ERROR.search(proc.stderr)
    if found is None:
        return 1, proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "refused"
    line, message = int(found.group(1)), found.group(2)
    if "end-of-line within string" in message:  # counted as the next line's by msgfmt
        return line - 1, 'unterminated string (a closing " is missing)'
    first = re.search(r":(\d+): \.\.\.this is the location of the first definition",
                      proc.stderr)
    if message.startswith("duplicate message definition") and first:
        return line, (f"duplicate message definition (the first is at line {first.group(1)}); "
                      "keep one of the two entries")
    return line, message


@dataclass
class Compiled:
    """One compiled catalogue and what its check found."""

    translations: gettext.NullTranslations
    errors: list[tuple[str, str]] = field(default_factory=list)  # (where, message): stop
    warnings: list[str] = field(default_factory=list)  # refused entries: the msgid shows
    # (msgctxt or "", msgid) of the refused entries: counted as untranslated for translators.
    refused: frozenset[tuple[str, str]] = frozenset()


def compile_po(path: str, lang: str) -> Compiled:
    """Compile one .po file (fuzzy entries left out, as msgfmt does) into Translations.

    Entries whose msgstr adds markup or placeholders to its msgid are left out too, each with
    a warning (entry_checks). Raises PoFileError, ValueError or SyntaxError for a file that
    is not a catalogue; a Plural-Forms expression that fails is returned as an error."""
    from safe_input.text import Refused, po_bytes

    data = po_bytes(path)  # size cap, UTF-8, no byte-order mark, control characters (ValueError)
    text = data.decode("utf-8")
    problem = check_syntax(text) or check_structure(text)
    if problem:
        raise PoFileError(f"line {problem[0]}: {problem[1]}", None, "", problem[0])
    if not _HEADER.search(text):
        raise Refused(_NO_HEADER.format(path=os.path.relpath(path)))
    catalog = read_po(BytesIO(babel_input(data)), locale=lang, abort_invalid=True)
    rel = os.path.relpath(path)
    errors = []
    plural = check_plural_forms(catalog.num_plurals, catalog.plural_expr, lang)
    if plural:
        errors.append((_header_line(text, "Plural-Forms:"), plural))
    warnings = []
    refused = set()
    for message in list(catalog):
        if not message.id or message.fuzzy or not message.string:
            continue
        if not isinstance(message.string, str) and not all(message.string):
            # A plural entry is translated when all its forms are (as the translators'
            # pages and i18n.status count it): English for every n, not for some.
            catalog.delete(message.id, message.context)
            continue
        plural_entry = not isinstance(message.id, str)
        msgid = message.id[0] if plural_entry else message.id
        strings = list(message.string) if plural_entry else [message.string]
        found = entry_checks.problems(msgid, message.id[1] if plural_entry else None, strings)
        if found:
            line = msgstr_line(text, message.lineno)
            warnings += [f"{rel}: line {line}: msgid {msgid!r}: {reason}; until it "
                         "is fixed the English text is shown" for reason in found]
            catalog.delete(message.id, message.context)
            refused.add((message.context or "", msgid))
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    translations = Translations(fp=buf, domain=DOMAIN) if not errors else NullTranslations()
    return Compiled(translations, errors, warnings, frozenset(refused))


# The previous msgid of an obsolete fuzzy entry ("#~| msgid ..."), which msgmerge --previous
# and Weblate write and msgfmt accepts; Babel's read_po stops at it ("Unknown or misformatted
# keyword"), so it is handed over as "#| ...", which Babel keeps as a comment of the entry.
_OBSOLETE_PREVIOUS = re.compile(rb"^#~\|", re.M)
# A keyword followed by a tab, which msgfmt and polib accept and Babel's read_po does not
# (it splits the keyword off at a space).
_KEYWORD = re.compile(rb'^([ \t]*(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?))[ \t]+"',
                      re.M)


def babel_input(data: bytes) -> bytes:
    """A catalogue's bytes as Babel's read_po can take them (see _OBSOLETE_PREVIOUS and
    _KEYWORD), line for line, so the line numbers it gives are the file's."""
    return _KEYWORD.sub(rb'\1 "', _OBSOLETE_PREVIOUS.sub(b"#|", data))


def msgstr_line(text: str, lineno: int) -> int:
    """The 1-based line of the first msgstr (msgstr[0] of a plural) of the entry Babel read
    at `lineno` (its msgctxt or msgid line) in `text`: where `msgfmt --check` names a problem
    of the entry, and where the translator fixes it. Lines end at "\\n" only, as msgfmt and
    Babel count them (not str.splitlines: U+2028 or U+0085 is no line end there). Called
    only for a refused entry, so splitting the text each time costs nothing that matters."""
    lines = text.split("\n")
    number = lineno - 1
    while number < len(lines) and not lines[number].lstrip(" \t").startswith("msgstr"):
        number += 1
    return number + 1 if number < len(lines) else lineno


def check_plural_forms(nplurals: int, expression: str, lang: str) -> str | None:
    """Why a Plural-Forms expression cannot be used (it fails, or picks a form that does not
    exist, for some n in 0..1000 or a few large n, as msgfmt's check does), or None."""
    rule = get_plural(lang).plural_forms
    fix = f"use the rule for this language: \"Plural-Forms: {rule}\\n\""
    try:
        choose = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as exc:
        return f"the Plural-Forms expression is not valid ({exc}); {fix}"
    for n in [*range(1001), 10_000, 100_000, 1_000_000]:
        try:
            form = choose(n)
        except Exception as exc:  # noqa: BLE001 (any failure of a translator's expression)
            return (f"the Plural-Forms expression fails for n={n} ({type(exc).__name__}: "
                    f"{exc}); {fix}")
        if not 0 <= form < nplurals:
            return (f"the Plural-Forms expression gives form {form} for n={n}, but there are "
                    f"only nplurals={nplurals} forms; {fix}")
    return None


def _header_line(text: str, name: str) -> str:
    for number, line in enumerate(text.splitlines(), 1):
        if name in line:
            return f"line {number}"
    return "header"


_announced: set[tuple[str, float]] = set()  # catalogues whose problems this build has shown


def new_build(*_args: object) -> None:
    """Show each catalogue's problems again in the next build (autoreload, `invoke serve`)."""
    _announced.clear()


def _compiled(path: str, lang: str) -> Compiled:
    key = (path, os.path.getmtime(path))
    if key not in _cache:
        try:
            _cache[key] = compile_po(path, lang)
        except (PoFileError, ValueError, SyntaxError, UnicodeDecodeError) as exc:
            _cache[key] = Compiled(NullTranslations(), [_where(exc)])
    found = _cache[key]
    if key not in _announced:
        _announced.add(key)
        for where, message in found.errors:
            build_errors.report(os.path.relpath(path), where, message)
        for warning in found.warnings:
            logger.warning("%s", warning)
    return found


def translator(settings: dict, lang: str) -> gettext.NullTranslations:
    """The UI translations for one language, compiled once per change of the .po file.
    A missing or broken catalogue gives the English texts (check_catalogues reports it)."""
    path = catalog_path(settings, lang)
    if lang == settings.get("DEFAULT_LANG", site_scheme.DEFAULT_LANG) or not os.path.exists(path):
        return NullTranslations()
    return _compiled(path, lang).translations


def refused(settings: dict, lang: str) -> frozenset[tuple[str, str]]:
    """(msgctxt or "", msgid) of the entries of a language's UI catalogue that the build
    refuses (compile_po: the English text shows), for the translators' pages; empty for the
    default language or a missing catalogue."""
    path = catalog_path(settings, lang)
    if lang == settings.get("DEFAULT_LANG", site_scheme.DEFAULT_LANG) or not os.path.exists(path):
        return frozenset()
    return _compiled(path, lang).refused


def problem(settings: dict, lang: str) -> tuple[str, str] | None:
    """(where, message) of the first problem for which the build refuses a language's UI
    catalogue as a whole and stops (a broken line, a byte-order mark, a failing Plural-Forms
    expression), else None: the build's own decision, from the same compiled catalogue as
    `translator` and `refused`, for `invoke i18n.status`."""
    path = catalog_path(settings, lang)
    if lang == settings.get("DEFAULT_LANG", site_scheme.DEFAULT_LANG) or not os.path.exists(path):
        return None
    errors = _compiled(path, lang).errors
    return errors[0] if errors else None


TEMPLATE = "messages.pot"


class TemplateMissing(build_errors.CleanFailure):
    """The UI template (messages.pot) is missing: `path`, `where`, `problem` as
    build_errors.InputError's fields."""

    def __init__(self, path: str, where: str, problem: str) -> None:
        super().__init__(f"{os.path.relpath(path)}: {where}: {problem}")
        self.path, self.where, self.problem = path, where, problem


_templates: dict[tuple[str, float], frozenset[tuple[str, str]]] = {}


def template_keys(settings: dict) -> frozenset[tuple[str, str]]:
    """(msgctxt or "", msgid) of every message of the UI template, UI_TRANSLATIONS_DIR/
    messages.pot: the strings the theme and plugins mark (`invoke i18n.update-ui` writes it
    from them; tests/test_localisation holds it equal to them), so what the site asks a UI
    catalogue for. The denominator of a UI catalogue's counts (translators' pages,
    `invoke i18n.status`). Read once per change of the file. Raises
    TemplateMissing (one line: the file and the fix) when the file is missing or a
    symbolic link (safe_input.urls.link_problem: never read)."""
    import polib

    path = os.path.join(settings["UI_TRANSLATIONS_DIR"], TEMPLATE)
    if not os.path.isfile(path):
        raise TemplateMissing(path, "template", "missing: the UI template is needed to count "
                              f"the UI catalogues; restore it (git checkout -- "
                              f"{os.path.relpath(path)}) or write it with "
                              "`invoke i18n.update-ui`")
    from safe_input.urls import link_problem

    link = link_problem(path, settings["UI_TRANSLATIONS_DIR"])
    if link:
        raise TemplateMissing(path, "template", link)
    key = (path, os.path.getmtime(path))
    if key not in _templates:
        _templates[key] = frozenset((e.msgctxt or "", e.msgid)
                                    for e in polib.pofile(path) if e.msgid and not e.obsolete)
    return _templates[key]


def check_catalogues(settings: dict) -> None:
    """Report every site language's missing or broken UI catalogue before anything is written
    (a language without articles is otherwise compiled only while its pages are written)."""
    for lang in settings["LANGUAGES"]:
        if lang == settings.get("DEFAULT_LANG", site_scheme.DEFAULT_LANG):
            continue
        path = catalog_path(settings, lang)
        if not os.path.exists(path):
            build_errors.report(
                os.path.relpath(path), "catalogue",
                f"missing: the UI catalogue of '{lang}' (listed in LANGUAGES) is needed; "
                f"restore it (git checkout -- {os.path.relpath(path)}) or create it with "
                f"`invoke i18n.update-ui`, or remove '{lang}' from LANGUAGES in "
                "plugins/site_scheme")
        else:
            _compiled(path, lang)


def _where(exc: Exception) -> tuple[str, str]:
    """Split a parser error into (location, message + fix) for build_errors."""
    line = getattr(exc, "lineno", None)
    text = str(exc)
    if line is not None:  # Babel's PoFileError adds " on <line>" to its message
        text = text.removesuffix(f" on {line}")
    found = re.match(r"line (\d+): (.*)", text)
    if found:
        line, text = found.group(1), found.group(2)
    elif isinstance(exc, PoFileError) and line is not None:
        line += 1  # Babel's read_po counts lines from 0 (its own warnings add 1)
    from safe_input.text import Refused

    if not isinstance(exc, Refused):  # safe_input's messages say what to fix already
        text += "; fix the entry, then check it with `msgfmt --check`"
    return (f"line {line}" if line else "catalogue"), text


def save_po(catalog, path, sort: bool = False, headers: dict[str, str] | None = None) -> bool:
    """Write a Babel catalogue as a .po file through polib, which wraps `#| msgid` (previous
    msgid) lines correctly; Babel's write_po wraps them as plain comments, breaking the
    quoting, and msgfmt then rejects the file. `headers` (name: value, the file's own) are
    written after Babel's where Babel has no field of that name (it drops the ones it does
    not know: X-Generator, X-Poedit-*). Unchanged files are not rewritten (their creation
    date aside). Returns whether the file was written."""
    import polib

    po = polib.POFile(wrapwidth=100)
    # Babel keeps the comment marks in header_comment; polib adds its own.
    po.header = "\n".join(line.removeprefix("#").removeprefix(" ")
                          for line in catalog.header_comment.splitlines())
    po.metadata = {k: v for k, v in catalog.mime_headers}
    known = {k.lower() for k in po.metadata}
    po.metadata.update({k: v for k, v in (headers or {}).items() if k.lower() not in known})
    messages = [m for m in catalog if m.id]
    if sort:
        messages.sort(key=lambda m: (m.id if isinstance(m.id, str) else m.id[0], m.context or ""))
    for message, obsolete in [(m, False) for m in messages] + [
            (m, True) for m in catalog.obsolete.values()]:
        plural = not isinstance(message.id, str)
        entry = polib.POEntry(
            msgid=message.id[0] if plural else message.id,
            msgctxt=message.context,
            occurrences=[(f, str(n)) for f, n in message.locations],
            comment="\n".join(message.auto_comments),
            tcomment="\n".join(message.user_comments),
            flags=sorted(message.flags),
            obsolete=obsolete,
        )
        previous = message.previous_id or []
        if previous:
            entry.previous_msgid = previous[0]
            if len(previous) > 1:
                entry.previous_msgid_plural = previous[1]
        if plural:
            entry.msgid_plural = message.id[1]
            strings = message.string if isinstance(message.string, (list, tuple)) else [""]
            entry.msgstr_plural = {i: s for i, s in enumerate(strings)}
        else:
            entry.msgstr = message.string or ""
        po.append(entry)
    text = str(po) + "\n"
    path = str(path)
    strip = re.compile(r'"POT-Creation-Date: [^"]*"\n')
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fp:
            if strip.sub("", fp.read()) == strip.sub("", text):
                return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fp:
        fp.write(text)
    return True
