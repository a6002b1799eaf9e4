"""Checks on an article's or page's source and rendered body, each reported with file and line:
the file is UTF-8 and of a sane size, raw HTML holds no script, embed or event handler and
loads nothing from another host, and every {filename}/{static} link points at a real file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from unidecode import unidecode

MAX_SOURCE_BYTES = 1_000_000  # default for the MAX_SOURCE_BYTES setting

# Raw HTML an editor may not paste: each runs code, embeds another site or changes the page.
FORBIDDEN_TAGS = {
    "script": "scripts run in readers' browsers",
    "iframe": "embeds load another site (and tell it who reads this page)",
    "frame": "embeds load another site",
    "object": "embeds load another site",
    "embed": "embeds load another site",
    "form": "forms send readers' input elsewhere",
    "input": "forms send readers' input elsewhere",
    "button": "forms send readers' input elsewhere",
    "style": "page-wide styles belong in the theme",
    "link": "links to stylesheets or scripts belong in the theme",
    "meta": "meta tags belong in the theme",
    "base": "it changes every link on the page",
}
LOADING_ATTRS = ("src", "srcset", "poster", "data", "action", "formaction")
_INTERNAL_LINK = re.compile(r"\{(filename|static|attach)\}([^)\"'\s>#?]+)")


def slug_from_filename(path: str) -> str:
    """A URL-safe slug from a file name in any script: "Заявление 1.ru.md" -> "zaiavlenie-1"."""
    stem = Path(path).stem
    return re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-") or "untitled"


def read_text(path: str, settings: dict) -> tuple[str | None, list[tuple[str, str]]]:
    """The file's text, or the problems that stop it being read (size, encoding)."""
    limit = settings.get("MAX_SOURCE_BYTES", MAX_SOURCE_BYTES)
    size = os.path.getsize(path)
    if size > limit:
        return None, [("file", f"{size / 1e6:.1f} MB is larger than the {limit / 1e6:.1f} MB "
                               "limit for one text (MAX_SOURCE_BYTES in pelicanconf.py); split "
                               "it into several texts, or publish it as a PDF in "
                               "content/images and link to it")]
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [(f"line {line}", f"not UTF-8 text (byte 0x{data[exc.start]:02X}); "
                                       "save the file as UTF-8 (in most editors: Save As, "
                                       "Encoding: UTF-8)")]


def _line_of(source: str, needle: str) -> str:
    at = source.lower().find(needle.lower())
    return f"line {source.count(chr(10), 0, at) + 1}" if at >= 0 else "body"


def check_raw_html(source: str, html: str, site_hosts: set[str]) -> list[tuple[str, str]]:
    """Problems in raw HTML that the Markdown passed through (Markdown's own output is safe)."""
    if not html.strip() or "<" not in source:
        return []
    problems = []
    for el in lxml.html.fragments_fromstring(html):
        if not isinstance(el, lxml.html.HtmlElement):
            continue
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            tag = node.tag.lower()
            if tag in FORBIDDEN_TAGS:
                problems.append((_line_of(source, f"<{tag}"),
                                 f"<{tag}> is not allowed in a text: {FORBIDDEN_TAGS[tag]}; "
                                 "remove it (link to the source instead of embedding it)"))
                continue
            for attr, value in node.attrib.items():
                attr = attr.lower()
                if attr.startswith("on"):
                    problems.append((_line_of(source, attr),
                                     f"the {attr}= attribute on <{tag}> runs script; remove it"))
                elif value.strip().lower().startswith("javascript:"):
                    problems.append((_line_of(source, "javascript:"),
                                     f"a javascript: URL in <{tag} {attr}> runs script; "
                                     "remove it"))
                elif attr in LOADING_ATTRS or (attr == "style" and "url(" in value):
                    for url in re.findall(r"(?:https?:)?//[^\s,'\")]+", value):
                        if urlsplit(url).netloc.lower() not in site_hosts:
                            problems.append((_line_of(source, url),
                                             f"<{tag} {attr}> loads {url} from another host, "
                                             "which learns who reads the page; copy the file "
                                             "into content/images and use {static}/images/…"))
    return problems


def check_internal_links(source: str, source_path: str, content_root: str) -> list[tuple[str, str]]:
    """{filename} and {static} targets must exist (Pelican would only warn and leave it broken)."""
    problems = []
    for match in _INTERNAL_LINK.finditer(source):
        target = match.group(2)
        base = content_root if target.startswith("/") else os.path.dirname(source_path)
        if not os.path.exists(os.path.join(base, unquote(target).lstrip("/"))):
            line = source.count("\n", 0, match.start()) + 1
            problems.append((f"line {line}", f"{match.group(0)} points at a file that does not "
                                             f"exist under {os.path.basename(content_root)}/; "
                                             "correct the path (write a space in a file "
                                             "name as %20)"))
    return problems
