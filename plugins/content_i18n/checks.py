"""Checks on translated segments that gettext tools do not make."""

from __future__ import annotations

from collections.abc import Iterable

import polib
from bs4 import BeautifulSoup
from markdown import Markdown

# Markdown with the site's link-making extensions (attr_list can set href or src).
_MARKDOWN = Markdown(extensions=["attr_list", "footnotes", "tables", "fenced_code"])
_URL_ATTRS = ("href", "src")


def link_targets(text: str) -> list[str]:
    """Every URL a segment links to or loads once converted as the site converts it:
    inline, reference-style and autolinks, raw `<a href>`/`<img src>`, attr_list's
    `{: href=…}`, and reference definitions (`[1]: URL`). Sorted; repeats kept."""
    if not any(c in text for c in "[<{"):  # no link without one of these
        return []
    soup = BeautifulSoup(_MARKDOWN.reset().convert(text), "html.parser")
    found = [node[attr] for attr in _URL_ATTRS for node in soup.find_all(attrs={attr: True})]
    return sorted(found + [url for url, _title in _MARKDOWN.references.values()])


def link_target_problem(msgid: str, msgstr: str) -> str | None:
    """Markdown link targets must survive translation unchanged: a translator translates the
    link text, never where it points (a changed target could send readers anywhere). A
    target the msgid does not have is a problem; leaving a link out is the translator's
    choice (pofilter's `urls` check reports it)."""
    if not msgstr:
        return None
    wanted, found = link_targets(msgid), link_targets(msgstr)
    return f"link targets {wanted} became {found}" if set(found) - set(wanted) else None


# Entries shown as plain text, never as Markdown (a document's title is escaped by the
# templates: content_i18n/build.py), so nothing in them can link anywhere.
PLAIN_TEXT = frozenset({"title"})


def link_target_problems(entries: Iterable[polib.POEntry]) -> list[tuple[str, str, str]]:
    """(msgctxt or "", msgid, problem) for every current, non-fuzzy entry whose link targets
    changed; entries in PLAIN_TEXT contexts are not links and are left out."""
    problems = []
    for entry in entries:
        if entry.obsolete or entry.fuzzy or not entry.msgid or entry.msgctxt in PLAIN_TEXT:
            continue
        problem = link_target_problem(entry.msgid, entry.msgstr)
        if problem:
            problems.append((entry.msgctxt or "", entry.msgid, problem))
    return problems
