"""Feeds parse, every link they carry to this site resolves to a file in the output, and the
HTML they carry (RSS description and content:encoded, Atom content/summary of type html or
xhtml, JSON Feed content_html) obeys the same URL allowlist as the pages (links.py): a feed
reader shows it, often without any Content-Security-Policy. A javascript:, data: or vbscript:
URL anywhere in a feed (attribute, link element, JSON URL field) is an error."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

import site_scheme

from .csp import InlinePolicy, inline_violations
from .links import fragment_problems, json_urls
from .model import Problem, site_hosts, target_file
from .urls import forbidden_scheme

ATOM = "{http://www.w3.org/2005/Atom}"
RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
# Elements whose text is a URL (RSS, Atom, OPML).
URL_ELEMENTS = {"link", "url", "icon", "logo", "uri", "comments", "docs", "id"}


def _xml_links(tree) -> list[str]:
    links = [el.get("href") for el in tree.iter(f"{ATOM}link") if el.get("href")]
    links += [el.text.strip() for el in tree.iter("link") if el.text and el.text.strip()]
    links += [el.get("url") for el in tree.iter("enclosure") if el.get("url")]
    links += [el.get("xmlUrl") for el in tree.iter("outline") if el.get("xmlUrl")]
    return links


def _json_links(feed: dict) -> list[str]:
    links = [feed.get("home_page_url"), feed.get("feed_url")]
    for item in feed.get("items", []):
        links.append(item.get("url"))
        links += [a.get("url") for a in item.get("attachments", [])]
    return [link for link in links if link]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_html(text: str | None):
    return lxml.html.document_fromstring(text) if text and text.strip() else None


def _xml_html(tree) -> Iterator[tuple[str, object]]:
    """(element name, parsed HTML) for each piece of HTML an XML feed carries."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        local = _local(el.tag)
        rss_html = el.tag == RSS_CONTENT or (local == "description" and "}" not in el.tag)
        if rss_html or (el.tag.startswith(ATOM) and el.get("type") == "html"):
            yield local, _parse_html(el.text)
        elif el.tag.startswith(ATOM) and el.get("type") == "xhtml":
            yield local, _parse_html("".join(etree.tostring(child, encoding="unicode")
                                             for child in el))


def _xml_forbidden(tree) -> Iterator[tuple[str, str]]:
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        local = _local(el.tag)
        for name, value in el.attrib.items():
            if forbidden_scheme(value):
                yield f"<{local} {_local(name)}>", value
        if local in URL_ELEMENTS and el.text and forbidden_scheme(el.text):
            yield f"<{local}>", el.text.strip()


def _content_problems(parsed, hosts: set[str], policy: InlinePolicy | None
                      ) -> list[tuple[str, str]]:
    """(where, message) for forbidden URLs and for HTML that breaks the pages' allowlist, in a
    parsed feed (JSON data or an lxml tree)."""
    found: list[tuple[str, str]] = []
    if not isinstance(parsed, etree._ElementTree):
        data = parsed
        urls = [("url", url) for url in json_urls(data) if forbidden_scheme(url)]
        items = data.get("items", []) if isinstance(data, dict) else []
        html = [("content_html", _parse_html(item.get("content_html")))
                for item in items if isinstance(item, dict)]
    else:
        tree = parsed
        urls = list(_xml_forbidden(tree))
        html = list(_xml_html(tree))
    for where, url in urls:
        found.append((where, f"{url[:80]!r}: javascript:, data: and vbscript: URLs are never "
                             "allowed in a feed"))
    for element, doc in html:
        if doc is None:
            continue
        found += [(f"<{element}> {where}", msg) for where, msg in fragment_problems(doc, hosts)]
        if policy is not None:  # feed readers may show it without any CSP
            found += [(f"<{element}> {where}", msg.replace("is blocked by the", "would be "
                                                           "blocked by the site's"))
                      for where, msg in inline_violations(doc, policy)]
    return found


def check_feeds(out_dir: Path, site_urls: list[str],
                policy: InlinePolicy | None = None) -> list[Problem]:
    """Every feed and OPML file under out_dir: parses, links to this site resolve, and the
    URLs and HTML it carries pass the allowlist (inline code too, given the site's policy)."""
    out_dir = out_dir.resolve()
    hosts = site_hosts(site_urls)
    problems: list[Problem] = []
    folders = {site_scheme.folder("feed-all", lang) for lang in site_scheme.LANGUAGES}
    candidates = {path for folder in folders for path in (out_dir / folder).rglob("*")
                  if path.suffix in (".xml", ".json", ".opml") and path.is_file()}
    for feed in sorted(candidates):
        rel = feed.relative_to(out_dir).as_posix()
        try:
            if feed.suffix == ".json":
                parsed = json.loads(feed.read_text(encoding="utf-8"))
                links = _json_links(parsed) if isinstance(parsed, dict) else []
            else:
                parsed = etree.parse(str(feed))
                links = _xml_links(parsed)
        except (ValueError, etree.XMLSyntaxError) as exc:
            problems.append(Problem(rel, "file", f"does not parse: {exc}"))
            continue
        problems += [Problem(rel, where, msg)
                     for where, msg in _content_problems(parsed, hosts, policy)]
        for url in links:
            target = target_file(out_dir, feed, url, hosts)
            if target is not None and not target.is_file():
                problems.append(Problem(rel, "link", f"{url} does not resolve to a file in the "
                                        "output"))
    return problems
