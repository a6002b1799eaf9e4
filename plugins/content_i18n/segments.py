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

_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\](?P<rest>\(.*\))\s*$")
_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")
_CELL = re.compile(r"(?<!\\)\|")
# Python-Markdown's own rules (markdown.blockprocessors, markdown.extensions.tables): a hash
# heading may start any line of a block, a setext underline only the block's second line.
_HASH_HEADING = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)"
                           r"#*(?:\n|$)")
_SETEXT = re.compile(r"^(?:=+|-+)[ ]*$")
_RULE = re.compile(r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|"
                   r"(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$")
_QUOTED = re.compile(r"^[ ]{0,3}>[ ]?(.*)$")
_END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")


@dataclass
class Segment:
    context: str  # the kind ("title", "paragraph", "cell"); "paragraph.2" for a repeated text
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
    """A pipe table: rows of cells (segments or fixed pieces), one line per row, written with
    outer pipes when its header row has them (`border`)."""

    rows: list[list[Piece]] = field(default_factory=list)
    border: bool = True

    def segments(self) -> list[Segment]:
        return [s for row in self.rows for cell in row for s in cell.segments()]

    def render(self, translate) -> str:
        return "\n".join(
            row[0].render(translate) if len(row) == 1 and not row[0].segment
            else self._row([cell.render(translate) for cell in row])
            for row in self.rows)

    def _row(self, cells: list[str]) -> str:
        inner = " | ".join(cells)
        return f"| {inner} |" if self.border else inner


@dataclass
class Document:
    header: list[tuple[str, str, int]]  # (key as written, value, line)
    pieces: list[Piece] = field(default_factory=list)
    # Texts translated with the document but shown outside its body (an action's, from the
    # file its `Action:` field names: plugins/actions); set by the caller, after the body's.
    extra: list[Segment] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        head = [Segment(k.lower(), v, line) for k, v, line in self.header
                if k.lower() in TRANSLATED_HEADER and v.strip()]
        return head + [s for piece in self.pieces for s in piece.segments()] + self.extra

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


def _join(rows: list[str]) -> str:
    """Lines of one block as one segment text: a soft line break becomes a space, a hard one
    (two trailing spaces in Markdown) a newline, which translators see and can keep."""
    out = ""
    for n, row in enumerate(rows):
        hard = row.endswith("  ") and n < len(rows) - 1
        out += row.strip() + ("\n" if hard else " " if n < len(rows) - 1 else "")
    return out


@dataclass
class Block(Piece):
    """A piece whose segment may hold hard line breaks: written back as Markdown's two
    trailing spaces, each following line indented like the first."""

    indent: str = ""

    def render(self, translate) -> str:
        if not self.segment:
            return super().render(translate)
        text = translate(self.segment).replace("\n", "  \n" + self.indent)
        return self.template.format(text)


@dataclass
class Quote(Piece):
    """A blockquote: its content parsed like a body (it may hold lists, several
    paragraphs), every line written back behind `> `."""

    pieces: list[Piece] = field(default_factory=list)

    def segments(self) -> list[Segment]:
        return [s for piece in self.pieces for s in piece.segments()]

    def render(self, translate) -> str:
        inner = "\n\n".join(piece.render(translate) for piece in self.pieces)
        return "\n".join(f"> {row}" if row else ">" for row in inner.split("\n"))


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    return text.replace("\r\n", "\n").split("\n")


def _header(lines: list[str]) -> tuple[list[tuple[str, str, int]], int]:
    """The header fields and the index of the first line after the header."""
    header: list[tuple[str, str, int]] = []
    i = 0
    while i < len(lines) and lines[i].strip():
        found = _HEADER_LINE.match(lines[i])
        if found:
            header.append((found.group(1), found.group(2).strip(), i + 1))
        elif header and lines[i].startswith((" ", "\t")):
            key, value, line = header[-1]
            header[-1] = (key, f"{value} {lines[i].strip()}".strip(), line)
        i += 1
    return header, i


def parse_header(text: str) -> Document:
    """The document with `parse`'s header and no pieces: for what needs only header fields
    (the slug), without segmenting the body."""
    return Document(_header(_lines(text))[0])


def parse(text: str) -> Document:
    """The document's header and pieces. Each segment's msgctxt is its kind (`paragraph`,
    `item`, `cell`…), so it does not change when text is inserted before it; the n-th
    repetition of the same text of the same kind gets `kind.n` (n >= 2). The msgid, the text
    itself, is what identifies a translation, as in gettext and Sphinx. A leading byte-order
    mark and CRLF line ends are ignored, as Pelican's reader ignores them; a header value
    continued on indented lines (Python-Markdown's meta syntax) is one value."""
    lines = _lines(text)
    header, i = _header(lines)
    doc = Document(header)
    counters: dict[tuple[str, str], int] = {}

    def segment(kind: str, seg_text: str, line: int) -> Segment:
        n = counters[kind, seg_text] = counters.get((kind, seg_text), 0) + 1
        return Segment(kind if n == 1 else f"{kind}.{n}", seg_text, line)

    doc.pieces = _body(lines[i:], i + 1, segment)
    return doc


def _body(lines: list[str], first_line: int, segment) -> list[Piece]:
    """The pieces of a run of body lines (the document's body, or a quote's content)."""
    pieces: list[Piece] = []
    i = 0
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
            pieces.append(Piece(_escape("\n".join(block))))
            continue
        if lines[i].startswith(">"):
            # Lines without `>` continue the quote (lazily) until a blank line; a blank
            # line followed by `>` does not end it.
            while i < len(lines) and (lines[i].strip() or (
                    i + 1 < len(lines) and lines[i + 1].startswith(">"))):
                block.append(lines[i])
                i += 1
            pieces.append(_quote(block, first_line + start, segment))
            continue
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        _block(block, first_line + start, segment, pieces)
    return pieces


def _continues(pieces: list[Piece]) -> str | None:
    """The kind an indented block continues (a footnote's or a list item's next paragraph),
    or None: then it is an indented code block."""
    last = pieces[-1] if pieces else None
    if isinstance(last, ListBlock):
        return "item"
    if last is not None and last.segment and last.segment.context.split(".")[0] == "footnote":
        return "footnote"
    return None


def _block(block: list[str], line: int, segment, pieces: list[Piece]) -> None:
    first = block[0]
    if first.startswith(("    ", "\t")):
        kind = _continues(pieces)
        if kind is None:
            pieces.append(Piece(_escape("\n".join(block))))  # indented code, kept as it is
        else:
            pad = first[: len(first) - len(first.lstrip())]
            pieces.append(Block(_escape(pad) + "{}", segment(kind, _join(block), line),
                                indent=pad))
        return
    if first.lstrip().startswith("<"):
        pieces.append(Piece(_escape("\n".join(block))))
        return
    border = _table_border(block)
    if border is None and _split_headings(block, line, segment, pieces):
        return
    if border is not None:
        table = Table("", border=border)
        for r, row in enumerate(block):
            if r == 1:  # the separator row, kept as it is
                table.rows.append([Piece(_escape(row))])
                continue
            table.rows.append([Piece("{}", segment("cell", cell, line + r)) if cell
                               else Piece("") for cell in _cells(row, border)])
        pieces.append(table)
        return
    if _ITEM.match(first):
        items: list[tuple[str, list[str], int]] = []
        for offset, row in enumerate(block):
            found = _ITEM.match(row)
            if found:
                items.append((found.group(1) + found.group(2), [found.group(3)], line + offset))
            else:
                items[-1][1].append(row)
        group = ListBlock("")
        for marker, text_lines, item_line in items:
            pad = " " * (len(marker) + 1)
            group.items.append(Block(_escape(marker) + " {}",
                                     segment("item", _join(text_lines), item_line),
                                     indent=pad))
        pieces.append(group)
        return
    quoted = next((n for n, row in enumerate(block) if _QUOTED.match(row)), None)
    if quoted:  # a quote starting inside a block ends the block before it (as in Python-Markdown)
        _block(block[:quoted], line, segment, pieces)
        pieces.append(_quote(block[quoted:], line + quoted, segment))
        return
    footnote = _FOOTNOTE.match(first)
    if footnote:
        text = _join([footnote.group(2), *block[1:]]).strip()
        pieces.append(Block(f"[^{_escape(footnote.group(1))}]: {{}}",
                            segment("footnote", text, line), indent="    "))
        return
    image = _IMAGE.match(first)
    if image and len(block) == 1:
        pieces.append(Piece("![{}]" + _escape(image.group("rest")),
                            segment("image-alt", image.group("alt"), line)))
        return
    pieces.append(Block("{}", segment("paragraph", _join(block), line)))


def _cells(row: str, border: bool) -> list[str]:
    """The cells of a table row as Python-Markdown's tables extension splits it: the outer
    pipes are dropped only in a table with a border; a pipe escaped as \\| belongs to the
    cell's text."""
    row = row.strip(" ")
    if border:
        row = _END_BORDER.sub("", row.removeprefix("|"))
    return [c.strip() for c in _CELL.split(row)]


def _table_border(block: list[str]) -> bool | None:
    """Whether a block is a table by Python-Markdown's test (TableProcessor.test: a header
    row, then a separator row with as many cells, made of `|:- ` only): None if not, else
    whether its header row has outer pipes."""
    rows = [row.strip(" ") for row in block]
    if len(rows) < 2:
        return None
    border = rows[0].startswith("|") or bool(_END_BORDER.search(rows[0]))
    width = len(_cells(rows[0], border))
    if width == 1 and not (border and all(
            r.startswith("|") or _END_BORDER.search(r) for r in rows[1:])):
        return None
    separator = _cells(rows[1], border)
    if len(separator) != width or not set("".join(separator)) <= set("|:- "):
        return None
    return border


def _split_headings(block: list[str], line: int, segment, pieces: list[Piece]) -> bool:
    """A block holding a heading, split as Python-Markdown splits it: the lines before a
    hash heading (`## Heading` on any line), the heading, the lines after; a block whose
    second line is a setext underline (`===`, `---`): the heading, the lines after; else
    the same around a horizontal rule (`---`, `***`, `___`). Each part is a block of its
    own. False if the block holds none of these."""
    if len(block) > 1 and _SETEXT.match(block[1]):
        pieces.append(Piece("{}\n" + _escape(block[1]),
                            segment("heading", block[0].strip(), line)))
        if block[2:]:
            _block(block[2:], line + 2, segment, pieces)
        return True
    found = _HASH_HEADING.search("\n".join(block))
    if not found:
        rule = next((n for n, row in enumerate(block) if _RULE.match(row)), None)
        if rule is None:
            return False
        if block[:rule]:
            _block(block[:rule], line, segment, pieces)
        pieces.append(Piece(_escape(block[rule])))  # a horizontal rule, kept as it is
        if block[rule + 1:]:
            _block(block[rule + 1:], line + rule + 1, segment, pieces)
        return True
    before = found.string[:found.start()].split("\n") if found.start() else []
    if before:
        _block(before, line, segment, pieces)
    at = line + len(before)
    pieces.append(Piece(found.group("level") + " {}",
                        segment("heading", found.group("header").strip(), at)))
    after = block[len(before) + 1:]
    if after:
        _block(after, at + 1, segment, pieces)
    return True


def _quote(block: list[str], line: int, segment) -> Quote:
    """A blockquote from its lines: `>` and one space dropped as Python-Markdown's
    BlockQuoteProcessor.clean drops them, lazy lines (without `>`) kept whole."""
    inner = []
    for row in block:
        found = _QUOTED.match(row)
        inner.append("" if row.strip() == ">" else found.group(1) if found else row)
    return Quote("", pieces=_body(inner, line, segment))
