"""Checks on translated segments that gettext tools do not make."""

from __future__ import annotations

import re
from collections.abc import Iterable

import polib
from bs4 import BeautifulSoup
from markdown import Markdown

# Markdown with the site's link-making extensions (attr_list can set href or src).
_MARKDOWN = Markdown(extensions=["attr_list", "footnotes", "tables", "fenced_code"])
_URL_ATTRS = ("href", "src")


def link_targets(text: str) -> list[str]:
    """Every URL a segment links to or loads once converted as the site converts it:
    inline, reference-style and autolinks, raw `<a href>`/`<img src>`, attr_list's
    `{: href=…}`, and reference definitions (`[1]: URL`). Sorted; repeats kept."""
    if not any(c in text for c in "[<{"):  # no link without one of these
        return []
    soup = BeautifulSoup(_MARKDOWN.reset().convert(text), "html.parser")
    found = [node[attr] for attr in _URL_ATTRS for node in soup.find_all(attrs={attr: True})]
    return sorted(found + [url for url, _title in _MARKDOWN.references.values()])


def link_target_problem(msgid: str, msgstr: str) -> str | None:
    """Markdown link targets must survive translation unchanged: a translator translates the
    link text, never where it points (a changed target could send readers anywhere). A
    target the msgid does not have is a problem; leaving a link out is the translator's
    choice (pofilter's `urls` check reports it)."""
    if not msgstr:
        return None
    wanted, found = link_targets(msgid), link_targets(msgstr)
    return f"link targets {wanted} became {found}" if set(found) - set(wanted) else None


# Entries shown as plain text, never as Markdown (a document's title is escaped by the
# templates: content_i18n/build.py), so nothing in them can link anywhere.
PLAIN_TEXT = frozenset({"title"})


def link_target_problems(entries: Iterable[polib.POEntry]) -> list[tuple[str, str, str]]:
    """(msgctxt or "", msgid, problem) for every current, non-fuzzy entry whose link targets
    changed; entries in PLAIN_TEXT contexts are not links and are left out."""
    problems = []
    for entry in entries:
        if entry.obsolete or entry.fuzzy or not entry.msgid or entry.msgctxt in PLAIN_TEXT:
            continue
        problem = link_target_problem(entry.msgid, entry.msgstr)
        if problem:
            problems.append((entry.msgctxt or "", entry.msgid, problem))
    return problems


# Block-level elements, whose sequence is a block's Markdown structure (a translation that
# changes it has added a heading, list, quote, table row or HTML block to the text).
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
               "pre", "hr", "table", "tr", "th", "td", "div", "dl", "dt", "dd")


def _shape_and_targets(md: Markdown, text: str, refs: dict) -> tuple[list[str], set[str]]:
    """(block elements in order, URLs linked or loaded) of `text` converted by `md`, with the
    document's reference definitions `refs` known (so `[x][ref]` in a msgstr resolves as on
    the page); a definition the text adds or changes counts as a target."""
    md.reset()
    md.references.update(refs)
    soup = BeautifulSoup(md.convert(text), "html.parser")
    found = {node[attr] for attr in _URL_ATTRS for node in soup.find_all(attrs={attr: True})}
    found |= {url for key, (url, _title) in md.references.items()
              if refs.get(key, (None,))[0] != url}
    return [node.name for node in soup.find_all(_BLOCK_TAGS)], found


# A reference definition's start (Python-Markdown's ReferenceProcessor.RE): without one, the
# document defines no reference a msgstr could use.
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:", re.MULTILINE)


def _may_change_targets(msgstr: str) -> bool:
    # A new target needs a bracket (link, image, reference, or closing the alt text it is put
    # into), `<` (autolink, HTML) or `{` (attr_list); a msgstr without them can only lose one.
    return any(c in msgstr for c in "[]<{")


def _may_change_blocks(msgstr: str) -> bool:
    # A new block needs a line break, a table's `|`, or a block marker at the start.
    head = msgstr.lstrip()
    return ("\n" in msgstr or "|" in msgstr or head[:1] in set("#-*+>=<`~:_[")
            or head[:1].isdigit() or msgstr[:1] in (" ", "\t"))


def block_problems(doc, usable: dict[tuple[str, str], str],
                   md: Markdown) -> tuple[dict, dict]:
    """({(msgctxt, msgid): problem} of targets, the same of structure) for every msgstr in
    `usable` ((msgctxt, msgid) -> msgstr) put back into its block of `doc`
    (segments.Document), compared with the block holding the source text, both converted by
    `md` (the site's Markdown): the msgstr alone can look harmless where its block does not,
    e.g. an alt text `x](/images/other.png) ![y` closing the image it is written into and
    opening another. A target the source block lacks is a problem (as link_target_problem);
    so is a different sequence of block elements (a blank line, then `## heading`, in a
    paragraph's msgstr). Sphinx's i18n transform likewise does not use a translated
    paragraph that parses as anything but one paragraph."""
    from .segments import Block, Piece

    targets: dict[tuple[str, str], str] = {}
    blocks: dict[tuple[str, str], str] = {}
    refs: dict | None = None
    # The summary is Markdown made into HTML on its own: a block of its own.
    summary = [Piece("{}", seg) for seg in doc.segments if seg.context == "summary"]
    for piece in [*doc.pieces, *summary]:
        source = None
        # A paragraph standing alone is its msgstr as it is: link_target_problem has checked
        # its targets, unless a reference defined elsewhere in the document resolves in it.
        alone = type(piece) is Block and piece.template == "{}" and not piece.indent
        for seg in piece.segments():
            msgstr = usable.get((seg.context, seg.text))
            if not msgstr:
                continue
            check_targets = _may_change_targets(msgstr)
            if not (check_targets or _may_change_blocks(msgstr)):
                continue
            if refs is None:  # the document's reference definitions, once
                text = doc.render(lambda s: s.text, {})
                refs = dict(md.reset().convert(text) and md.references) \
                    if _DEFINITION.search(text) else {}
            if alone and not refs and not _may_change_blocks(msgstr):
                continue
            if source is None:
                source = _shape_and_targets(md, piece.render(lambda s: s.text), refs)
            shape, found = _shape_and_targets(md, piece.render(
                lambda s, seg=seg, msgstr=msgstr: msgstr if s is seg else s.text), refs)
            key = (seg.context, seg.text)
            if shape != source[0]:
                blocks[key] = f"Markdown blocks {source[0]} became {shape}"
            elif found - source[1]:
                targets[key] = f"link targets {sorted(source[1])} became {sorted(found)}"
    return targets, blocks
