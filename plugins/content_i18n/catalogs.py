"""Content catalogues: translations/content/<lang>/<slug>.po, one per source document.

`template` makes the template (POT) of a source document; `merge` updates a language's
catalogue with GNU `msgmerge --previous`, so gettext's own rules apply: a translation belongs
to its msgid (and msgctxt); a changed text gets the closest old translation as fuzzy with the
previous msgid (`#|`); translator comments and flags are kept; removed texts become obsolete
entries (`#~`) and stay there. Files are written the way msgmerge and msgcat write them
(wrapped at 79 columns), so a translator's tool and the next extract do not rewrap each
other's lines. `read` is strict: what `msgfmt --check` refuses is refused, with file and line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from build_errors import CleanFailure

from .segments import Document

PROJECT = "left-political-prisoners content"
CONTACT = "translations@solidarity.invalid"
EDITORS = f"Editorial collective <{CONTACT}>"
# Header field extract sets once a language version has reached the threshold: a published
# version stays published whatever later edits of the source do (see TRANSLATING.md).
PUBLISHED = "X-Published"
_KINDS = ("heading", "paragraph", "item", "cell", "quote", "footnote", "image-alt")
# Values gettext and Babel put into a new header for a person to fill in (msgfmt --check-header
# warns about some of them).
_PLACEHOLDERS = ("YEAR-MO-DA", "LL@li.org", "EMAIL@ADDRESS", "FULL NAME", "VERSION", "PACKAGE")


class CatalogueError(ValueError):
    """A catalogue GNU msgfmt refuses: `where` is "line N" (1-based) or "catalogue".
    `fix`: what to add to `problem` when reporting it (empty when `problem` says it)."""

    def __init__(self, path: Path, where: str, problem: str,
                 fix: str = "; fix it, then check with msgfmt --check") -> None:
        super().__init__(f"{path}: {where}: {problem}")
        self.path, self.where, self.problem, self.fix = path, where, problem, fix


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

    @property
    def shown_percent(self) -> int:
        """`percent` rounded down, as every page and table shows it: rounded to nearest, 35
        of 44 (79.5 %) read "80%" beside "published once 80% is translated" while not
        published (the threshold compares `percent` itself), and 199 of 200 read 100 %."""
        return int(self.percent)  # never negative: int() is the floor


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def template(doc: Document, source: str, title: str, category: str) -> polib.POFile:
    """The template of one document: an entry per segment, with the document, its category
    and the segment before it as extracted comments, and its source line as reference."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {"Project-Id-Version": PROJECT, "Report-Msgid-Bugs-To": CONTACT,
                    "POT-Creation-Date": now(), "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Content-Transfer-Encoding": "8bit"}
    segments = doc.segments
    for i, seg in enumerate(segments):
        comments = [f"Document: {_short(title)}"] + ([f"Category: {category}"] if category
                                                     else [])
        if i:
            comments.append(f"After: {_short(segments[i - 1].text)}")
        pot.append(polib.POEntry(msgid=seg.text, msgstr="", msgctxt=seg.context,
                                 occurrences=[(source, str(seg.line))],
                                 comment="\n".join(comments)))
    return pot


def _short(text: str, width: int = 64) -> str:
    """One comment line that no tool rewraps: `#. Label: ` plus this stays within polib's 78
    columns, so a save in polib and the next msgmerge agree on it."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def header(lang: str, created: str) -> dict[str, str]:
    """A full, honest header for a new catalogue in `lang` (no template placeholders; the
    plural rule from Babel's CLDR data)."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    name = Locale.parse(lang).english_name
    plural = get_plural(lang)
    return {"Project-Id-Version": PROJECT, "Report-Msgid-Bugs-To": CONTACT,
            "POT-Creation-Date": created, "PO-Revision-Date": created,
            "Last-Translator": EDITORS, "Language-Team": f"{name} <{CONTACT}>",
            "Language": lang, "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"}


def _header_comment(lang: str) -> str:
    from babel import Locale

    return (f"{Locale.parse(lang).english_name} translations of the site's content.\n"
            "This file is distributed under the same licence as the text it translates.")


def _needs_normalising(po: polib.POFile) -> bool:
    text = po.header + "".join(po.metadata.values())
    return (any(p in text for p in _PLACEHOLDERS) or po.header.startswith("#")
            or "Generated-By" in po.metadata or "Plural-Forms" not in po.metadata)


def normalise(po: polib.POFile, lang: str) -> polib.POFile:
    """An old catalogue's header with Babel's and gettext's placeholders replaced by real
    values (a missing revision date becomes its creation date); nothing else changes."""
    created = po.metadata.get("POT-Creation-Date") or now()
    honest = header(lang, created)
    meta = {}
    for key, value in honest.items():
        old = po.metadata.get(key, "")
        meta[key] = old if old and not any(p in old for p in _PLACEHOLDERS) else value
    meta.update({k: v for k, v in po.metadata.items()
                 if k not in meta and k != "Generated-By"})
    po.metadata = meta
    if po.header.startswith("#") or any(p in po.header for p in ("FIRST AUTHOR", "ORGANIZATION")):
        po.header = _header_comment(lang)
    return po


def relabel_positional(po: polib.POFile, pot: polib.POFile) -> bool:
    """Give entries written with the old positional msgctxt (`paragraph.3`: the third
    paragraph) the context the template gives the same text (`paragraph`), so a catalogue
    from before stable contexts keeps every translation unfuzzied. Only entries whose exact
    (msgctxt, msgid) is not in the template are touched. Returns whether anything changed."""
    wanted = {(e.msgctxt, e.msgid) for e in pot}
    have = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    free: dict[tuple[str, str], list[str]] = {}  # (kind, msgid) -> contexts not yet taken
    for e in pot:
        if (e.msgctxt, e.msgid) not in have:
            free.setdefault((e.msgctxt.split(".")[0], e.msgid), []).append(e.msgctxt)
    changed = False
    for e in po:
        found = re.fullmatch(r"([a-z-]+)\.\d+", e.msgctxt or "")
        if e.obsolete or not found or found.group(1) not in _KINDS:
            continue
        if (e.msgctxt, e.msgid) in wanted:
            continue
        slots = free.get((found.group(1), e.msgid))
        if slots:
            e.msgctxt = slots.pop(0)
            changed = True
    return changed


def _entries(po: polib.POFile) -> list[tuple]:
    """What a template contributes to each current entry: context, text, references and
    extracted comments."""
    return [(e.msgctxt, e.msgid, e.msgid_plural, tuple(e.occurrences), e.comment)
            for e in po if not e.obsolete]


def merge(pot: polib.POFile, old: Path | None, lang: str) -> str:
    """The text of `old` (a catalogue file, or None for a new one) updated to the template,
    as GNU `msgmerge --previous` writes it. Header placeholders in `old` are replaced first.
    Raises CatalogueError if `old` is refused by msgfmt (nothing is merged then)."""
    with tempfile.TemporaryDirectory(prefix="po-merge-") as tmp:
        pot_path = Path(tmp) / "template.pot"
        text = check(old) if old is not None else ""
        po = polib.pofile(text, wrapwidth=79) if old is not None else None
        if po is not None and _entries(po) == _entries(pot) and \
                po.metadata.get("POT-Creation-Date"):
            # The template did not change: its creation date stays the old one, so a
            # translator's save followed by extract changes only what they edited.
            pot.metadata["POT-Creation-Date"] = po.metadata["POT-Creation-Date"]
        pot.save(str(pot_path))
        if po is None:
            po = polib.POFile(wrapwidth=79)
            po.header = _header_comment(lang)
            po.metadata = header(lang, pot.metadata["POT-Creation-Date"])
            source = Path(tmp) / "new.po"
            po.save(str(source))
        else:
            source = old
            if _needs_normalising(po) | relabel_positional(po, pot):
                normalise(po, lang)
                source = Path(tmp) / "old.po"
                po.save(str(source))
            elif text != old.read_text(encoding="utf-8"):  # a byte-order mark or CRLF
                source = Path(tmp) / "old.po"
                source.write_text(text, encoding="utf-8")
        out = Path(tmp) / "merged.po"
        proc = _run(["msgmerge", "--quiet", "--previous", f"--lang={lang}", "-o", str(out),
                     str(source), str(pot_path)])
        if proc.returncode:
            raise CatalogueError(old or Path(lang), "catalogue", proc.stderr.strip())
        return out.read_text(encoding="utf-8")


def _run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(_gettext(args), input=stdin, capture_output=True, text=True,
                          check=False, timeout=120)


def _gettext(args: list[str]) -> list[str]:
    """``args`` if its program (msgfmt, msgmerge) is installed, else CleanFailure saying how
    to install GNU gettext (tools/install-system-deps.sh does it for `make build`)."""
    if shutil.which(args[0]) is None:
        raise CleanFailure(f"{args[0]} not found: install GNU gettext (Debian: apt-get install "
                           "gettext; `make build` does it as root)")
    return args


# The first error msgfmt names with a line (its header warnings come first and are skipped).
_MSGFMT_ERROR = re.compile(r"^[^:\n]*:(\d+):(?:\d+:)? (?!warning:)(.*)$", re.M)


def check_link(path: Path, root: str | Path) -> None:
    """Raise CatalogueError (one line: the file and the fix) when the catalogue `path` is a
    symbolic link or resolves outside `root`, its translations folder
    (safe_input.urls.link_problem, the rule content Markdown follows): it is never read,
    so no file of the build machine is copied into the site."""
    from safe_input.urls import link_problem

    link = link_problem(path, root)
    if link:
        raise CatalogueError(path, "catalogue", link, fix="")


def _input_text(path: Path) -> str:
    from safe_input.text import MAX_PO_BYTES, po_byte_order_mark, po_escape
    from safe_input.text import read as read_input
    check_link(path, path.parent)  # never read through a link
    mark = po_byte_order_mark(path)  # msgfmt refuses one: the same rule as UI catalogues
    if mark:
        raise CatalogueError(path, f"line {mark[0]}", mark[1])
    # The input rules every file obeys: size cap, UTF-8, no control characters, NFC.
    text, problems = read_input(path, MAX_PO_BYTES, "MAX_PO_BYTES")
    if text is None:
        where, problem = problems[0]
        raise CatalogueError(path, "catalogue" if where == "file" else where, problem)
    text = text.replace("\r\n", "\n")
    escape = po_escape(text)  # one rule for every catalogue (safe_input.text)
    if escape:
        raise CatalogueError(path, f"line {escape[0]}", escape[1])
    return text


def check(path: Path, text: str | None = None) -> str:
    """The catalogue's text if GNU `msgfmt --check` accepts it (CRLF line ends, which msgfmt
    accepts, made LF first; a leading byte-order mark is refused, as msgfmt does), else
    CatalogueError with the first line msgfmt names. `text`: the file's text as `_input_text`
    gave it."""
    if text is None:
        text = _input_text(path)
    # --check: formats, domain and header (a broken Plural-Forms, a missing header entry).
    proc = _run(["msgfmt", "--check", "-o", "/dev/null", "-"], text)
    if proc.returncode != 0:
        found = _MSGFMT_ERROR.search(proc.stderr)
        where, problem = (f"line {found.group(1)}", found.group(2)) if found else (
            "catalogue", proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "")
        if "end-of-line within string" in problem and found:
            # msgfmt counts the newline that ends the string as the next line's.
            where = f"line {int(found.group(1)) - 1}"
            problem = 'unterminated string (a closing " is missing)'
        raise CatalogueError(path, where, problem)
    return text


# A catalogue whose first entry is the header and whose header says UTF-8, with no `domain`
# directive of its own, can be checked together with others (check_many).
_HEADER_FIRST = re.compile(r'\A(?:[ \t]*(?:#[^\n]*)?\n)*msgid ""\nmsgstr ""\n')
_UTF8 = re.compile(r'^"Content-Type: text/plain; charset=UTF-8\\n"$', re.M | re.I)
# msgfmt reads a `domain` directive anywhere a keyword may stand (after a string, in an
# obsolete "#~" entry), not only at a line's start: any such word keeps a file out of a batch.
_DOMAIN = re.compile(r"\bdomain\b")
BATCH = 500  # catalogues per msgfmt run at most (a run costs ~3 ms, a catalogue well under 1)


def _batchable(text: str) -> bool:
    # `"domain" in text` first: a substring search costs a twentieth of the \b regex.
    return (_HEADER_FIRST.match(text) is not None
            and ("domain" not in text or _DOMAIN.search(text) is None)
            and _UTF8.search(text[:4000]) is not None)


# Where the .mo files of a batch go, to be thrown away: a folder in memory (Linux's tmpfs),
# where making a file costs the kernel a fraction of what it costs on a disk's file system
# (measured: 150 against 620 µs of system time per file made, renamed and removed, on the
# bench machine's ext4 /tmp). None: the system's temporary folder.
_SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK | os.X_OK) \
    else None


def _passes_together(texts: list[tuple[int, str]]) -> bool:
    """Whether one `msgfmt --check` run accepts every catalogue, each in its own domain."""
    stream = "".join(f'domain "c{index}"\n{text}\n' for index, text in texts)
    # With domains msgfmt writes one <domain>.mo each (an -o would merge them into one
    # and report every entry twice), so it runs in a folder thrown away afterwards. If that
    # folder is full, the run fails and its catalogues are checked alone (-o /dev/null).
    with tempfile.TemporaryDirectory(prefix="msgfmt-", dir=_SCRATCH) as tmp:
        return subprocess.run(_gettext(["msgfmt", "--check", "-"]), input=stream, cwd=tmp,
                              capture_output=True, text=True, check=False,
                              timeout=120).returncode == 0


def check_many(paths: list[Path]) -> list[str | CatalogueError]:
    """`check` for many catalogues: for each path, its text or the CatalogueError `check`
    would raise, with the same message.

    One `msgfmt --check` process per file cost 3 ms each, 30 s for the 10,000 catalogues of the
    bench at N = 2,000 (bench/results/profile-cold-2000.txt). So up to BATCH catalogues go to
    one msgfmt run, each in its own `domain` (the PO format's directive; GNU gettext manual,
    "The Format of PO Files"), so their entries never clash. msgfmt checks each domain's
    header fields and every entry as it would alone; only "the header entry is missing" is
    checked per input file, not per domain, so a catalogue is batched only when its first
    entry is the header and the header says UTF-8 and it has no `domain` line of its own.
    A failing run is split in halves, and those again, until each catalogue that fails is
    checked alone, so errors read the same, and one broken catalogue costs about
    2 log2(BATCH) more runs rather than one per catalogue of its batch."""
    results: list[str | CatalogueError | None] = [None] * len(paths)
    batch: list[tuple[int, str]] = []

    def alone(index: int, text: str | None) -> None:
        try:
            results[index] = check(paths[index], text)
        except CatalogueError as exc:
            results[index] = exc

    def settle(part: list[tuple[int, str]]) -> None:
        if len(part) == 1:
            alone(*part[0])
        elif _passes_together(part):
            for index, text in part:
                results[index] = text
        else:
            settle(part[:len(part) // 2])
            settle(part[len(part) // 2:])

    def flush() -> None:
        if batch:
            settle(list(batch))
        batch.clear()

    for index, path in enumerate(paths):
        try:
            text = _input_text(path)
        except CatalogueError as exc:
            results[index] = exc
            continue
        if _batchable(text):
            batch.append((index, text))
            if len(batch) >= BATCH:
                flush()
        else:
            alone(index, text)
    flush()
    return results  # type: ignore[return-value]


def msgstr_line(text: str, linenum: int) -> int:
    """The line of the first `msgstr` at or after polib's `linenum` (where the entry's
    comments start) in a catalogue's text; `linenum` itself if there is none."""
    lines = text.splitlines()  # as polib counts them
    for n in range(max(linenum, 1) - 1, len(lines)):
        if lines[n].startswith("msgstr"):
            return n + 1
    return linenum


def read(path: Path) -> polib.POFile:
    """The catalogue, after `check` (raises CatalogueError for what msgfmt refuses)."""
    return polib.pofile(check(path), wrapwidth=79)


_CREATED = re.compile(r'"POT-Creation-Date: [^"]*"\n')


def write(path: Path, text: str) -> bool:
    """Write the catalogue unless only its POT-Creation-Date would change, so extracting
    again does not touch a file whose entries did not change. Returns whether it wrote."""
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if _CREATED.sub("", old) == _CREATED.sub("", text):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
    return True


def extracted(po, source: str | None = None) -> list[polib.POEntry]:
    """The entries extract wrote (each has a `#:` reference to its source); entries added by
    hand carry none and never count towards the threshold. With `source` (the source file's
    path, as extract names it or absolute), only the entries own_files gives: entries
    copied from another text's catalogue (msgcat, a translation memory) keep their
    references to that text's file, and extract never wrote them here."""
    written = [e for e in po if e.occurrences]
    if source is None:
        return written
    files: dict[str, list[tuple[str, str]]] = {}
    for e in written:
        for f, _ in e.occurrences:
            files.setdefault(f, []).append((e.msgctxt or "", e.msgid))
    own = own_files(files, source)
    return [e for e in written if any(f in own for f, _ in e.occurrences)]


def own_files(files: dict[str, Collection[tuple[str, str]]], source: str) -> set[str]:
    """Of the files the `#:` references of a catalogue's extracted entries name (`files`:
    file -> (msgctxt, msgid) of the entries naming it), the ones that are the source file
    `source` (names_file); if none is (the file moved since the last extract), the ones
    named by a title entry, which extract writes for every text."""
    return ({f for f in files if names_file(source, f)}
            or {f for f, keys in files.items() if any(c == "title" for c, _ in keys)})


def names_file(source: str, reference: str) -> bool:
    """Whether a `#:` reference's file (relative to the project, as extract writes it) is
    the file `source` (the same relative path, or an absolute one ending in it)."""
    return source == reference or source.endswith("/" + reference)


def entry_table(po) -> dict[tuple[str, str], tuple[str, bool]]:
    """(msgctxt or "", msgid) -> (msgstr, fuzzy) of the catalogue's current entries (not
    obsolete; a plural entry's msgstr is empty): what the build looks segments up in."""
    return {(e.msgctxt or "", e.msgid): (e.msgstr, "fuzzy" in e.flags)
            for e in po if e.msgid and not e.obsolete}


def table_stats(table: dict[tuple[str, str], tuple[str, bool]],
                refused: Collection[tuple[str, str]] = ()) -> Stats:
    """Counts of a content catalogue's entries (`table`: entry_table) as the build uses
    them, one per entry (build.lookup, build.doc_stats): translated when not fuzzy, its
    msgstr not blank and its key not in `refused`; fuzzy when fuzzy with a msgstr (as
    msgfmt --statistics counts); else untranslated. Unlike `stats` (msgfmt's count, for UI
    catalogues), a plural entry or a msgstr of spaces is untranslated: a segment has one
    text, and the build shows the source for both."""
    translated = sum(1 for key, (string, fuzzy) in table.items()
                     if not fuzzy and string.strip() and key not in refused)
    fuzzy = sum(1 for string, fuzzy in table.values() if fuzzy and string != "")
    return Stats(translated, fuzzy, len(table) - translated - fuzzy)


def obsoleted(po) -> frozenset[tuple[str, str]]:
    """(msgctxt or "", msgid) of the catalogue's obsolete (`#~`) entries that have no current
    entry of the same key. extract (msgmerge) makes an entry obsolete only when the source
    lost its text, so one whose text is still a segment of the source was made obsolete by
    a translator's tool after the last extract: it was among the entries extract wrote
    (`extracted`), and it is not used (the source text shows)."""
    current = {(e.msgctxt or "", e.msgid) for e in po if not e.obsolete}
    return frozenset(key for e in po if e.obsolete and e.msgid
                     and (key := (e.msgctxt or "", e.msgid)) not in current)


def stats(po: polib.POFile, refused: Collection[tuple[str, str]] = (),
          template: Collection[tuple[str, str]] | None = None) -> Stats:
    """Counts of the catalogue's current (not obsolete) entries; a plural entry is translated
    when all its forms are. A translated entry whose (msgctxt or "", msgid) is in `refused`
    (one the build does not use: it shows the source text) counts as untranslated.

    With `template` ((msgctxt or "", msgid) of the template's messages: a UI catalogue's
    messages.pot, ui_i18n.catalogs.template_keys), the count is over the template's
    messages, as the site shows them: the denominator is len(template), an entry not in it
    counts for nothing (the site never asks for it: obsolete as far as it is concerned), and
    a template message with no entry is untranslated."""
    messages = [e for e in po if not e.obsolete and e.msgid
                and (template is None or (e.msgctxt or "", e.msgid) in template)]
    translated = sum(1 for e in messages if e.translated()
                     and (e.msgctxt or "", e.msgid) not in refused)
    fuzzy = sum(1 for e in messages if e.fuzzy and (e.msgstr or any(e.msgstr_plural.values())))
    total = len(messages) if template is None else len(template)
    return Stats(translated, fuzzy, total - translated - fuzzy)
