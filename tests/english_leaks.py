"""The English-leak scan (issue 17, item 1): on a page in another language, no string of the
English UI or of the registry's English texts may appear outside an element marked lang="en".

The same rule runs on parsed HTML (every page of a build) and in Chromium (tests/test_browser.py,
through `SCRIPT`): a text node or a shown attribute counts in the language of its nearest
`lang` ancestor."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import polib
import yaml

from tests.sitebuild import ROOT

# Attributes a reader sees or hears (data-filter-* are shown by the name filter's script).
SHOWN = ("title", "alt", "aria-label", "placeholder", "data-filter-label", "data-filter-empty")
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%d|%s|\{\{.*?\}\}")
MIN_LENGTH = 6  # shorter fragments ("Case", "RSS") are too often the same word or a name


def _fragments(text: str) -> list[str]:
    parts = (p.strip(" .,:;()“”\"'«»") for p in _PLACEHOLDER.split(text))
    return [p for p in parts if len(p) >= MIN_LENGTH]


@lru_cache(maxsize=8)
def english_strings(lang: str, content: Path = ROOT / "content") -> tuple[str, ...]:
    """English strings that must not be shown on a `lang` page: the UI catalogue's msgids
    translated differently in `lang`, and every English registry text with another `lang`
    text (or none: then it must be shown marked lang="en")."""
    found: set[str] = set()
    po = polib.pofile(str(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"))
    for entry in po:
        if entry.msgstr and entry.msgstr != entry.msgid:
            # a fragment that is also in the translation is that language's word too
            found.update(f for f in _fragments(entry.msgid) if f not in entry.msgstr)

    def walk(node) -> None:
        if isinstance(node, dict):
            en = node.get("en")
            if isinstance(en, str) and node.get(lang) != en:
                there = node.get(lang) or ""
                # one registry word ("entrepreneur") may be the same word in French text
                found.update(f for f in (_fragments(en) if len(en) < 80 else [en[:60]])
                             if f not in there and " " in f)
            for key, value in node.items():
                if key in ("organisations",) and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str) and v not in same)
                elif key in ("publication", "title") and isinstance(value, str):
                    if value not in same:
                        found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    names = content / "names.yaml"
    proper = yaml.safe_load(names.read_text(encoding="utf-8"))["names"] if names.exists() else []
    # a proper name written the same in `lang` (OVD-Info in German) is not an English leak
    same = {n["en"] for n in proper if n.get(lang) == n["en"]}
    walk(proper)
    for folder in ("prisoners", "cases"):
        for path in sorted((content / folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            walk({k: v for k, v in data.items() if k not in ("names", "aliases", "slug")})
    return tuple(sorted(s for s in found if len(s) >= MIN_LENGTH))


def leaks_in_html(html: str, lang: str, strings: tuple[str, ...]) -> list[str]:
    """Each English string found outside lang="en" on a parsed page, with where it was."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "pre", "code"]):
        tag.decompose()

    def own_lang(el) -> str:
        while el is not None and getattr(el, "attrs", None) is not None:
            if el.attrs.get("lang"):
                return el.attrs["lang"].split("-")[0]
            el = el.parent
        return lang

    pieces: list[str] = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not node.strip():
            continue
        if own_lang(node.parent) != "en":
            pieces.append(str(node))
    for el in soup.find_all(True):
        for attr in SHOWN:
            if el.get(attr) and own_lang(el) != "en":
                pieces.append(str(el[attr]))
    text = " ".join(" ".join(pieces).split())
    return [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]


# For Chromium: the text of every node whose nearest lang is not English, visible or read out.
SCRIPT = """(shown) => {
  const out = [];
  const langOf = (el) => { const l = el.closest('[lang]'); return l ? l.lang.split('-')[0] : ''; };
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'PRE', 'CODE'].includes(el.tagName)) continue;
    if (node.textContent.trim() && langOf(el) !== 'en') out.push(node.textContent);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of shown) {
      if (el.getAttribute(a) && langOf(el) !== 'en') out.push(el.getAttribute(a));
    }
  }
  return out.join(' ').replace(/\\s+/g, ' ');
}"""


def leaks_in_text(text: str, strings: tuple[str, ...]) -> list[str]:
    return [s for s in strings if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
