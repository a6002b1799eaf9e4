"""Every URL a piece of CSS can make the browser fetch: url(), src(), image-set() and its
-webkit- form, image(), cross-fade() and @import with a bare string, read after CSS escapes are
decoded, as the CSS tokenizer does (CSS Syntax Level 3, section 4.3.7, "consume an escaped code
point": `u\\72l(` is `url(`, `\\40 import` is `@import`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|(\n|\r\n|\r|\f)|(.))", re.S)
_URL = re.compile(r"""\b(?:url|src)\(\s*(?:(['"])(.*?)\1|([^'")\s]*))\s*\)""", re.I | re.S)
_IMPORT = re.compile(r"""@import\s*(['"])(.*?)\1""", re.I | re.S)
# Functions whose string arguments are image URLs (CSS Images Level 4).
_STRING_IMAGES = re.compile(r"\b(?:-webkit-image-set|image-set|image|cross-fade)\(", re.I)
_STRING = re.compile(r"""(['"])(.*?)\1""", re.S)


def _code_point(match: re.Match) -> str:
    hex_digits, newline, other = match.groups()
    if newline is not None:
        return ""  # an escaped newline continues a string
    if other is not None:
        return other
    value = int(hex_digits, 16)
    if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return "\ufffd"
    return chr(value)


def decode(css: str) -> str:
    """CSS with comments removed and every escape replaced by the character it stands for."""
    return _ESCAPE.sub(_code_point, _COMMENT.sub(" ", css))


def _arguments(text: str, start: int) -> str:
    """The text between the parenthesis before `start` and its matching close."""
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start:i]
    return text[start:]


def css_urls(css: str) -> Iterator[str]:
    """Each URL the CSS would fetch, in order of appearance (duplicates kept)."""
    text = decode(css)
    found: list[tuple[int, str]] = []
    for match in _URL.finditer(text):
        found.append((match.start(), match.group(2) if match.group(1) else match.group(3)))
    for match in _IMPORT.finditer(text):
        found.append((match.start(), match.group(2)))
    for match in _STRING_IMAGES.finditer(text):
        for string in _STRING.finditer(_arguments(text, match.end())):
            found.append((match.start() + string.start(), string.group(2)))
    for _, url in sorted(found, key=lambda item: item[0]):
        yield url
