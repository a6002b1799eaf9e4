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
