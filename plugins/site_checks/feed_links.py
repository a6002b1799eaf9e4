"""Feeds parse, and every link they carry to this site resolves to a file in the output."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from .model import Problem, site_hosts, target_file

ATOM = "{http://www.w3.org/2005/Atom}"


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


def check_feeds(out_dir: Path, site_urls: list[str]) -> list[Problem]:
    out_dir = out_dir.resolve()
    hosts = site_hosts(site_urls)
    problems: list[Problem] = []
    candidates = [*out_dir.glob("**/feeds/*.xml"), *out_dir.glob("**/feeds/*.json"),
                  *out_dir.glob("**/feeds/*.opml")]
    for feed in sorted(candidates):
        rel = feed.relative_to(out_dir).as_posix()
        try:
            if feed.suffix == ".json":
                links = _json_links(json.loads(feed.read_text(encoding="utf-8")))
            else:
                links = _xml_links(etree.parse(str(feed)))
        except (ValueError, etree.XMLSyntaxError) as exc:
            problems.append(Problem(rel, "file", f"does not parse: {exc}"))
            continue
        for url in links:
            target = target_file(out_dir, feed, url, hosts)
            if target is not None and not target.is_file():
                problems.append(Problem(rel, "link", f"{url} does not resolve to a file in the "
                                        "output"))
    return problems
