"""UI catalogues: translations/<lang>/LC_MESSAGES/messages.po compiled in memory by the build.

No .mo file is ever written or committed, so none can go stale. A broken catalogue is reported
with its file and line and the build stops; English is the source language and needs none.
"""

from __future__ import annotations

import gettext
import os
import re
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

import build_errors

DOMAIN = "messages"
_cache: dict[tuple[str, float], gettext.NullTranslations] = {}


def catalog_path(settings: dict, lang: str) -> str:
    root = settings.get("UI_TRANSLATIONS_DIR") or "translations"
    return os.path.join(root, lang, "LC_MESSAGES", f"{DOMAIN}.po")


_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(
    rf"^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+{_STRING}[ \t]*"
    rf"|{_STRING}[ \t]*)$"
)


def check_syntax(text: str) -> tuple[int, str] | None:
    """The first line that is not PO syntax, as (line number, problem). Babel's and polib's
    parsers quietly accept some broken lines (an unterminated string), which msgfmt refuses.
    A control character other than tab and newline is refused too (safe_input.text)."""
    from safe_input.text import BOM, control_characters

    text = text.removeprefix(BOM)
    for number, name in control_characters(text)[:1]:
        return number, f"contains the invisible control character {name}; delete it"
    for number, line in enumerate(text.splitlines(), 1):
        if not _LINE.match(line):
            if line.count('"') % 2 or not line.rstrip().endswith('"'):
                return number, 'unterminated string (a closing " is missing)'
            return number, f"not PO syntax: {line.strip()[:60]!r}"
    return None


def compile_po(path: str, lang: str) -> gettext.NullTranslations:
    """Compile one .po file (fuzzy entries left out, as msgfmt does) into Translations."""
    from safe_input.text import po_bytes

    data = po_bytes(path)  # size cap, UTF-8, byte-order mark, control characters (ValueError)
    problem = check_syntax(data.decode("utf-8"))
    if problem:
        raise PoFileError(f"line {problem[0]}: {problem[1]}", None, "", problem[0])
    catalog = read_po(BytesIO(data), locale=lang, abort_invalid=True)
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
        except (PoFileError, ValueError, SyntaxError, UnicodeDecodeError) as exc:
            build_errors.report(os.path.relpath(path), *_where(exc))
            _cache[key] = NullTranslations()
    return _cache[key]


def _where(exc: Exception) -> tuple[str, str]:
    """Split a parser error into (location, message + fix) for build_errors."""
    line = getattr(exc, "lineno", None)
    text = str(exc)
    found = re.match(r"line (\d+): (.*)", text)
    if found:
        line, text = found.group(1), found.group(2)
    fix = "fix the entry, then check it with `msgfmt --check`"
    return (f"line {line}" if line else "catalogue"), f"{text}; {fix}"


def save_po(catalog, path, sort: bool = False) -> bool:
    """Write a Babel catalogue as a .po file through polib, which wraps `#| msgid` (previous
    msgid) lines correctly; Babel's write_po wraps them as plain comments, breaking the
    quoting, and msgfmt then rejects the file. Unchanged files are not rewritten (their
    creation date aside). Returns whether the file was written."""
    import polib

    po = polib.POFile(wrapwidth=100)
    # Babel keeps the comment marks in header_comment; polib adds its own.
    po.header = "\n".join(line.removeprefix("#").removeprefix(" ")
                          for line in catalog.header_comment.splitlines())
    po.metadata = {k: v for k, v in catalog.mime_headers}
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
