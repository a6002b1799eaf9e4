"""Checks on translated segments that gettext tools do not make."""

from __future__ import annotations

import re
from collections.abc import Iterable

import polib

_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def link_target_problem(msgid: str, msgstr: str) -> str | None:
    """Markdown link targets must survive translation unchanged: a translator translates the
    link text, never where it points (a changed target could send readers anywhere). A
    target the msgid does not have is a problem; leaving a link out is the translator's
    choice (pofilter's `urls` check reports it)."""
    if not msgstr:
        return None
    wanted, found = sorted(_LINK.findall(msgid)), sorted(_LINK.findall(msgstr))
    return f"link targets {wanted} became {found}" if set(found) - set(wanted) else None


def link_target_problems(entries: Iterable[polib.POEntry]) -> list[str]:
    """`msgctxt: problem` for every current, non-fuzzy entry whose link targets changed."""
    problems = []
    for entry in entries:
        if entry.obsolete or entry.fuzzy or not entry.msgid:
            continue
        problem = link_target_problem(entry.msgid, entry.msgstr)
        if problem:
            problems.append(f"{entry.msgctxt or entry.msgid[:30]}: {problem}")
    return problems
