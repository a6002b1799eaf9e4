"""Checks on an article's or page's source and rendered body, each reported with file and line:
the file is UTF-8 and of a sane size without control characters, its HTML is within the
sanitiser's allowlist (safe_input.sanitiser), and every {filename}/{static} link points at a
real file."""

from __future__ import annotations

import os
import re
from pathlib import Path

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from safe_input import nesting, sanitiser, text, urls
from safe_input.slugs import slugify

from .rules import KNOWN_FIELDS
from .settings import SCHEMA

_INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\"'\s>#?]+)")


def slug_from_filename(path: str) -> str:
    """A URL-safe slug from a file name in any script: "Заявление 1.ru.md" -> "zaiavlenie-1"
    (safe_input.slugs.slugify, the one slug function)."""
    return slugify(Path(path).stem) or "untitled"


def slug_for_source(source_path: str, languages: list[str]) -> str:
    """The slug of a source file without `Slug:`: its name without a language suffix
    (`about.ru.md` -> `about`), made URL-safe by slug_from_filename. Used by the reader and by
    content_i18n's catalogue naming, so extract and build agree."""
    stem = os.path.splitext(os.path.basename(str(source_path)))[0]
    base, _, suffix = stem.rpartition(".")
    return slug_from_filename(base if base and suffix in languages else stem)


def read_text(path: str, settings: dict) -> tuple[str | None, list[tuple[str, str]]]:
    """The file's text, or the problems that stop it being read (size, encoding)."""
    limit = SCHEMA.get(settings, "MAX_SOURCE_BYTES")
    size = os.path.getsize(path)
    if size > limit:
        return None, [("file", f"{size / 1e6:.1f} MB is larger than the {limit / 1e6:.1f} MB "
                               "limit for one text (MAX_SOURCE_BYTES in pelicanconf.py); split "
                               "it into several texts, or publish it as a PDF in "
                               "content/images and link to it")]
    # UTF-8, byte-order mark dropped, no control characters, NFC (safe_input.text).
    return text.decode(Path(path).read_bytes(), limit, "MAX_SOURCE_BYTES")


_FIELD_WORD = re.compile(r"[ ]{0,3}([A-Za-z]+)\b[ \t]*(.*)")
# A colon after a space, or a look-alike (full-width, ratio, modifier letter colons) that an
# input method types: not the header's colon, and not part of the value either.
_COLONS = ":\uff1a\u2236\ua789\ufe55\ufe13"


def _field_line(line: str) -> str | None:
    """`Field: value` for a header line that starts with a known field's name but lacks its
    colon (`Tags x`, `Date： 2012-12-19`, `Date : 2012-12-19`), or None."""
    word = _FIELD_WORD.match(line)
    if not word or word.group(1).lower() not in KNOWN_FIELDS:
        return None
    value = word.group(2).strip().lstrip(_COLONS).strip()
    return f"{KNOWN_FIELDS[word.group(1).lower()]}: {value}"


def check_header_end(source: str) -> list[tuple[str, str]]:
    """A header broken by a line without its colon: [("line N", message)] or [].

    Python-Markdown's meta extension (whose regular expressions this uses) ends the header at
    the first line that is neither `Key: value` nor an indented continuation, and publishes
    the rest as text: a forgotten colon would put the header's last lines on the page. The
    header was broken when it ends on a line that is not blank and either that line starts
    with a known field's name (`Tags x`) or a later line before the first blank line is a
    known `Field:` line. A body after a blank line, or one that starts with ordinary words
    and names no field, is left alone (rules.KNOWN_FIELDS)."""
    lines = source.split("\n", 200)  # a header is a few dozen lines; bounded
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    key = None
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip() or END_RE.match(line):
            return []
        found = META_RE.match(line)
        if found:
            key = found.group("key")
            continue
        if key and META_MORE_RE.match(line):
            continue
        # The first line too: without its colon it ends the header before it begins, and
        # every field after it would be called missing. Plain text with no field after it
        # is no header at all: the required-field checks say what is missing.
        return _broken_header(lines, number)
    return []


# The key a header line without its colon becomes for reading the rest of the header
# (read_header): never a field (the reader leaves it out), and never published, since the
# line's own problem rejects the file. Its value is the field the line names, if any.
UNREAD_KEY = "x-line-without-colon"


def read_header(source: str) -> tuple[list[tuple[str, str]], str]:
    """(problems, text to read): every header line without its colon (check_header_end) and
    every blank line inside the header (check_header_gap), each asked again after the one
    before is mended, at most once per line of a header's bound; and the source with each
    such line made a header line, so that the fields after it are read and checked in the
    same build: a line of UNREAD_KEY whose value is the field the line starts with (`Tags x`
    gives `x-line-without-colon: Tags`), or empty (a blank line). The line's value is not
    read as the field: the line may be prose (`Image of the court is below.`, `Lang is
    Russian here` under a Lang: line), and its own problem already names the fix. Line
    numbers are kept, so later problems name the editor's lines."""
    problems: list[tuple[str, str]] = []
    text = source
    for _ in range(200):  # both checks look at the first 200 lines
        found = check_header_end(text)
        lines = text.split("\n")
        if found:
            number = int(found[0][0].removeprefix("line ")) - 1
            field = _field_line(lines[number])
            lines[number] = f"{UNREAD_KEY}: {field.split(':', 1)[0] if field else ''}"
        else:
            gap = _header_gap(lines)
            if gap is None:
                break
            found = [_gap_problem(lines, *gap)]
            for number in range(*gap):
                lines[number] = f"{UNREAD_KEY}:"
        problems += found
        text = "\n".join(lines)
    return problems, text


def _header_gap(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) indexes of the blank lines that end the header, when the paragraph right
    after them is header lines (_is_header_paragraph); else None. The header is read as
    Python-Markdown's meta extension reads it (an optional `---` line, then `Key: value` and
    indented continuation lines, up to a blank line); a header ended otherwise (by `---` or
    `...`, or by a line that is no header line: check_header_end's case) has no gap."""
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    bound = min(len(lines), 200)  # a header is a few dozen lines; bounded
    key = None
    for number in range(start, bound):
        line = lines[number]
        if not line.strip():
            end = number
            while end < bound and not lines[end].strip():
                end += 1
            return (number, end) if _is_header_paragraph(lines[end:bound]) else None
        if END_RE.match(line):
            return None
        found = META_RE.match(line)
        if found:
            key = found.group("key")
        elif not (key and META_MORE_RE.match(line)):
            return None
    return None


def _paragraph(lines: list[str]) -> list[str]:
    """The paragraph at the start of `lines`: up to a blank line, `---` or `...`."""
    found = []
    for line in lines:
        if not line.strip() or END_RE.match(line):
            break
        found.append(line)
    return found


def _draft_line(lines: list[str]) -> int | None:
    """The index in `lines` of a `Status: draft` line as the header check reads a field line
    (_field_line: any case, a spaced or look-alike colon), or None."""
    return next((i for i, line in enumerate(lines)
                 if (_field_line(line) or "").lower() == "status: draft"), None)


def _is_header_paragraph(lines: list[str]) -> bool:
    """Whether the paragraph at the start of `lines` (up to a blank line, `---` or `...`) is
    made only of header lines of fields the site knows (rules.KNOWN_FIELDS): `Key: value`,
    the key at the line's start as Python-Markdown's meta extension reads one (META_RE), and
    indented continuation lines. What tells it from prose: a first paragraph that merely
    holds a colon (`Note: the hearing moved`, `The court said: no`), names a key the site
    does not know, puts a space before the colon (French `Source : …`), or goes on with a
    line of text (a sentence wrapped after `Source: Mediazona reported`) is prose. Except a
    paragraph with a `Status: draft` line (_draft_line): below the header it would publish
    the draft, so it is never taken for prose."""
    paragraph = _paragraph(lines)
    if _draft_line(paragraph) is not None:
        return True
    seen = False
    for line in paragraph:
        found = META_RE.match(line)
        if found:
            if found.group("key").lower() not in KNOWN_FIELDS:
                return False
            seen = True
        elif not (seen and META_MORE_RE.match(line)):
            return False
    return seen


def _gap_problem(lines: list[str], first: int, end: int) -> tuple[str, str]:
    """("line N", message) for the blank lines lines[first:end] inside a header."""
    after = lines[end].strip()
    count = end - first
    blank = "a blank line" if count == 1 else f"{count} blank lines"
    draft = _draft_line(_paragraph(lines[end:200]))  # as _header_gap, bounded
    if draft is not None:
        return (f"line {first + 1}", f"{blank} inside the header: the header ends here, so "
                                     f"'Status: draft' (line {end + draft + 1}) would be "
                                     "shown as text and the draft would be public; remove "
                                     f"{'this blank line' if count == 1 else 'them'}, or move "
                                     "the Status line above it")
    return (f"line {first + 1}", f"{blank} inside the header: the header ends here, and "
                                 f"'{after[:60]}' (line {end + 1}) and the header lines after "
                                 "it would be published as text; remove "
                                 f"{'this blank line' if count == 1 else 'them'}, or, if line "
                                 f"{end + 1} is text, write its start in bold: "
                                 f"**{after.split(':', 1)[0]}:**")


def _broken_header(lines: list[str], number: int) -> list[tuple[str, str]]:
    line = lines[number].strip()
    mended = _field_line(lines[number])
    if mended:
        hint = f"write '{mended}'"
    else:
        after = []
        for later in lines[number + 1:]:
            if not later.strip():
                break
            found = META_RE.match(later)
            if found and found.group("key").lower() in KNOWN_FIELDS:
                after.append(found.group("key"))
        if not after:
            return []  # the text starts without a blank line: Markdown allows it
        hint = ("add the missing colon after the field name, or remove the line; the header "
                "ends at the first blank line")
    return [(f"line {number + 1}", f"'{line[:60]}' is not a `Key: value` header line, so "
                                   "the header would end here and the lines after it be "
                                   f"published as text; {hint}")]


def _line_of(source: str, *needles: str) -> str:
    """The line of the first of ``needles`` found in ``source`` (case-insensitive)."""
    for needle in needles:
        at = source.lower().find(needle.lower())
        if at >= 0:
            return f"line {source.count(chr(10), 0, at) + 1}"
    return "body"


def check_nesting(source: str) -> list[tuple[str, str]]:
    """Quotes or lists nested too deep, with their line (safe_input.nesting)."""
    found = nesting.problem(source)
    return [(f"line {found[0]}", found[1])] if found else []


def check_html(source: str, html: str, where: str | None = None) -> list[tuple[str, str]]:
    """What the sanitiser's allowlist would remove from ``html`` (made from ``source``), with
    the source line (or ``where``, a field name): an editor's text is refused, never silently
    changed. Markdown's own output is within the allowlist; raw HTML may not be."""
    return [(where or _line_of(source, *needles), message)
            for needles, message in sanitiser.refusals(html)]


def check_internal_links(source: str, source_path: str, content_root: str) -> list[tuple[str, str]]:
    """{filename} and {static} targets must exist (Pelican would only warn and leave it
    broken) and, with symbolic links followed, lie inside the content folder."""
    problems = []
    for match in _INTERNAL_LINK.finditer(source):
        target = match.group(2)
        base = content_root if target.startswith("/") else os.path.dirname(source_path)
        problem = urls.local_file_problem(target, base, content_root)
        if problem:
            line = source.count("\n", 0, match.start()) + 1
            hint = ("correct the path (write a space in a file name as %20)"
                    if "does not exist" in problem else "")
            problems.append((f"line {line}", f"{match.group(0)} {problem} under "
                                             f"{os.path.basename(content_root)}/"
                                             + (f"; {hint}" if hint else "")))
    return problems
