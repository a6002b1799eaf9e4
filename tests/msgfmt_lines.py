"""The line GNU msgfmt names for a catalogue entry, so tests compare the build's messages with
msgfmt's own instead of counting lines themselves.

msgfmt --check names an entry's problem at the line of its msgstr (msgstr[0] for a plural).
It only complains about problems it knows (formats, newlines), so for any entry a scratch copy
gets one it knows: the msgstr made to begin with a newline its msgid lacks ("'msgid' and
'msgstr' entries do not both begin with '\\n'"). The copy is saved by polib like the file
(`normalise` first), so every line up to that msgstr is the file's own.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import polib

WRAP = 0  # polib's width: no wrapping, so a changed msgstr moves no line before it


def normalise(path: Path) -> None:
    """Save the catalogue as polib does (the layout `msgfmt_line`'s scratch copy gets)."""
    polib.pofile(str(path), wrapwidth=WRAP).save(str(path))


def msgfmt_errors(path: Path) -> list[tuple[int, str]]:
    """(line, message) of every error `msgfmt --check` names in the file (no warnings)."""
    proc = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    # "file.po:LINE: message" or "file.po:LINE:COLUMN: message" (a syntax error).
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(
        rf"^{re.escape(str(path))}:(\d+):(?:\d+:)? (?!warning:)(.*)$", proc.stderr, re.M)]


def msgfmt_line(path: Path, msgid: str) -> int:
    """The line msgfmt --check names for the entry `msgid` of a `normalise`d catalogue."""
    po = polib.pofile(str(path), wrapwidth=WRAP)
    entry = next(e for e in po if e.msgid == msgid and not e.obsolete)
    assert not msgid.startswith("\n")
    if entry.msgid_plural:
        entry.msgstr_plural = {**entry.msgstr_plural, 1: "\n" + entry.msgstr_plural[1]}
    else:
        entry.msgstr = "\n" + entry.msgstr
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.po"
        po.save(str(copy))
        found = [line for line, message in msgfmt_errors(copy)
                 if "do not both begin with" in message]
    assert len(found) == 1, found
    return found[0]


BOM_PROBLEM = ("the file starts with a byte-order mark (U+FEFF), which GNU gettext (msgfmt, "
               "msgmerge) refuses as a syntax error; save it as UTF-8 without a byte-order mark")


def add_bom(path: Path) -> None:
    """Give the file a UTF-8 byte-order mark, as some editors save one."""
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def bom_refused_by_build(path: Path, shown: str, run_build):
    """Give the catalogue `path` a byte-order mark (add_bom) and build with `run_build()`
    (a tests.sitebuild.Build): msgfmt --check refuses the file (a syntax error); the build
    fails naming `shown` (the file as the build names it), msgfmt's line and the fix
    (BOM_PROBLEM), without a traceback, and leaves the file as it was. Returns (the build,
    msgfmt's line)."""
    add_bom(path)
    before = path.read_bytes()
    [(line, message), *_] = msgfmt_errors(path)
    assert "syntax error" in message
    build = run_build()
    assert build.returncode != 0, build.output
    # Spaces aside: the console wraps long lines, also inside a path.
    assert "".join(f"{shown}: line {line}: {BOM_PROBLEM}".split()) in "".join(
        build.said.split()), build.output
    assert "Traceback" not in build.output
    assert path.read_bytes() == before
    return build, line
