"""What a URL in a built page means to a browser: its scheme and whether it names this site.

Browsers do not read a URL attribute the way `urlsplit` does. The WHATWG URL Standard
(https://url.spec.whatwg.org/#concept-basic-url-parser) first strips leading and trailing C0
controls and spaces and removes every tab and newline, so `java&#9;script:` is `javascript:`;
for http(s) and relative URLs it reads `\\` as `/`, so `/\\tracker.example/x` is another host.
HTML entities are already decoded by the HTML parser (lxml) before these functions see a value.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Schemes that run script or carry their own content: never allowed in a page or feed.
FORBIDDEN_SCHEMES = ("javascript", "data", "vbscript")
# Where an <a>/<area> (a link the reader chooses to follow) may go besides this site.
OUTBOUND_SCHEMES = ("http", "https", "mailto")

_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def normalise(url: str) -> str:
    """The URL string as a browser's URL parser starts from (see the module docstring)."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))


def scheme(url: str) -> str:
    """The lower-case scheme ('' for a relative or protocol-relative URL)."""
    match = _SCHEME.match(normalise(url))
    return match.group(1).lower() if match else ""


def forbidden_scheme(url: str) -> str | None:
    """'javascript', 'data' or 'vbscript' when the URL uses one of them, else None."""
    found = scheme(url)
    return found if found in FORBIDDEN_SCHEMES else None


def is_site(url: str, hosts: set[str]) -> bool:
    """True when a browser would resolve the URL to this site: a relative path, a fragment, or
    http(s) (also protocol-relative `//host/`) on one of `hosts` (netlocs, lower case)."""
    value = normalise(url)
    found = scheme(value)
    if found and found not in ("http", "https"):
        return False
    value = value.replace("\\", "/")  # special schemes and relative URLs: \ is /
    rest = value[len(found) + 1:] if found else value
    if found and not rest.startswith("//"):
        return False  # "http:foo" would borrow the page's host; nothing on this site writes it
    if rest.startswith("//"):
        return urlsplit("http:" + rest).netloc.lower() in hosts
    return True
