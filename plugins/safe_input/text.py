"""Reading an input file the same way everywhere (Markdown, registry YAML, .po catalogues).

Rules, in order:

1. Size cap (``MAX_SOURCE_BYTES`` for Markdown, ``MAX_YAML_BYTES``, ``MAX_PO_BYTES``): a parser
   given a huge file takes minutes and gigabytes; these files are hand-written and small.
2. UTF-8 only (the encoding Poedit, Weblate and every editor can save).
3. A byte-order mark at the very start is accepted and dropped (Windows editors add one; left
   in, it becomes part of the first header name and the Title is lost). Not in a .po
   catalogue: GNU gettext (msgfmt, msgmerge, msgcat) refuses one there as a syntax error at
   line 1, so the build does too (:func:`po_byte_order_mark`), as gettext's semantics rule.
4. Control characters (Unicode category Cc: C0, DEL, C1) other than tab and newline (also as
   CRLF) are refused with their line: they are invisible, and XML (feeds) forbids most of them.
5. The text is NFC-normalised (Unicode Standard Annex #15), so "й" typed as и + combining breve
   and "й" typed as one character are the same name, slug and msgid.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

BOM = "\ufeff"
MAX_SOURCE_BYTES = 1_000_000  # one Markdown text (articles, pages)
MAX_YAML_BYTES = 200_000  # the largest registry file today is about 8 kB
MAX_PO_BYTES = 2_000_000  # a catalogue holds a text (MAX_SOURCE_BYTES) plus its translation


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "")
                                   else "")


# Unicode category Cc is exactly U+0000–U+001F and U+007F–U+009F (UnicodeData.txt); tab and
# newline are allowed, and CR only where it ends a line (CRLF) or the text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n|\Z)")


def control_characters(text: str) -> list[tuple[int, str]]:
    """(line, description) for every line holding a control character other than tab,
    newline or the CR of a CRLF line end."""
    if _CONTROL.search(text) is None:  # the usual case: one regex scan, not one call per char
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        body = line[:-1] if line.endswith("\r") else line
        bad = [c for c in body if c != "\t" and unicodedata.category(c) == "Cc"]
        if bad:
            problems.append((number, _char_name(bad[0])))
    return problems


# C escapes in a .po string that GNU msgfmt decodes ("\a", "\b", "\f", "\v", octal "\007",
# hex "\x07"; GNU gettext manual, "The Format of PO Files", and its po-lex.c) but the site's
# catalogue parsers do not read alike: Babel (UI catalogues) reads only \\ \" \n \t \r and
# shows the rest as typed; polib (content and letters catalogues) turns \b \f \v into control
# characters and shows the rest as typed. Only \\ \" \n \t pass: \r all three read alike, but
# as a carriage return, a control character the input rules refuse when typed (rule 4). On a
# string line (not a comment), after an even number of backslashes.
_PO_ESCAPE = re.compile(
    r'^[ \t]*+(?!#)[^\n]*?(?<!\\)(?:\\\\)*\\([0-7]{1,3}|x[0-9A-Fa-f]*|[^\\"nt\n])', re.M)


# Every match of _PO_ESCAPE holds a backslash followed by a character other than \ " n t and
# newline: a text without one (most catalogues) needs no line-by-line search, which cost half
# of reading a content catalogue (10,000 of them at N = 2,000).
_PO_ESCAPE_ANYWHERE = re.compile(r'\\[^\\"nt\n]')


# U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (category Zl/Zp, so not refused as
# control characters): msgfmt keeps them inside a string, but polib splits the file's lines on
# them (str.splitlines) and refuses the catalogue with a traceback-worthy OSError.
_LINE_SEPARATOR = re.compile("[\u2028\u2029]")


def po_escape(text: str) -> tuple[int, str] | None:
    """(line, message) for the first line separator (U+2028, U+2029) in a .po catalogue's
    text, else for the first C escape that msgfmt reads as the character it stands for and the
    site's parsers do not (see _PO_ESCAPE), or None. One rule for every catalogue: UI
    (ui_i18n), content (content_i18n), letters (letters_kit)."""
    separator = _LINE_SEPARATOR.search(text)
    if separator is not None:
        line = text.count("\n", 0, separator.start()) + 1
        return line, (f"{_char_name(separator.group())} is an invisible line break that "
                      "the catalogue readers do not agree on; remove it (a line break is \\n)")
    if _PO_ESCAPE_ANYWHERE.search(text) is None:
        return None
    found = _PO_ESCAPE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    if found.group(1) == "r":
        return line, ("the escape \\r stands for a carriage return, a control character, "
                      "which is not allowed; remove it (a line break is \\n)")
    return line, (f"the escape \\{found.group(1)} is read by msgfmt as a character but not by "
                  "the site; write the character itself (a control character is not allowed "
                  "at all)")


def _too_large(size: int, limit: int, setting: str) -> tuple[str, str]:
    return ("file", f"{size / 1e6:.1f} MB is larger than the {limit / 1e6:.1f} MB limit for "
                    f"one file ({setting} in pelicanconf.py); split it into several files")


def decode(data: bytes, limit: int, limit_setting: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The text of an input file's bytes, NFC-normalised and without a leading byte-order mark,
    or ``(None, [(where, message), ...])``: where is "file" or "line N"."""
    if len(data) > limit:
        return None, [_too_large(len(data), limit, limit_setting)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [(f"line {line}", f"not UTF-8 text (byte 0x{data[exc.start]:02X}); "
                                       "save the file as UTF-8 (in most editors: Save As, "
                                       "Encoding: UTF-8)")]
    text = text.removeprefix(BOM)
    found = control_characters(text)
    if found:
        return None, [(f"line {line}", f"contains the invisible control character {name}; "
                                       "delete it (retype the line if you cannot see it)")
                      for line, name in found]
    return unicodedata.normalize("NFC", text), []


def read(path: str | os.PathLike, limit: int, limit_setting: str
         ) -> tuple[str | None, list[tuple[str, str]]]:
    """:func:`decode` for a file; the size is checked before the file is read."""
    size = os.path.getsize(path)
    if size > limit:
        return None, [_too_large(size, limit, limit_setting)]
    return decode(Path(path).read_bytes(), limit, limit_setting)


# Zero-width and direction-control characters (Unicode category Cf: U+200B–U+200F, U+202A–
# U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, soft hyphen…): invisible, so two names that
# differ only by them look identical to a reader and to the name collision check. Not all
# invisible characters are Cf: the rest of Unicode's Default_Ignorable_Code_Point
# (DerivedCoreProperties.txt, Unicode 15.1), such as U+034F COMBINING GRAPHEME JOINER, the
# Hangul fillers and the variation selectors, render as nothing too.
_IGNORABLE = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
              (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
              (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF))


def _invisible(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) == "Cf" or any(lo <= code <= hi for lo, hi in _IGNORABLE)


def invisible_characters(text: str) -> list[str]:
    """Descriptions of the invisible characters (category Cf and the other
    Default_Ignorable_Code_Point characters) in a name, alias or slug."""
    return [_char_name(c) for c in dict.fromkeys(text) if _invisible(c)]


class Refused(ValueError):
    """An input file that breaks the rules above; str() is "line N: message" or "message"."""


def po_byte_order_mark(path: str | os.PathLike) -> tuple[int, str] | None:
    """(1, problem and fix) when a .po catalogue starts with a UTF-8 byte-order mark, else
    None. GNU msgfmt 0.21 refuses such a file ("file.po:1:2: syntax error"), and msgmerge and
    msgcat do too, so a catalogue saved with one works nowhere else gettext is used; the
    build refuses it the same way (UI and content catalogues alike) and never rewrites it."""
    with open(path, "rb") as fp:
        if fp.read(3) != BOM.encode("utf-8"):
            return None
    return 1, ("the file starts with a byte-order mark (U+FEFF), which GNU gettext (msgfmt, "
               "msgmerge) refuses as a syntax error; save it as UTF-8 without a byte-order "
               "mark (Poedit and Weblate do; in other editors: Save As, Encoding: UTF-8, "
               "not UTF-8 with BOM)")


def po_bytes(path: str | os.PathLike, limit: int = MAX_PO_BYTES) -> bytes:
    """A .po catalogue's bytes for the parser, after the rules above (size cap MAX_PO_BYTES,
    UTF-8, no byte-order mark (:func:`po_byte_order_mark`), no control characters, NFC).
    Raises :class:`Refused`, also for a catalogue that is a symbolic link (urls.link_problem:
    it is never read)."""
    from .urls import link_problem

    link = link_problem(path, os.path.dirname(os.path.abspath(path)))
    if link:
        raise Refused(link)
    mark = po_byte_order_mark(path)
    if mark:
        raise Refused(f"line {mark[0]}: {mark[1]}")
    text, problems = read(path, limit, "MAX_PO_BYTES")
    if text is None:
        where, message = problems[0]
        raise Refused(message if where == "file" else f"{where}: {message}")
    return text.encode("utf-8")
