"""Markdown nesting depth: Python-Markdown (and content_i18n.segments) descend one level per
">" quote mark, list marker or 4 columns of indentation, so a line of 3,000 ">" or "- " (3-6 KB,
far under every size cap) ends a build in a RecursionError. Every Markdown text (articles,
pages, registry bios, catalogue msgstrs) is checked with :func:`problem` before conversion."""

from __future__ import annotations

import re

MAX_DEPTH = 16  # quotes or lists inside each other; real texts use two or three levels
# A line's opening: indentation, ">" quote marks and list markers ("- ", "* ", "1. "), in
# any mix; Markdown opens one nested block per mark (and per 4 columns of indentation).
_OPENING = re.compile(r"^(?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*")
_LIST_MARK = re.compile(r"(?:^|(?<=[ \t>]))(?:[-*+]|\d{1,9}[.)])(?=[ \t])")


def problem(source: str) -> tuple[int, str] | None:
    """(1-based line, message) of the first line whose quotes or lists are nested deeper than
    MAX_DEPTH, or None."""
    for number, line in enumerate(source.split("\n"), 1):
        opening = _OPENING.match(line).group(0)
        quotes = opening.count(">")
        lists = len(_LIST_MARK.findall(opening))
        indent = len(opening.expandtabs(4)) - len(opening.lstrip(" \t").expandtabs(4))
        if quotes > MAX_DEPTH or lists + indent // 4 > MAX_DEPTH:
            what = "quotes" if quotes > MAX_DEPTH else "lists"
            return number, (f"{what} are nested more than {MAX_DEPTH} levels deep (each "
                            "\">\", list marker or 4 spaces of indentation opens one); "
                            "flatten the text")
    return None
