"""Every internal href/src resolves to a file (and its #fragment to an id); nothing is loaded
from a third-party host: src, srcset, stylesheets, preload/prefetch/icon links, CSS url() and
@import (in files, <style> and style=""), form actions, <meta http-equiv=refresh>."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from .csp import InlinePolicy, inline_violations
from .model import Problem, site_hosts, target_file

# <link rel> values that make the browser fetch (or connect to) the URL.
FETCHING_RELS = {
    "stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
    "prerender", "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon",
}
SRC_ATTRS = ("src", "data", "poster", "background")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


def _is_remote(url: str, hosts: set[str]) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in ("data", "blob", "about", ""):
        return bool(parts.netloc) and parts.netloc.lower() not in hosts  # //host/…
    return parts.netloc.lower() not in hosts


def css_urls(css: str) -> Iterator[str]:
    for match in CSS_URL.finditer(css):
        yield match.group(2) or match.group(4)


@lru_cache(maxsize=4096)
def _ids(path: Path) -> frozenset[str]:
    tree = lxml.html.parse(str(path))
    return frozenset(tree.xpath("//@id | //a/@name"))


def _fetched_urls(tree) -> Iterator[tuple[str, str]]:
    """(where, url) for everything a browser loads by itself when showing the page."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag
        for attr in SRC_ATTRS:
            if el.get(attr) and tag != "a":
                yield f"<{tag} {attr}>", el.get(attr)
        for attr in ("srcset", "imagesrcset"):
            for candidate in (el.get(attr) or "").split(","):
                if candidate.strip():
                    yield f"<{tag} {attr}>", candidate.split()[0]
        if tag == "link" and FETCHING_RELS & set((el.get("rel") or "").lower().split()):
            yield f"<link rel={el.get('rel')}>", el.get("href", "")
        if tag == "form":
            yield "<form action>", el.get("action") or ""
        if tag == "button" and el.get("formaction"):
            yield "<button formaction>", el.get("formaction")
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            refresh = (el.get("content") or "").partition("url=")[2]
            if refresh:
                yield "<meta refresh>", refresh
        if el.get("style"):
            for url in css_urls(el.get("style")):
                yield f"<{tag} style>", url
        if tag == "style":
            for url in css_urls(el.text or ""):
                yield "<style>", url


def _internal_targets(tree) -> Iterator[tuple[str, str]]:
    for el in tree.iter("a", "area", "link"):
        if el.get("href") is not None:
            yield f"<{el.tag} href>", el.get("href")


def check_page(out_dir: Path, page: Path, hosts: set[str],
               policy: InlinePolicy | None = None) -> list[Problem]:
    rel = page.relative_to(out_dir).as_posix()
    problems: list[Problem] = []
    tree = lxml.html.parse(str(page)).getroot()
    if tree is None:
        return [Problem(rel, "file", "empty HTML file")]
    fetched = list(_fetched_urls(tree))
    for where, url in fetched:
        if _is_remote(url, hosts):
            problems.append(Problem(rel, where, f"loads {url} from a third-party host; readers "
                                    "must not be exposed to other hosts: copy the file into "
                                    "the site or remove it"))
    if policy is not None:
        problems += [Problem(rel, where, msg) for where, msg in inline_violations(tree, policy)]
    for where, url in [*fetched, *_internal_targets(tree)]:
        problem = _resolve(out_dir, page, url, hosts)
        if problem:
            problems.append(Problem(rel, where, problem))
    return problems


def _resolve(out_dir: Path, page: Path, url: str, hosts: set[str]) -> str | None:
    url = url.strip()
    if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return None
    target = target_file(out_dir, page, url, hosts)
    if target is None:
        return None
    if not target.is_relative_to(out_dir.resolve()):
        return f"{url} points outside the site"
    if not target.is_file():
        return f"{url} does not resolve to a file in the output (looked for " \
               f"{target.relative_to(out_dir.resolve()).as_posix()})"
    fragment = urlsplit(url).fragment
    if fragment and target.suffix == ".html" and fragment not in _ids(target):
        return f"{url}: no element with id \"{fragment}\" in the target page"
    return None


def check_css(out_dir: Path, hosts: set[str]) -> list[Problem]:
    problems = []
    for css in sorted(out_dir.rglob("*.css")):
        rel = css.relative_to(out_dir).as_posix()
        for url in css_urls(css.read_text(encoding="utf-8")):
            if _is_remote(url, hosts):
                problems.append(Problem(rel, "url()", f"loads {url} from a third-party host"))
            elif (problem := _resolve(out_dir, css, url, hosts)):
                problems.append(Problem(rel, "url()", problem))
    return problems


def check_links(out_dir: Path, site_urls: list[str],
                policy: InlinePolicy | None = None) -> list[Problem]:
    """All HTML pages and stylesheets under out_dir (and inline code, given a CSP policy)."""
    out_dir = out_dir.resolve()
    hosts = site_hosts(site_urls)
    _ids.cache_clear()
    problems = []
    for page in sorted(out_dir.rglob("*.html")):
        problems += check_page(out_dir, page, hosts, policy)
    return problems + check_css(out_dir, hosts)
