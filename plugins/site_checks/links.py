"""Every internal href/src resolves to a file (and its #fragment to an id), and, on an
allowlist, every URL a page can fetch or navigate to stays on this site.

Allowlist: every attribute that makes the browser fetch by itself (`src`, `srcset`, `poster`,
`data`, `ping`, `action`, `formaction`, `background`, …), `href`/`xlink:href` on anything but
`<a>`/`<area>` (`<link>`, SVG `<image>`/`<use>`, `<base>`), `<meta http-equiv=refresh>` in any
letter case, and CSS (`style=""`, `<style>`, .css files) after its escapes are decoded, must
name this site (a relative path or SITEURL/FEED_SITEURL/MIRRORS). `<a>`/`<area>` may also go
out to http(s) and mailto:. A javascript:, data: or vbscript: URL in any attribute that is not
plain text is an error wherever it is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from .csp import InlinePolicy, inline_violations, meta_policy_violations
from .css import css_urls
from .model import Problem, site_hosts, target_file
from .urls import OUTBOUND_SCHEMES, forbidden_scheme, is_site, normalise, scheme

__all__ = ["check_css", "check_links", "check_page", "css_urls", "fragment_problems",
           "json_urls"]

# Attributes holding one URL the browser fetches without the reader doing anything (HTML
# Living Standard's src/poster/data/action/formaction/manifest, and obsolete ones browsers
# still honour: background, lowsrc, dynsrc, longdesc, codebase).
FETCH_ATTRS = ("src", "poster", "data", "action", "formaction", "background", "manifest",
               "lowsrc", "dynsrc", "longdesc", "codebase")
# Attributes holding a list of URLs: srcset-style candidates, or space-separated (ping, archive).
CANDIDATE_ATTRS = ("srcset", "imagesrcset")
SPACE_LIST_ATTRS = ("ping", "archive")
HREF_ATTRS = ("href", "xlink:href")
LINK_ELEMENTS = ("a", "area")  # the reader follows these; anything else with href fetches
# Attributes that are plain text for the reader: "data:" or "javascript:" in them is prose.
TEXT_ATTRS = {"alt", "title", "content", "value", "label", "placeholder", "summary", "abbr",
              "class", "id", "name", "lang", "hreflang", "dir", "type", "rel", "media",
              "sizes", "datetime", "role", "property", "charset", "http-equiv", "colspan",
              "rowspan", "width", "height", "loading", "decoding", "tabindex", "for", "as",
              "crossorigin", "referrerpolicy", "integrity", "translate", "scope", "start",
              "reversed", "open", "hidden", "defer", "async", "nonce", "itemprop", "datatype"}
_REFRESH = re.compile(r"""^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)(.*?)\1\s*$""",
                      re.I | re.S)


def refresh_url(content: str) -> str:
    """The URL in a `<meta http-equiv=refresh content="5; URL='…'">` (HTML's "shared declarative
    refresh steps": number, `;` or `,`, optional `url=` in any case, optional quotes)."""
    match = _REFRESH.match(content)
    return match.group(2).strip() if match else content


@lru_cache(maxsize=4096)
def _ids(path: Path) -> frozenset[str]:
    tree = lxml.html.parse(str(path))
    return frozenset(tree.xpath("//@id | //a/@name"))


def _fetched_urls(tree) -> Iterator[tuple[str, str]]:
    """(where, url) for everything a browser loads by itself or is sent to without a click:
    each must be on this site."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag
        for attr in FETCH_ATTRS:
            if el.get(attr) is not None:
                yield f"<{tag} {attr}>", el.get(attr)
        for attr in CANDIDATE_ATTRS:
            for candidate in (el.get(attr) or "").split(","):
                if candidate.strip():
                    yield f"<{tag} {attr}>", candidate.split()[0]
        for attr in SPACE_LIST_ATTRS:
            for url in (el.get(attr) or "").split():
                yield f"<{tag} {attr}>", url
        if tag not in LINK_ELEMENTS:
            for attr in HREF_ATTRS:
                if el.get(attr) is not None:
                    rel = f" rel={el.get('rel')}" if tag == "link" else ""
                    yield f"<{tag}{rel} {attr}>", el.get(attr)
        if _is_refresh(el):
            yield "<meta refresh>", refresh_url(el.get("content") or "")
        if el.get("style"):
            for url in css_urls(el.get("style")):
                yield f"<{tag} style>", url
        if tag == "style":
            for url in css_urls(el.text or ""):
                yield "<style>", url


def _followed_links(tree) -> Iterator[tuple[str, str]]:
    """(where, url) for links the reader may choose to follow: <a>/<area> href."""
    for el in tree.iter(*LINK_ELEMENTS):
        for attr in HREF_ATTRS:
            if el.get(attr) is not None:
                yield f"<{el.tag} {attr}>", el.get(attr)


def _forbidden(tree) -> Iterator[tuple[str, str]]:
    """(where, url) for every javascript:, data: or vbscript: URL in a non-text attribute or in
    JSON-LD."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            name = name.lower()
            if name == "content" and _is_refresh(el):
                value = refresh_url(value)
            elif name in TEXT_ATTRS or name.startswith(("data-", "aria-")):
                continue
            if forbidden_scheme(value):
                yield f"<{el.tag} {name}>", value
        css = [("style", el.get("style") or ""), *([("", el.text or "")] if el.tag == "style"
                                                   else [])]
        for attr, text in css:
            for url in css_urls(text):
                if forbidden_scheme(url):
                    yield f"<{el.tag}{' ' + attr if attr else ''}>", url
        if el.tag == "script" and (el.get("type") or "").lower() == "application/ld+json":
            try:
                data = json.loads(el.text or "null")
            except ValueError:
                continue
            for value in json_urls(data):
                if forbidden_scheme(value):
                    yield "<script type=application/ld+json>", value


def _is_refresh(el) -> bool:
    return el.tag == "meta" and (el.get("http-equiv") or "").strip().lower() == "refresh"


_JSON_URL_KEYS = ("url", "urls", "@id", "image", "logo", "icon", "sameas", "license",
                  "avatar", "mainentityofpage", "thumbnail", "favicon", "banner_image", "photo",
                  "href", "link", "links")


def json_urls(data, url_key: bool = False) -> Iterator[str]:
    """Strings under keys that hold URLs (…url, …urls, @id, image, logo, sameAs, photo, link,
    …, and everything nested below such a key) in parsed JSON (JSON-LD, JSON Feed, open data);
    prose fields such as description are not URLs."""
    if isinstance(data, str):
        if url_key:
            yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            key = str(key).lower()
            yield from json_urls(value, url_key or key.endswith(_JSON_URL_KEYS))
    elif isinstance(data, list):
        for value in data:
            yield from json_urls(value, url_key)


def _short(url: str) -> str:
    url = normalise(url)
    return url if len(url) <= 80 else url[:77] + "…"


def fragment_problems(tree, hosts: set[str]) -> Iterator[tuple[str, str]]:
    """(where, message) for each URL in a parsed page or HTML fragment (also the HTML inside a
    feed) that leaves the allowlist: a forbidden scheme, a fetch from outside the site, a link
    to a scheme other than http(s)/mailto."""
    for where, url in _forbidden(tree):
        yield where, (f"{scheme(url)}: URL {_short(url)!r} is never allowed: javascript:, data: "
                      "and vbscript: URLs run script or smuggle content; link to a page or file")
    for where, url in _fetched_urls(tree):
        if forbidden_scheme(url) or is_site(url, hosts):
            continue
        if scheme(url) in ("http", "https", ""):
            yield where, (f"loads {url} from a third-party host; readers must not be exposed to "
                          "other hosts: copy the file into the site or remove it")
        else:
            yield where, (f"{_short(url)} is not an address on this site; only a path on this "
                          "site may be loaded")
    for where, url in _followed_links(tree):
        if forbidden_scheme(url) or is_site(url, hosts) or scheme(url) in OUTBOUND_SCHEMES:
            continue
        yield where, (f"{_short(url)}: a link may go to a page on this site, an http(s) "
                      "address or mailto:, nothing else")


def check_page(out_dir: Path, page: Path, hosts: set[str],
               policy: InlinePolicy | None = None) -> list[Problem]:
    rel = page.relative_to(out_dir).as_posix()
    problems: list[Problem] = []
    tree = lxml.html.parse(str(page)).getroot()
    if tree is None:
        return [Problem(rel, "file", "empty HTML file")]
    problems += [Problem(rel, where, msg) for where, msg in fragment_problems(tree, hosts)]
    if policy is not None:
        problems += [Problem(rel, where, msg) for where, msg in inline_violations(tree, policy)]
        expected = policy.meta_for(rel)
        if expected is not None:
            problems += [Problem(rel, where, msg)
                         for where, msg in meta_policy_violations(tree, expected)]
    for where, url in [*_fetched_urls(tree), *_followed_links(tree)]:
        if forbidden_scheme(url) or not is_site(url, hosts):
            continue
        problem = _resolve(out_dir, page, url, hosts)
        if problem:
            problems.append(Problem(rel, where, problem))
    return problems


def _resolve(out_dir: Path, page: Path, url: str, hosts: set[str]) -> str | None:
    url = normalise(url)
    if not url:
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
            if forbidden_scheme(url):
                problems.append(Problem(rel, "url()", f"{scheme(url)}: URL {_short(url)!r} is "
                                        "never allowed; put the file in the site and use its "
                                        "path"))
            elif not is_site(url, hosts):
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
