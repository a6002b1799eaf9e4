"""plugins/security_headers' settings, declared once (site_settings)."""

from site_settings import REQUIRED, Setting, declare

SCHEMA = declare(
    "security_headers", ("CSP_", "SECURITY_HEADER", "EXTRA_HEADER"),
    Setting("CSP_DIRECTIVES", dict[str, list[str]], REQUIRED,
            "The Content-Security-Policy, {directive: [sources]}, in _headers and every "
            "page's <meta>"),
    Setting("CSP_INLINE_SCRIPTS", list[str], [],
            "Exact text of each inline <script>, hashed into script-src"),
    Setting("CSP_STYLE_ATTRIBUTES", list[str], [],
            "The only style attributes allowed (hashed), such as Markdown's table alignment"),
    Setting("CSP_LISTING_SOURCES", dict[str, dict[str, list[str]]], {},
            "Sources added to the policy of some listings only, {listing: {directive: "
            "[sources]}} (the search page's 'wasm-unsafe-eval')"),
    Setting("SECURITY_HEADERS", dict[str, str], {}, "Headers sent with every file"),
    Setting("EXTRA_HEADERS", dict[str, dict[str, str]], {},
            "Headers for some paths, {path pattern: {header: value}} (feeds' CORS)"),
)
