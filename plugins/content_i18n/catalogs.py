"""Content catalogues: translations/content/<lang>/<slug>.po, one per source document.

`extract` makes the template of a source document; `merge` updates a language's catalogue the
way msgmerge does, but without turning an unchanged paragraph fuzzy just because an earlier one
was inserted: same text keeps its translation wherever it moved; a segment whose text changed
in place becomes fuzzy with the previous msgid kept (#| msgid); removed ones become obsolete.
Nothing a translator wrote is dropped."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from .segments import Document

PROJECT = "left-political-prisoners content"


@dataclass(frozen=True)
class Stats:
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 0.0


def extract(doc: Document, source: str, title: str, category: str) -> Catalog:
    catalog = Catalog(project=PROJECT, charset="utf-8", fuzzy=False)
    segments = doc.segments
    for i, seg in enumerate(segments):
        comments = [f"Document: {title}"] + ([f"Category: {category}"] if category else [])
        if i:
            before = segments[i - 1].text
            comments.append("After: " + (before[:70] + "…" if len(before) > 70 else before))
        catalog.add(seg.text, None, [(source, seg.line)], auto_comments=comments,
                    context=seg.context)
    return catalog


def merge(template: Catalog, old: Catalog | None, lang: str) -> Catalog:
    new = Catalog(locale=lang, project=PROJECT, charset="utf-8", fuzzy=False)
    if old is not None:
        new.mime_headers = [(k, v) for k, v in old.mime_headers if k != "POT-Creation-Date"]
        new.locale = lang
    previous = [m for m in (old or []) if m.id and m.string]
    used: set[int] = set()
    by_key = {(m.id, m.context): i for i, m in enumerate(previous)}
    by_id: dict[str, list[int]] = {}
    by_context: dict[str, int] = {}
    for i, m in enumerate(previous):
        by_id.setdefault(m.id, []).append(i)
        by_context.setdefault(m.context, i)

    messages = [t for t in template if t.id]
    found: dict[int, tuple[int, bool]] = {}  # template index -> (previous index, fuzzy)
    # First every unchanged segment, where it was or wherever it moved...
    for n, t in enumerate(messages):
        i = by_key.get((t.id, t.context))
        if i is None or i in used:
            i = next((j for j in by_id.get(t.id, []) if j not in used), None)
        if i is not None:
            used.add(i)
            found[n] = (i, previous[i].fuzzy)
    # ...then changed ones: the same slot, else the closest remaining text; both fuzzy.
    for n, t in enumerate(messages):
        if n in found:
            continue
        i = by_context.get(t.context)
        if i is None or i in used:
            candidates = {previous[j].id: j for j in range(len(previous)) if j not in used}
            close = difflib.get_close_matches(t.id, list(candidates), n=1, cutoff=0.6)
            i = candidates[close[0]] if close else None
        if i is not None:
            used.add(i)
            found[n] = (i, True)
    for n, t in enumerate(messages):
        message = Message(t.id, "", locations=t.locations, auto_comments=t.auto_comments,
                          context=t.context)
        if n in found:
            i, fuzzy = found[n]
            message.string = previous[i].string
            if fuzzy:
                message.flags.add("fuzzy")
                changed = previous[i].id != t.id
                message.previous_id = [previous[i].id] if changed else previous[i].previous_id
        new[t.id] = message  # keyed by (id, context)
    for i, m in enumerate(previous):
        if i not in used:
            new.obsolete[(m.id, m.context) if m.context else m.id] = m
    return new


def read(path: Path) -> Catalog:
    """Parse a catalogue after the input rules (safe_input.text.po_bytes: size cap, UTF-8,
    byte-order mark, control characters); raises ValueError or PoFileError."""
    import io

    from safe_input.text import po_bytes

    return read_po(io.BytesIO(po_bytes(path)), abort_invalid=True)


def write(path: Path, catalog: Catalog) -> None:
    """Write the catalogue (through polib; see ui_i18n.catalogs.save_po), unless only its
    creation date would change, so extracting again does not touch every file."""
    from ui_i18n.catalogs import save_po

    save_po(catalog, path)


def stats(catalog: Catalog) -> Stats:
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy and m.string)
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    return Stats(translated, fuzzy, len(messages) - translated - fuzzy)
