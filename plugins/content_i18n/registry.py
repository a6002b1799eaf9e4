"""Registry texts (bios, timeline events, letter instructions, charges…) in catalogues:
translations/content/<lang>/prisoners/<slug>.po and …/cases/<slug>.po.

Every `{lang: text}` field of an entry is one segment, keyed by its path (`bio`,
`timeline.2.event`). At build time a language missing from the YAML is filled from the
catalogue (translated, not fuzzy); text in the YAML always wins."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import polib
from pydantic import BaseModel

from site_scheme import LANGUAGES as LANGS

from .catalogs import CONTACT, PROJECT, Stats, check, msgstr_line, now

logger = logging.getLogger(__name__)


def texts(model: BaseModel, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """(field path, {lang: text}) for every translated text of an entry."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        key = f"{path}.{name}" if path else name
        if isinstance(value, BaseModel):
            yield from texts(value, key)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts(item, f"{key}.{i}")
        elif isinstance(value, dict) and value.get("en") and set(value) <= set(LANGS):
            yield key, value


def text_stats(model: BaseModel, lang: str, table: dict[tuple[str, str], tuple[str, bool]],
               refused: Collection[tuple[str, str]] = ()) -> Stats:
    """The progress of one registry entry (a person, a case) in `lang`, as the translators'
    pages and `invoke i18n.status` show it: Stats(translated, fuzzy, untranslated) over its
    texts (`texts`: one per translated field, so `total` is their number). A text is
    translated when the entry has it in `lang` (written in the YAML, or filled from the
    catalogue by `translated`) or the catalogue has a usable entry for exactly (field path,
    English text): not fuzzy, a msgstr not blank, not in `refused` (what `table` left
    out); fuzzy when that entry is fuzzy with a msgstr; otherwise untranslated. `table`:
    the catalogue's summaries.Summary.table, (msgctxt, msgid) -> (msgstr, fuzzy). Entries
    for texts the entry no longer has count for nothing (the rule of build.doc_stats for
    documents)."""
    done = fuzzy = total = 0
    for key, value in texts(model):
        total += 1
        msgstr, waiting = table.get((key, value["en"]), ("", False))
        if lang in value or msgstr.strip() and not waiting and (key, value["en"]) not in refused:
            done += 1
        elif msgstr and waiting:
            fuzzy += 1
    return Stats(done, fuzzy, total - done - fuzzy)


def _line(source_text: str, text: str) -> int:
    probe = text[:25]
    for number, line in enumerate(source_text.splitlines(), 1):
        if probe and probe in line:
            return number
    return 1


def template(model: BaseModel, source: Path, rel: str, label: str) -> polib.POFile:
    """The template of one registry entry: an entry per English text, its field path as
    msgctxt."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Project-Id-Version": PROJECT, "Report-Msgid-Bugs-To": CONTACT,
                    "POT-Creation-Date": now(), "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "8bit"}
    raw = source.read_text(encoding="utf-8")
    for key, value in texts(model):
        pot.append(polib.POEntry(msgid=value["en"], msgstr="", msgctxt=key,
                                 occurrences=[(rel, str(_line(raw, value["en"])))],
                                 comment=f"Registry: {label}\nField: {key}"))
    return pot


# The registry fields made into HTML from Markdown (prisoner_registry.views.bio_html); the
# other texts are plain text, escaped by the templates, so nothing in them links anywhere.
MARKDOWN_FIELDS = frozenset({"bio"})


def table(path: Path, report: Callable[[str, str, str], None] | None = None,
          refused: set[tuple[str, str]] | None = None) -> dict[tuple[str, str], str]:
    """Usable translations of a catalogue, by (field path, English text): translated, not
    fuzzy, not obsolete, and unchanged by the site's sanitiser (safe_input.sanitiser) once
    rendered as Markdown. A translation is used only for exactly the text it translates; a
    refused entry is left out (the source text shows) with a warning naming file, line and
    what was refused. A msgstr of a Markdown field (MARKDOWN_FIELDS) that adds or changes
    a link target (checks.py; the msgstr is the whole text, so no block around it) is
    passed to `report(file, where, message)`, which stops the build, as for a document.
    Read through the build's catalogue summaries (summaries.py), so a catalogue is checked
    and parsed once per build, not again here. The (msgctxt or "", msgid) of every translated
    entry left out is added to `refused`, if given (the translators' pages count them as
    untranslated). Raises CatalogueError for a catalogue msgfmt refuses."""
    if not path.exists():
        return {}
    from prisoner_registry.views import markdown_html
    from safe_input import nesting
    from safe_input.sanitiser import refusals

    from . import summaries

    summary = summaries.cached(path) or summaries.summarise(path)
    moved = {(context, msgid): problem for context, msgid, problem in summary.problems
             if context in MARKDOWN_FIELDS}
    usable = {}
    for (context, msgid), (msgstr, fuzzy) in summary.table.items():
        if not (msgstr.strip() and not fuzzy):
            continue  # a blank msgstr is no translation (build.lookup): the source shows
        deep = nesting.problem(msgstr)  # before Markdown descends into it
        found = ([((), deep[1])] if deep else refusals(markdown_html(msgstr), translation=True)
                 if any(c in msgstr for c in "<:&") else [])
        context = context or None  # the summary keys an entry without msgctxt by ""
        if found:
            logger.warning("%s: line %s: msgctxt %s: %s; the entry is not used (the source "
                           "text is shown) until the msgstr is fixed", os.path.relpath(path),
                           _entry_line(path, context, msgid), context, found[0][1])
            if refused is not None:
                refused.add((context or "", msgid))
            continue
        if (context or "", msgid) in moved:
            if report is not None:
                report(os.path.relpath(path), f"line {_entry_line(path, context, msgid)}",
                       f"msgctxt {context}: {moved[context or '', msgid]}; keep the link "
                       "target as it is in the msgid")
            if refused is not None:
                refused.add((context or "", msgid))
            continue
        usable[(context, msgid)] = msgstr
    return usable


def _entry_line(path: Path, context: str | None, msgid: str) -> int | None:
    """The line of the current entry's (context, msgid) msgstr, for a warning (where msgfmt
    names an entry's problems): the catalogue is parsed again only when an entry is
    refused."""
    text = check(path)
    for e in polib.pofile(text):
        if not e.obsolete and e.msgctxt == context and e.msgid == msgid:
            return msgstr_line(text, e.linenum)
    return None


def translated(model: BaseModel, tables: dict[str, dict[str, str]]) -> BaseModel:
    """`model` with languages missing from its texts filled from {lang: catalogue table}."""
    data = model.model_dump(mode="json", exclude_none=True)
    changed = False
    for key, value in texts(model):
        for lang, strings in tables.items():
            if lang not in value and (key, value["en"]) in strings:
                target = data
                *parents, last = key.split(".")
                for part in parents:
                    target = target[int(part)] if part.isdigit() else target[part]
                target[last][lang] = strings[key, value["en"]]
                changed = True
    return type(model).model_validate(data) if changed else model
