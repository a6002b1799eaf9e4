"""What the build needs from a content catalogue (its counts and its translations), read once
per change of the file: kept in memory for the build and on disk between builds, keyed by the
file's modification time and size. A catalogue that failed to parse is never cached, so its
error is reported on every build until it is fixed."""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

import pipeline

from . import po_parse
from .catalogs import (
    PUBLISHED,
    CatalogueError,
    Stats,
    check,
    check_many,
    entry_table,
    extracted,
    obsoleted,
    stats,
)

VERSION = 11  # bump when Summary or the rendered tuple changes shape, or what fills it


@dataclass(frozen=True)
class Summary:
    stats: Stats  # of the catalogue's own current entries
    table: dict[tuple[str, str], tuple[str, bool]]  # (msgctxt, msgid) -> (msgstr, fuzzy)
    translator: str = ""  # Last-Translator
    published: bool = False  # the catalogue says this version has been published
    # (msgctxt, msgid, problem) of entries whose translation changed a link target (checks.py)
    problems: tuple[tuple[str, str, str], ...] = ()
    # (msgctxt, msgid) of the current entries extract wrote (catalogs.extracted), by the file
    # their `#:` references name: the source as of the last extract is the entries naming
    # the source's own file (an entry copied from another text's catalogue names that one).
    extracted_keys: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    # (msgctxt, msgid) of obsolete entries with no current entry (catalogs.obsoleted).
    obsolete_keys: frozenset[tuple[str, str]] = frozenset()


_memo: dict[str, tuple[tuple[int, int], Summary]] = {}
# A published catalogue version's (html, title, summary, fuzzy), by catalogue path, with the
# key it was made under: the source's and the catalogue's stamps and the Markdown settings.
_rendered: dict[str, tuple[object, tuple]] = {}
# The refused entries (build.refused_entries) of a catalogue, by path, with their key.
_refused: dict[str, tuple[object, dict]] = {}
# The block checks (checks.block_problems) of a catalogue against its source, by path.
_blocks: dict[str, tuple[object, tuple]] = {}
_state = {"loaded": None, "dirty": False}


def _remembered(store: dict, path: Path, key: object, make) -> object:
    """`store`'s value for `path`, made again (`make()`) only when `key` changed; a new one
    marks the cache to be saved."""
    hit = store.get(str(path))
    if hit is not None and hit[0] == key:
        return hit[1]
    result = make()
    store[str(path)] = (key, result)
    _state["dirty"] = True
    return result


def block_checks(path: Path, key: object, make) -> tuple:
    """The catalogue's block checks against its source, made again (`make()`) only when
    `key` (both files' stamps, the Markdown settings, the code) changed."""
    return _remembered(_blocks, path, key, make)


def refusals(path: Path, key: object, make) -> dict:
    """The catalogue's refused entries, found again (`make()`) only when `key` changed: the
    check renders a msgstr with Markdown, so it is remembered between builds."""
    return _remembered(_refused, path, key, make)


# What `rendered` made since `made()` was last called: (path, (key, rendering)).
_made: list[tuple[str, tuple[object, tuple]]] = []


def rendered(path: Path, key: object, make) -> tuple:
    """The rendered version for this catalogue, made again only when `key` changed."""
    hit = _rendered.get(str(path))
    result = _remembered(_rendered, path, key, make)
    if hit is None or hit[0] != key:
        _made.append((str(path), (key, result)))
    return result


def made() -> list[tuple[str, tuple[object, tuple]]]:
    """The renderings made since the last call, as (catalogue path, (key, rendering)), and
    forgets them: what work done in another process hands back to `keep`."""
    found = _made[:]
    _made.clear()
    return found


def keep(renderings: list[tuple[str, tuple[object, tuple]]]) -> None:
    """Remember renderings `made` gave (in this process or another one)."""
    for path, entry in renderings:
        _rendered[path] = entry
        _state["dirty"] = True


def stamp(path: Path) -> tuple[int, int]:
    return _stamp(path)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def cached(path: Path, stamp: tuple[int, int] | None = None) -> Summary | None:
    """The summary if the file is unchanged since it was last read successfully. `stamp`:
    the file's `stamp(path)` if the caller has it."""
    hit = _memo.get(str(path))
    return hit[1] if hit and hit[0] == (stamp or _stamp(path)) else None


def _summary(po) -> Summary:
    table = entry_table(po)
    from .checks import link_target_problems

    written: dict[str, set[tuple[str, str]]] = {}
    for e in extracted(po):
        if e.msgid and not e.obsolete:
            for file, _line in e.occurrences:
                written.setdefault(file, set()).add((e.msgctxt or "", e.msgid))
    return Summary(stats(po), table, po.metadata.get("Last-Translator", ""),
                   po.metadata.get(PUBLISHED, "").lower() == "yes",
                   tuple(link_target_problems(po)),
                   {file: frozenset(keys) for file, keys in written.items()}, obsoleted(po))


def _parse(text: str) -> po_parse.Catalogue | polib.POFile:
    """The catalogue's entries from its text as `catalogs.check` gave it (already decoded):
    po_parse reads them as polib does at a third of the cost, and leaves to polib what it
    does not copy."""
    return po_parse.read(text)


def summarise(path: Path) -> Summary:
    """Check and parse the catalogue (raises CatalogueError on a broken one) and remember the
    result."""
    text = check(path)
    try:
        po = _parse(text)
    except OSError as exc:
        # What msgfmt accepts and polib still refuses (its "Syntax error in po file (line
        # N)"): one line for the translator, not a traceback.
        found = re.search(r"\(line (\d+)\)", str(exc))
        if found:  # polib counts str.splitlines() lines; the editor counts "\n" lines
            before = text.splitlines(keepends=True)[:int(found.group(1)) - 1]
            where = f"line {text.count(chr(10), 0, sum(map(len, before))) + 1}"
        raise CatalogueError(path, where if found else "catalogue",
                             "a line the site's catalogue reader cannot read; compare it "
                             "with the lines around it (an invisible character?)") from exc
    result = _summary(po)
    _memo[str(path)] = (_stamp(path), result)
    _state["dirty"] = True
    return result


# Catalogues per item of the prefetch: one msgfmt run checks them (catalogs.check_many), and
# enough items are left for every core to take a share.
CHUNK = 200


def prefetch(folder: Path, settings: dict) -> None:
    """Summarise every catalogue under `folder` that is not cached (the performance layer may
    use every core). A broken one is left out: versions_for reads it again and reports the
    problem."""
    from safe_input.urls import link_problem

    # A link is never read (versions_for and the registry's tables report it).
    todo = [p for p in sorted(folder.glob("**/*.po"))
            if link_problem(p, folder) is None and cached(p) is None]
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]

    def chunk(paths: list[Path]) -> list:
        found = []
        for path, text in zip(paths, check_many(paths), strict=True):
            try:
                if isinstance(text, Exception):
                    raise text
                found.append((_stamp(path), _summary(_parse(text))))
            except Exception:  # noqa: BLE001 (reported by versions_for)
                found.append(None)
        return found

    results = [r for part in pipeline.each("catalogue summaries", chunk, chunks, settings,
                                           documents=len(todo))
               for r in part]
    for path, result in zip(todo, results, strict=True):
        if result is not None:
            _memo[str(path)] = result
            _state["dirty"] = True


def load(cache_dir: str) -> None:
    file = os.path.join(cache_dir, "content-catalogues.pickle")
    if _state["loaded"] == file:
        return
    _state["loaded"] = file
    try:
        with open(file, "rb") as fp:
            version, data = pickle.load(fp)
        if version == VERSION:
            _memo.update(data["summaries"])
            _rendered.update(data["rendered"])
            _refused.update(data["refused"])
            _blocks.update(data["blocks"])
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        pass  # first build, or an older cache: read everything


def save(cache_dir: str) -> None:
    if not _state["dirty"]:
        return
    live = {"summaries": {p: v for p, v in _memo.items() if os.path.exists(p)},
            "rendered": {p: v for p, v in _rendered.items() if os.path.exists(p)},
            "refused": {p: v for p, v in _refused.items() if os.path.exists(p)},
            "blocks": {p: v for p, v in _blocks.items() if os.path.exists(p)}}
    os.makedirs(cache_dir, exist_ok=True)
    file = os.path.join(cache_dir, "content-catalogues.pickle")
    with open(file + ".partial", "wb") as fp:
        pickle.dump((VERSION, live), fp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(file + ".partial", file)
    _state["dirty"] = False
