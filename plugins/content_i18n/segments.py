"""Splits a Pelican Markdown source into translatable segments and puts translations back.

Pelican's `Key: value` header is not YAML front matter, and generic Markdown-to-PO tools
(Translate Toolkit's md2po, po4a) treat it as body text, so the header is handled here: only
Title and Summary are translated. The body is split line-wise into blocks whose text becomes
one segment each: heading, paragraph, list item, table cell, blockquote, footnote, and the alt
text of an image standing alone. Inline Markdown (emphasis, links) stays inside the segment.
Fenced code and raw HTML blocks are kept as they are."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

TRANSLATED_HEADER = ("title", "summary")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\](?P<rest>\(.*\))\s*$")
_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")


@dataclass
class Segment:
    context: str  # stable id within the document: "title", "paragraph.3", "cell.2.1"
    text: str
    line: int  # 1-based line in the source file


@dataclass
class Piece:
    """A block of the body: fixed text, or a template with one segment in it."""

    template: str  # "{}" marks where the segment goes; literal braces are doubled
    segment: Segment | None = None

    def segments(self) -> list[Segment]:
        return [self.segment] if self.segment else []

    def render(self, translate) -> str:
        if self.segment:
            return self.template.format(translate(self.segment))
        return self.template.replace("{{", "{").replace("}}", "}")


@dataclass
class ListBlock(Piece):
    """A list: one item per line, so a tight list stays tight."""

    items: list[Piece] = field(default_factory=list)

    def segments(self) -> list[Segment]:
        return [s for item in self.items for s in item.segments()]

    def render(self, translate) -> str:
        return "\n".join(item.render(translate) for item in self.items)


@dataclass
class Table(Piece):
    """A pipe table: rows of cells (segments or fixed pieces), one line per row."""

    rows: list[list[Piece]] = field(default_factory=list)

    def segments(self) -> list[Segment]:
        return [s for row in self.rows for cell in row for s in cell.segments()]

    def render(self, translate) -> str:
        return "\n".join(
            row[0].render(translate) if len(row) == 1 and not row[0].segment
            else "| " + " | ".join(cell.render(translate) for cell in row) + " |"
            for row in self.rows)


@dataclass
class Document:
    header: list[tuple[str, str, int]]  # (key as written, value, line)
    pieces: list[Piece] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        head = [Segment(k.lower(), v, line) for k, v, line in self.header
                if k.lower() in TRANSLATED_HEADER and v.strip()]
        return head + [s for piece in self.pieces for s in piece.segments()]

    def meta(self, key: str) -> str:
        return next((v for k, v, _ in self.header if k.lower() == key), "")

    def render(self, translate: Callable[[Segment], str], header: dict[str, str]) -> str:
        """Markdown with every segment passed through `translate`, and header fields replaced
        or added from `header` (a value of None drops the field)."""
        lines = []
        seen = set()
        for key, value, line in self.header:
            low = key.lower()
            seen.add(low)
            if low in header:
                if header[low] is not None:
                    lines.append(f"{key}: {header[low]}")
            elif low in TRANSLATED_HEADER:
                lines.append(f"{key}: {translate(Segment(low, value, line))}")
            else:
                lines.append(f"{key}: {value}")
        lines += [f"{k.title()}: {v}" for k, v in header.items() if k not in seen and v is not None]
        body = [piece.render(translate) for piece in self.pieces]
        return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def parse(text: str) -> Document:
    # Read as the Markdown reader reads it (safe_input.text): a leading byte-order mark is
    # dropped (else it hides the Title line), the text is NFC-normalised.
    lines = unicodedata.normalize("NFC", text.removeprefix("\ufeff")).split("\n")
    header: list[tuple[str, str, int]] = []
    i = 0
    while i < len(lines) and lines[i].strip():
        found = _HEADER_LINE.match(lines[i])
        if found:
            header.append((found.group(1), found.group(2).strip(), i + 1))
        i += 1
    doc = Document(header)
    counters: dict[str, int] = {}

    def segment(kind: str, seg_text: str, line: int, template: str) -> None:
        counters[kind] = counters.get(kind, 0) + 1
        doc.pieces.append(Piece(template, Segment(f"{kind}.{counters[kind]}", seg_text, line)))

    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        block = []
        if lines[i].lstrip().startswith(("```", "~~~")):
            fence = lines[i].lstrip()[:3]
            block.append(lines[i])
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(fence):
                block.append(lines[i])
                i += 1
            if i < len(lines):
                block.append(lines[i])
                i += 1
            doc.pieces.append(Piece(_escape("\n".join(block))))
            continue
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        _block(block, start + 1, segment, doc)
    return doc


def _block(block: list[str], line: int, segment, doc: Document) -> None:
    first = block[0]
    if first.lstrip().startswith("<"):
        doc.pieces.append(Piece(_escape("\n".join(block))))
        return
    heading = _HEADING.match(first)
    if heading and len(block) == 1:
        segment("heading", heading.group(2), line, heading.group(1) + " {}")
        return
    if first.startswith("|"):
        table = Table("")
        for r, row in enumerate(block):
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                table.rows.append([Piece(_escape(row))])
                continue
            parts = []
            for cell in cells:
                if cell:
                    segment("cell", cell, line + r, "{}")
                    parts.append(doc.pieces.pop())
                else:
                    parts.append(Piece(""))
            table.rows.append(parts)
        doc.pieces.append(table)
        return
    if _ITEM.match(first):
        items: list[tuple[str, list[str], int]] = []
        for offset, row in enumerate(block):
            found = _ITEM.match(row)
            if found:
                items.append((found.group(1) + found.group(2), [found.group(3)], line + offset))
            else:
                items[-1][1].append(row.strip())
        group = ListBlock("")
        for marker, text_lines, item_line in items:
            segment("item", " ".join(text_lines), item_line, _escape(marker) + " {}")
            group.items.append(doc.pieces.pop())
        doc.pieces.append(group)
        return
    footnote = _FOOTNOTE.match(first)
    if footnote:
        text = " ".join([footnote.group(2), *(r.strip() for r in block[1:])]).strip()
        segment("footnote", text, line, f"[^{_escape(footnote.group(1))}]: {{}}")
        return
    if first.startswith(">"):
        text = " ".join(r.lstrip(">").strip() for r in block)
        segment("quote", text, line, "> {}")
        return
    image = _IMAGE.match(first)
    if image and len(block) == 1:
        segment("image-alt", image.group("alt"), line, "![{}]" + _escape(image.group("rest")))
        return
    segment("paragraph", " ".join(r.strip() for r in block), line, "{}")
