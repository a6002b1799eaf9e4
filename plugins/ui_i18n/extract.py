"""Extracting the UI catalogue (messages.pot) with Babel and merging it into every messages.po.

Merging works like GNU msgmerge --previous (update_catalogues, _merge; tested against it):
unchanged strings keep their translation, changed ones become fuzzy with the previous msgid
kept (#| msgid), removed ones become obsolete and come back when the string does. Nothing is
lost.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, unescape, write_po

PROJECT = "left-political-prisoners"
SOURCES = (
    (
        "theme/templates",
        [("**.html", "jinja2.ext:babel_extract")],
        {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    ),
    ("plugins", [("**/tests/**", "ignore"), ("**.py", "python")], {}),
)


def extract(root: Path) -> Catalog:
    catalog = Catalog(project=PROJECT, msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for folder, method_map, options_map in SOURCES:
        base = root / folder
        for filename, lineno, message, comments, context in extract_from_dir(
            str(base), method_map, options_map
        ):
            location = (os.path.join(folder, filename).replace(os.sep, "/"), lineno)
            catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


# The one header line that changes on every extraction; a template differing from the file
# only there is not rewritten, so running `invoke i18n.update-ui` twice changes nothing.
_CREATION_DATE = re.compile(rb'"POT-Creation-Date: [^"]*"\n')


def write_template(root: Path, pot: Path) -> tuple[Catalog, bool]:
    """Extract the UI strings of `root` into `pot`: (the catalogue, whether the file was
    written). A file that would change only in its POT-Creation-Date is left as it is."""
    catalog = extract(root)
    buf = BytesIO()
    write_po(buf, catalog, width=100, sort_output=True)
    data = buf.getvalue()
    if pot.exists() and _CREATION_DATE.sub(b"", pot.read_bytes()) == _CREATION_DATE.sub(b"", data):
        return catalog, False
    pot.parent.mkdir(parents=True, exist_ok=True)
    pot.write_bytes(data)
    return catalog, True


class UpdateProblems(Exception):
    """Catalogues update_catalogues left as they are because the build refuses them as a
    whole: (path, where, message) each; `written` are the files it did write."""

    def __init__(self, problems: list[tuple[Path, str, str]], written: list[Path]) -> None:
        self.problems, self.written = problems, written
        super().__init__("; ".join(f"{p}: {w}: {m}" for p, w, m in problems))


def update_catalogues(pot: Path, translations: Path, languages: Sequence[str]) -> list[Path]:
    """Merge the template into each <lang>/LC_MESSAGES/messages.po, creating missing ones.
    Returns the files written: a catalogue that would change only in its POT-Creation-Date
    is not (catalogs.save_po). A catalogue the build refuses as a whole (a broken line, a
    byte-order mark: what msgmerge refuses too) is left exactly as it is: Babel's lenient
    reading would drop or mangle what it cannot read, and the merge would write that back.
    Raises UpdateProblems, after merging the others, when there was such a catalogue."""
    from babel.messages.pofile import PoFileError

    from .catalogs import _where, babel_input, compile_po

    with pot.open("rb") as fp:
        template = read_po(fp)
    written = []
    problems = []
    for lang in languages:
        po = translations / lang / "LC_MESSAGES" / "messages.po"
        # An empty file has nothing to lose: made anew, as msgmerge takes it (no entries).
        if po.exists() and po.read_bytes().strip():
            try:
                compile_po(str(po), lang)
            except (PoFileError, ValueError, SyntaxError, UnicodeDecodeError) as exc:
                problems.append((po, *_where(exc)))
                continue
            catalog = read_po(BytesIO(babel_input(po.read_bytes())), locale=lang)
            headers = _tool_headers(po)
            _merge(catalog, template)
        else:
            catalog = Catalog(locale=lang, project=PROJECT, charset="utf-8", fuzzy=False)
            catalog.update(template)
            headers = {}
        from .catalogs import save_po

        if save_po(catalog, po, sort=True, headers=headers):
            written.append(po)
    if problems:
        raise UpdateProblems(problems, written)
    return written


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _merge(catalog: Catalog, template: Catalog) -> None:
    """Merge `template` into `catalog` as GNU msgmerge --previous does (checked against it in
    tests/test_localisation), where Babel's Catalog.update differs:

    - an obsolete entry (#~) is matched too, exactly or fuzzily: a string that comes back
      to the templates gets its translation back (Babel wrote an empty entry beside the
      obsolete one, a duplicate msgfmt refuses);
    - the previous msgid (#| msgid) of a fuzzy entry is the one its translation was made
      for: that of the old entry when it was fuzzy with one, else the old msgid;
    - a translated entry whose msgid_plural is added, changed or removed is fuzzy with its
      previous msgid (Babel kept a changed msgid_plural's translation as done), and a singular
      translation fills every plural form (Babel left the other forms empty);
    - an obsolete fuzzy entry keeps its previous msgid (#~| msgid)."""
    previous = _previous_ids(catalog)
    for key, message in list(catalog.obsolete.items()):
        if key not in catalog._messages:  # noqa: SLF001 (Babel's own key for the entry)
            del catalog.obsolete[key]
            catalog[message.id] = message
    previous.update(_previous_ids(catalog))
    old = {(m.context or "", _singular(m.id)): (m.id, m.fuzzy, _translated(m.string))
           for m in catalog if m.id}
    catalog.update(template, update_header_comment=False)
    for message in catalog:
        if not message.id:
            continue
        key = (message.context or "", _singular(message.id))
        if message.previous_id:  # fuzzily matched by Babel: previous_id is the old msgid
            found = [k for k in old if k[1] == message.previous_id[0]]
            match = next((k for k in found if k[0] == key[0]), found[0] if found else None)
            if match and old[match][1] and match in previous:
                message.previous_id = previous[match]
            continue
        if key not in old:
            continue
        old_id, old_fuzzy, old_translated = old[key]
        if old_id != message.id and old_translated:  # msgid_plural added, changed or removed
            message.flags.add("fuzzy")
            message.previous_id = previous[key] if old_fuzzy and key in previous else (
                [old_id] if isinstance(old_id, str) else list(old_id))
            if isinstance(old_id, str) and not isinstance(message.id, str):
                message.string = (message.string[0],) * catalog.num_plurals
        elif message.fuzzy and key in previous:
            message.previous_id = previous[key]
    for message in catalog.obsolete.values():  # msgmerge keeps them there too (#~| msgid)
        key = (message.context or "", _singular(message.id))
        if message.fuzzy and key in previous:
            message.previous_id = previous[key]


def _translated(string: str | tuple[str, ...]) -> bool:
    return any(string) if isinstance(string, (list, tuple)) else bool(string)


def _tool_headers(po: Path) -> dict[str, str]:
    """The header fields of a catalogue as written (X-Generator, X-Poedit-*, ...): Babel's
    read_po keeps only the fields it knows, and msgmerge keeps them all."""
    import polib

    return dict(polib.pofile(str(po)).metadata)


_PREVIOUS = re.compile(r'^\|\s*(msgctxt|msgid|msgid_plural)?\s*("(?:[^"\\]|\\.)*")\s*$')


def _previous_ids(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
    """The previous msgids (`#| msgid`, `#| msgid_plural`) of a catalogue's entries, by
    (msgctxt, msgid), taken out of the user comments where Babel's read_po leaves them.
    Left there, they would be written back as translator comments (`# | msgid`) by the next
    merge, and the entry, still fuzzy, would lose the text a translator compares against;
    msgmerge keeps them as they are while the entry stays fuzzy."""
    found = {}
    for message in catalog:
        fields: dict[str, str] = {}
        field = None
        kept = []
        for comment in message.user_comments:
            line = _PREVIOUS.match(comment)
            if line is None:
                kept.append(comment)
                continue
            if line.group(1):
                field = line.group(1)
                fields[field] = ""
            if field:
                fields[field] += unescape(line.group(2))
        message.user_comments = kept
        if "msgid" in fields:
            found[(message.context or "", _singular(message.id))] = [
                fields["msgid"], *([fields["msgid_plural"]] if "msgid_plural" in fields else [])]
    return found
