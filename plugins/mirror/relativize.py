"""Rewrites the site's own URLs in written HTML and CSS into relative file paths."""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

# Generated HTML escapes < and > inside attribute values and text (&lt; &gt; &quot;), so a tag
# is "<name …>" and an attribute is name="…".
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ATTR = re.compile(r'(?<=\s)(?P<name>href|src|action|poster|srcset)="(?P<value>[^"]*)"')
_CANONICAL = re.compile(r'\brel="canonical"')
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


def relative_url(url: str, page_dir: Path, out_dir: Path, siteurl: str) -> str:
    """`/ru/articles/x/` seen from `ru/prisoners/a/` -> `../../articles/x/index.html`."""
    if siteurl and (url == siteurl or url.startswith(siteurl + "/")):
        url = url[len(siteurl):] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("#") or not parts.path:
        return url
    if parts.path.startswith("/"):
        target = out_dir / parts.path.lstrip("/")
    else:
        target = page_dir / parts.path
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    rel = os.path.relpath(target, page_dir).replace(os.sep, "/")
    return rel + (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else "")


def relativize_html(html: str, page: Path, out_dir: Path, siteurl: str) -> str:
    page_dir = page.parent

    def attr(match: re.Match) -> str:
        value = match.group("value")
        if match.group("name") == "srcset":
            value = ", ".join(
                " ".join([relative_url(c.split()[0], page_dir, out_dir, siteurl), *c.split()[1:]])
                for c in value.split(",") if c.strip())
        else:
            value = relative_url(value, page_dir, out_dir, siteurl)
        return f'{match.group("name")}="{value}"'

    def tag(match: re.Match) -> str:
        if _CANONICAL.search(match.group(0)):  # the canonical address stays absolute
            return match.group(0)
        return _ATTR.sub(attr, match.group(0))

    return _TAG.sub(tag, html)


def _css_url(css_dir: Path, out_dir: Path, siteurl: str, m: re.Match) -> str:
    quote = m.group(1)
    return f"url({quote}{relative_url(m.group(2), css_dir, out_dir, siteurl)}{quote})"


def relativize_tree(out_dir: Path, siteurl: str) -> int:
    """Rewrite every .html and .css file under out_dir in place; returns the pages rewritten."""
    out_dir = out_dir.resolve()
    siteurl = siteurl.rstrip("/")
    count = 0
    for page in out_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = relativize_html(html, page, out_dir, siteurl)
        if new != html:
            page.write_text(new, encoding="utf-8")
            count += 1
    for css in out_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        new = _CSS_URL.sub(partial(_css_url, css.parent, out_dir, siteurl), text)
        if new != text:
            css.write_text(new, encoding="utf-8")
    return count
