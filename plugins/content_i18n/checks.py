"""Checks on translated segments that gettext tools do not make."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog

_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def link_target_problems(catalog: Catalog) -> list[str]:
    """Markdown link targets must survive translation unchanged: a translator translates the
    link text, never where it points (a changed target could send readers anywhere)."""
    problems = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        wanted = sorted(_LINK.findall(message.id))
        found = sorted(_LINK.findall(message.string))
        if wanted != found:
            where = message.context or message.id[:30]
            problems.append(f"{where}: link targets {wanted} became {found}")
    return problems
