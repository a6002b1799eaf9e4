"""The sitemap documents: which pages, their language versions and dates, and the XML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urljoin

from lxml import etree

import site_scheme
from safe_input import walk

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
_HTML_LANG = re.compile(r'<html\b[^>]*?\slang="([^"]+)"')
_LINK = re.compile(r"<link\b[^>]*>")
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
# sitemaps.org: a <loc> must be a URI (RFC 3986): non-ASCII percent-encoded as UTF-8.
_URI_SAFE = "/:?#[]@!$&'()*+,;=%~"
HEAD_BYTES = 65536  # the theme puts <html lang> and every hreflang link in the first lines


@dataclass
class Entry:
    loc: str
    lastmod: datetime | None
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, href)


def _uri(url: str) -> str:
    return quote(url, safe=_URI_SAFE)


HEAD_CHUNK = 8192  # the theme's heads are 2-5 kB: most pages need one read


def _head(path: str) -> str:
    """The page's text before `</head>` (its first HEAD_BYTES when there is none): read in
    HEAD_CHUNK steps until `</head>` is there, decoded only up to it. The same text as decoding
    the first HEAD_BYTES and cutting at `</head>`: its bytes are ASCII, which UTF-8 never uses
    inside a multi-byte character."""
    data = b""
    with open(path, "rb") as handle:
        while len(data) < HEAD_BYTES:
            chunk = handle.read(min(HEAD_CHUNK, HEAD_BYTES - len(data)))
            if not chunk:
                break
            # "</head>" may straddle two chunks: search from just before the new one.
            data += chunk
            end = data.find(b"</head>", max(0, len(data) - len(chunk) - 6))
            if end >= 0:
                return data[:end].decode("utf-8", errors="replace")
    text = data.decode("utf-8", errors="replace")
    end = text.find("</head>")
    return text if end < 0 else text[:end]


def page_url(rel_path: str) -> str:
    """Site-relative URL of an output file: "ru/articles/x/index.html" -> "ru/articles/x/"."""
    if rel_path == "index.html":
        return ""
    return rel_path[: -len("index.html")] if rel_path.endswith("/index.html") else rel_path


def page_entries(out: str, base: str, skip: set[str],
                 modified: dict[str, datetime]) -> dict[str, list[Entry]]:
    """{lang: [Entry]} for every HTML file under `out` except the paths in `skip`, by the
    page's own `<html lang>`, sorted by URL. Alternates are the page's `<link rel="alternate"
    hreflang>` without a `type` (typed ones are feeds), made absolute against `base`."""
    by_lang: dict[str, list[Entry]] = {}
    # Every language version of a document names the same versions with the same <link>
    # tags: each tag is read once, to its (hreflang, absolute href) or None (urljoin and
    # percent-encoding were most of the time spent here, then the attributes' parsing).
    alternate: dict[str, tuple[str, str] | None] = {}
    for rel, path in walk.files(out):
        if not rel.endswith(".html") or rel in skip:
            continue
        head = _head(path)
        lang = _HTML_LANG.search(head)
        if lang is None:
            continue  # not one of the site's pages (e.g. a fragment)
        url = page_url(rel)
        alternates = []
        for tag in _LINK.findall(head):
            if "hreflang=" not in tag:  # not a language version: stylesheets, feeds, …
                continue
            if tag not in alternate:
                attrs = dict(_ATTR.findall(tag))
                alternate[tag] = (attrs["hreflang"], _uri(urljoin(base + "/", attrs["href"]))) \
                    if attrs.get("rel") == "alternate" and "hreflang" in attrs \
                    and "type" not in attrs else None
            if alternate[tag] is not None:
                alternates.append(alternate[tag])
        by_lang.setdefault(lang.group(1), []).append(
            Entry(_uri(f"{base}/{url}"), modified.get(url), alternates))
    for entries in by_lang.values():
        entries.sort(key=lambda e: e.loc)
    return by_lang


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def urlset(entries: list[Entry]) -> bytes:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = entry.loc
        if entry.lastmod is not None:
            etree.SubElement(url, f"{{{SITEMAP}}}lastmod").text = entry.lastmod.isoformat()
        for hreflang, href in entry.alternates:
            etree.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang,
                             href=href)
    return _xml(root)


def sitemap_index(base: str, sitemaps: list[tuple[str, datetime | None]]) -> bytes:
    """The index naming each (file name, newest lastmod) sitemap at the site root."""
    root = etree.Element(f"{{{SITEMAP}}}sitemapindex", nsmap={None: SITEMAP})
    for name, lastmod in sitemaps:
        sitemap = etree.SubElement(root, f"{{{SITEMAP}}}sitemap")
        etree.SubElement(sitemap, f"{{{SITEMAP}}}loc").text = _uri(f"{base}/{name}")
        if lastmod is not None:
            etree.SubElement(sitemap, f"{{{SITEMAP}}}lastmod").text = lastmod.isoformat()
    return _xml(root)


def robots_txt(base: str) -> bytes:
    """Every crawler may read everything; the sitemap index is named (robotstxt.org,
    sitemaps.org "Informing search engine crawlers")."""
    index = site_scheme.url("sitemap-index")
    return f"User-agent: *\nAllow: /\n\nSitemap: {_uri(base)}/{index}\n".encode()
