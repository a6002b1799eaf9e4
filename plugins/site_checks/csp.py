"""Inline code a strict Content-Security-Policy would block: <script> without src (unless its
hash is allowed; JSON-LD is data and never runs), on…= handlers, style="" (unless hashed); and
the policy every page carries itself in <meta http-equiv="Content-Security-Policy">, which must
be the one security_headers derives from the settings and must come before anything that
loads (a meta policy only governs what follows it)."""

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
    meta: str | None = None  # the <meta> policy every page must carry; None: not checked
    # (path prefix, meta policy) of the pages whose policy CSP_LISTING_SOURCES widens
    # ("/ru/search/": the search page may run WebAssembly); every other page carries `meta`.
    listing_meta: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_settings(cls, settings: dict) -> InlinePolicy:
        import site_scheme
        from security_headers.policy import meta_policy

        if "CSP_DIRECTIVES" not in settings:
            return cls(frozenset(map(_hash, settings.get("CSP_INLINE_SCRIPTS", []))),
                       frozenset(map(_hash, settings.get("CSP_STYLE_ATTRIBUTES", []))))
        listing = ()
        if settings.get("CSP_LISTING_SOURCES"):
            listing = tuple(("/" + site_scheme.url(kind, lang), meta_policy(settings, kind))
                            for kind in settings["CSP_LISTING_SOURCES"]
                            for lang in settings["LANGUAGES"])
        return cls(frozenset(map(_hash, settings.get("CSP_INLINE_SCRIPTS", []))),
                   frozenset(map(_hash, settings.get("CSP_STYLE_ATTRIBUTES", []))),
                   meta_policy(settings), listing)

    def meta_for(self, rel: str) -> str | None:
        """The meta policy the page at output-relative path `rel` must carry."""
        path = "/" + rel
        for prefix, policy in self.listing_meta:
            if path.startswith(prefix):
                return policy
        return self.meta


# What may come before the policy <meta> in a page: nothing here loads or runs anything.
_BEFORE_POLICY = {"html", "head", "title"}


def meta_policy_violations(tree, expected: str) -> Iterator[tuple[str, str]]:
    """The page lacks the policy <meta>, carries another policy, or loads something first."""
    policies = [el for el in tree.iter("meta")
                if (el.get("http-equiv") or "").strip().lower() == "content-security-policy"]
    if not policies:
        yield "<head>", ('no <meta http-equiv="Content-Security-Policy">: a copy served without '
                         "`_headers` (a mirror, file://) would have no policy; pages must "
                         "extend theme/templates/base.html")
        return
    if (policies[0].get("content") or "").strip() != expected:
        yield "<meta Content-Security-Policy>", (
            "differs from the policy in the settings (CSP_DIRECTIVES); the page must carry "
            "exactly the `_headers` policy without frame-ancestors, report-uri and sandbox")
    for el in tree.iter():
        if el is policies[0]:
            return
        if not isinstance(el.tag, str) or el.tag in _BEFORE_POLICY or (
                el.tag == "meta" and not el.get("http-equiv")):
            continue
        yield f"<{el.tag}>", ('comes before <meta http-equiv="Content-Security-Policy">, '
                              "which only protects what follows it; put the policy right "
                              "after <meta charset>")
        return


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
