"""Inline code a strict Content-Security-Policy would block: <script> without src (unless its
hash is allowed; JSON-LD is data and never runs), on…= handlers, style="" (unless hashed)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "text/template"}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@dataclass(frozen=True)
class InlinePolicy:
    scripts: frozenset[str] = field(default_factory=frozenset)  # allowed 'sha256-…' sources
    styles: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, settings: dict) -> InlinePolicy:
        return cls(frozenset(map(_hash, settings.get("CSP_INLINE_SCRIPTS", []))),
                   frozenset(map(_hash, settings.get("CSP_STYLE_ATTRIBUTES", []))))


def inline_violations(tree, policy: InlinePolicy) -> Iterator[tuple[str, str]]:
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script" and not el.get("src"):
            kind = (el.get("type") or "").lower()
            if kind not in DATA_SCRIPT_TYPES and _hash(el.text or "") not in policy.scripts:
                yield "<script>", ("inline script is blocked by the Content-Security-Policy; "
                                   "move it to theme/static/js/ or add its exact text to "
                                   "CSP_INLINE_SCRIPTS")
        for name in el.attrib:
            if name.lower().startswith("on"):
                yield f"<{el.tag} {name}>", "event-handler attribute is blocked by the CSP"
        style = el.get("style")
        if style is not None and _hash(style) not in policy.styles:
            yield f"<{el.tag} style>", (f'style="{style}" is blocked by the Content-Security-'
                                        "Policy; use a class from the theme's stylesheet")
