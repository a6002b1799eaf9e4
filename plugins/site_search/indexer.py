"""Runs Pagefind on the written site and puts its bundle at `<output>/pagefind/`.

Pagefind (the binary of the `pagefind[bin]` package, found as the `pagefind` package finds it:
PAGEFIND_BINARY_PATH, then pagefind_bin) is given only the pages that carry
`data-pagefind-body` (page_glob: a `--glob` matching them and nothing else, so it does not
parse the listings) and splits the index by `<html lang>`: one index per language
(https://pagefind.app/docs/multilingual/).

Cost control: the index is a function of the indexed pages' bytes, so their hash (with the
Pagefind version and options) is the key. Unchanged key and bundle: nothing runs. Only the
files the site's own search UI loads are published (the Pagefind UI, its worker and its
highlighter are not used).

Where the bundle is made: Pagefind writes into `<output>/pagefind.partial` (a sibling of the
bundle folder, so on the same file system), which finish() renames to `<output>/pagefind`
(a folder with no bundle yet: nothing copied) or moves the changed files from (an earlier
bundle there: unchanged files keep their timestamps). Pagefind writes 11,800 files at
N = 2,000; before, it wrote them into the cache and the build then copied every one into the
output (3 s of CPU, mostly in the kernel, serial at `finalized`). The cache keeps no bundle,
only a record per key (`bundles/<key>.json`: the folder the bundle ended up in, i.e.
OUTPUT_REPLACES when `invoke build` swaps a fresh folder in, and each file's size and blake2b
digest). A build of the same pages in another folder (`invoke build`'s fresh folder, any
other) copies the files from that folder into its `pagefind.partial`, checking each against
the record as it reads it (no symlink followed, nothing but published names read): a bundle
changed in its folder since, by a deploy hook, a minifier or a later build of other pages,
is not used, and Pagefind runs. Copies, never hard links, so no output shares an inode with
another folder's bundle; the cache holds no bundle file for an output to share. A build
killed while `pagefind.partial` is written leaves it, and the next build in that folder
removes it first (a symlink there is removed, never followed); a build that fails removes it
on its way out (IndexRun.cancel, at exit). What a record cannot give, as the cached copies
did: switching back to pages indexed two builds ago in the same folder reruns Pagefind (that
folder now holds the newer bundle).

Two halves: start_index() looks at the pages and, when the index must be made, starts Pagefind
(into the cache) and returns; IndexRun.finish() waits for it and brings the bundle in. The
plugin starts it as soon as every page is written (pipeline.pages_written), so Pagefind runs
beside the writer's other outputs; IndexRun.current() tells whether the pages it was given are
still the pages (else the plugin indexes them again); build_index() is both halves at once.

One Pagefind process per group of languages (language_groups, as many as the cores, at most
MAX_PROCESSES): Pagefind parses pages on every core but reads the languages, builds part of
each index and then compresses (gzip, best) and writes its 11,800 files on one thread; at
N = 2,000 that was the build's last ~3.5 s with one core idle. Each language's index is made
from that language's pages only, its files named after it, so each process is given whole
languages (its `--glob`), and merge_bundles moves their files into one bundle and writes one
entry file with every language: the bundle one process makes (fragments, index chunks,
WebAssembly identical; filters and metadata differ between any two runs, hash-map order). Two
bundles with the same language or a shared file with other bytes are not merged: one process
makes the bundle then.

Not incremental: Pagefind 1.5 rebuilds every language's index from all its pages on every run.
Its CLI has no option to update an existing bundle, and its service API (the `pagefind`
package's PagefindIndex) keeps pages in memory only (add_html_file replaces a page with the
same URL inside one running service; pagefind/src/lib.rs, fossick_one) and cannot load a written
bundle, so a new build process must hand it every page again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

import site_scheme
from safe_input import walk

BUNDLE = site_scheme.folder("search-bundle").rstrip("/")  # "pagefind"
# What theme/static/js/search.js loads: the JS API, the entry list, each language's WebAssembly,
# metadata, index chunks, fragments and filters.
PUBLISHED = re.compile(r"^(pagefind\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|"
                       r"pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)/[\w-]+\.pf_\w+)\Z")
MARK = b"data-pagefind-body"
# Bundles kept in the cache, newest first: the site and its mirror build (whose pages differ)
# and a few recent states, so switching between them does not rerun Pagefind. Pagefind 1.5.2
# writes its filter files in hash-map order, so a rerun on the same pages gives other bytes;
# reusing the bundle keeps unchanged output byte-identical.
KEEP_BUNDLES = 4
GLOB_MAX_BYTES = 100_000  # below Linux's MAX_ARG_STRLEN, 131,072 bytes per argument
# Pagefind processes at most, one per group of languages (language_groups), when the machine
# has that many cores: each compresses and writes its languages' files on one thread (the
# last seconds of a run, N = 2,000: one core busy, the other idle).
MAX_PROCESSES = 4
# Pagefind reads only the marked element (its `--root-selector`, by default `html`): every
# element it would otherwise visit outside it (the head, the header and its menus, the
# footer: about 60 % of an article page's bytes) runs its element and text handlers and is
# dropped afterwards, because a page with `data-pagefind-body` indexes that element only
# (pagefind/src/fossick/parser.rs). The theme puts everything Pagefind reads (the text, the
# search record's names, weights and filters) inside it, so the index is the same
# (tests/test_search.py, test_indexer.py); on the bench corpus at N = 2,000 Pagefind's user
# CPU went from about 17.5 to 12.5 s.
OPTIONS = ["--site", ".", "--silent", "--root-selector", f"[{MARK.decode()}]"]


@dataclass
class IndexReport:
    """What one build did: `action` is "indexed", "unchanged" or "from cache"."""

    action: str
    pages: int
    seconds: float
    pagefind_seconds: float = 0.0
    languages: dict[str, dict[str, int]] = field(default_factory=dict)  # lang: pages, bytes
    name_forms_seconds: float = 0.0  # making every person's name forms (records.name_words)

    def lines(self) -> list[str]:
        head = (f"search index: {self.pages} pages, {self.action} in {self.seconds:.2f} s"
                + (f" (pagefind {self.pagefind_seconds:.2f} s)" if self.pagefind_seconds else "")
                + f", name forms {self.name_forms_seconds:.2f} s")
        return [head] + [f"search index ({lang}): {info['pages']} pages, {info['bytes']} bytes"
                         for lang, info in sorted(self.languages.items())]


def pagefind_binary() -> Path:
    """The Pagefind executable; a clear CleanFailure when it is missing."""
    from build_errors import CleanFailure

    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    found = get_executable() if get_executable else None
    if found is None or not Path(found).exists():
        raise CleanFailure("site_search: the Pagefind binary is missing; run `make build` "
                           "(it installs pagefind[bin] from requirements.lock)")
    return Path(found)


def _version(binary: Path) -> str:
    done = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                          timeout=60)
    return done.stdout.strip()


def inputs_key(out: Path, options: list[str], version: str,
               stats: dict[str, tuple[int, int, int]] | None = None,
               langs: dict[str, str | None] | None = None,
               ) -> tuple[str, list[str], list[str]]:
    """(hash of every page Pagefind will index, with the options and version; those pages'
    paths relative to `out`, "/"-separated, sorted; the other HTML files' paths). Only files
    that carry `data-pagefind-body` count: the pages the theme marks (articles, pages,
    profiles, case pages), never a listing. `stats`, when given, gets what html_stats()
    gives for every HTML file read (from the open file: no second walk); `langs` gets each
    marked page's language (page_language)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((version, options)).encode())
    pages: list[str] = []
    others: list[str] = []
    for rel, path in walk.files(str(out)):
        if rel.endswith(".html"):
            with open(path, "rb") as handle:
                data = handle.read()
                if stats is not None:
                    st = os.fstat(handle.fileno())
                    stats[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
            if MARK not in data:
                others.append(rel)
                continue
            digest.update(rel.encode() + b"\0")
            digest.update(hashlib.blake2b(data, digest_size=20).digest())
            pages.append(rel)
            if langs is not None:
                langs[rel] = page_language(data)
    return digest.hexdigest(), pages, others


_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z][\w-]*)", re.IGNORECASE)


def page_language(data: bytes) -> str | None:
    """The base language of a page (`<html lang>` up to its first "-", lower case: "pt-BR"
    gives "pt"), or None when its first 4 KB hold no `<html>` with a `lang`. Coarser than
    Pagefind's own grouping (one index per `<html lang>` value), never finer: pages that
    share an index share this value too, which is what language_groups needs."""
    found = _HTML_LANG.search(data, 0, 4096)
    return found.group(1).split(b"-")[0].decode("ascii").lower() if found else None


def language_groups(langs: dict[str, str | None], sizes: dict[str, int],
                    count: int) -> list[list[str]] | None:
    """The marked pages (`langs`: page: page_language) in at most `count` groups of whole
    languages, balanced by their bytes (`sizes`; largest language first into the lightest
    group), for one Pagefind process each; None when they cannot be split (one group, or a
    page without a language: Pagefind adds those to the site's main language, a choice
    made across languages). Each process then makes only its languages' indexes, which are
    independent of each other's (one per language, https://pagefind.app/docs/multilingual/:
    their files are named after the language), so the bundles merged (merge_bundles) are
    the bundle one process makes; what the split saves is wall time: Pagefind compresses
    and writes every file, and reads the languages, on one thread."""
    if count < 2 or any(lang is None for lang in langs.values()):
        return None
    weight: dict[str, int] = {}
    for rel, lang in langs.items():
        weight[lang] = weight.get(lang, 0) + sizes.get(rel, 0) + 1
    if len(weight) < 2:
        return None
    bins: list[tuple[int, list[str]]] = [(0, []) for _ in range(min(count, len(weight)))]
    for lang in sorted(weight, key=lambda lang: (-weight[lang], lang)):
        index = min(range(len(bins)), key=lambda i: (bins[i][0], i))
        bins[index] = (bins[index][0] + weight[lang], [*bins[index][1], lang])
    members = [set(chosen) for _total, chosen in bins]
    return [[rel for rel in sorted(langs) if langs[rel] in chosen] for chosen in members]


class MergeError(Exception):
    """Two Pagefind processes' bundles overlap (a language, or a file with other bytes)."""


def merge_bundles(target: Path, parts: list[Path]) -> None:
    """Move the files of the bundles `parts` (each made by one Pagefind process from some
    languages' pages) into the bundle `target` (made likewise from other languages), and
    write `target`'s pagefind-entry.json with every bundle's languages. The files every
    bundle holds (the JS API, the generic WebAssembly) must be byte-identical; every other
    file is named after its language. Removes each part. Raises MergeError when two bundles
    hold the same language or a file name with other bytes (the caller then runs one
    Pagefind), OSError when a file cannot be read or moved."""
    entry_file = target / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for part in parts:
        other = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        if {k: v for k, v in other.items() if k != "languages"} != \
                {k: v for k, v in entry.items() if k != "languages"}:
            raise MergeError("the bundles were made with other versions or options")
        shared = set(other["languages"]) & set(entry["languages"])
        if shared:
            raise MergeError(f"languages in two bundles: {', '.join(sorted(shared))}")
        entry["languages"].update(other["languages"])
        for rel, path in walk.files(str(part)):
            if rel == "pagefind-entry.json":
                continue
            dest = target / rel
            if os.path.lexists(dest):
                with open(dest, "rb") as mine, open(path, "rb") as theirs:
                    if mine.read() != theirs.read():
                        raise MergeError(f"{rel} differs between the bundles")
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.rename(path, dest)
        _remove_staging(part)
    # As Pagefind writes it (serde_json: compact, non-ASCII as it is).
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _glob_literal(text: str) -> str:
    # Any character but a letter, digit, "_", ".", "-" becomes "?" (any one character): no
    # need to know which characters wax, Pagefind's glob library, treats as syntax. A "?" may
    # match an unmarked sibling, which Pagefind then parses and drops: slower, never wrong.
    return re.sub(r"[^\w.-]", "?", text)


def page_glob(pages: list[str], others: list[str]) -> str:
    """A `--glob` for Pagefind that matches `pages` and none of `others` (paths relative to
    the site; exactly so when their names hold only letters, digits, "_", "." and "-", as the
    site's slugs do). Pagefind parses every file its glob matches (default
    `**/*.{html}`) and drops the pages without `data-pagefind-body` only afterwards
    (pagefind/src/lib.rs, build_indexes), so on the whole output it would parse every listing,
    feed archive page and letter sheet too. Siblings `<dir>/<name>/<file>` become
    `<dir>/*/<file>` when that matches no other HTML file; the rest are named one by one."""
    def shape(rel: str) -> str | None:
        parts = rel.split("/")
        return "/".join([*map(_glob_literal, parts[:-2]), "*", _glob_literal(parts[-1])]) \
            if len(parts) >= 2 else None

    blocked = {shape(rel) for rel in others} - {None}
    patterns: set[str] = set()
    for rel in pages:
        wide = shape(rel)
        patterns.add(wide if wide is not None and wide not in blocked
                     else "/".join(map(_glob_literal, rel.split("/"))))
    return "{" + ",".join(sorted(patterns)) + "}"


def _bundle_files(folder: Path) -> dict[str, str]:
    """{path relative to `folder`, "/"-separated: its absolute path} of the published files,
    in sorted order (os.walk with strings: a bundle holds a file per indexed page)."""
    found: dict[str, str] = {}
    for rel, path in walk.files(str(folder)):
        if PUBLISHED.match(rel):
            found[rel] = path
    return found


# Pagefind names these files after a hash of their bytes (fragment, index and filter chunks,
# each language's metadata): the same name means the same bytes.
CONTENT_ADDRESSED = re.compile(r"\.pf_(fragment|index|filter|meta)$")


def _same(dest: str, source: str, rel: str) -> bool:
    try:
        mine = os.lstat(dest)
        if mine.st_nlink > 1 or os.path.samefile(dest, source):
            # A hard link (an older build linked the output to its cached bundle): replaced
            # by a file of its own, so nothing written elsewhere reaches the output.
            return False
        if mine.st_size != os.stat(source).st_size:
            return False
    except OSError:
        return False
    if CONTENT_ADDRESSED.search(rel):
        return True
    with open(dest, "rb") as mine, open(source, "rb") as theirs:
        return mine.read() == theirs.read()


def _place(staging: Path, target: Path) -> None:
    """Make `target` (`<output>/pagefind`) hold exactly the files of `staging` (its sibling
    `<output>/pagefind.partial`, on the same file system, holding only published files) and
    remove `staging`. With no `target` yet (a first build, a fresh folder) `staging` is
    renamed to it: the bundle appears whole or not at all, and no file is copied. Otherwise
    each changed file is moved over its old version and files no longer made are removed; a
    file whose bytes did not change stays as it is, with its timestamp (static hosts' ETag
    and Last-Modified, rsync). Symlinks at or under `target` are removed first, never
    followed (see _unlink_links). Raises OSError when a file cannot be moved."""
    _unlink_links(target)
    if not os.path.lexists(target):
        os.rename(staging, target)
        return
    wanted = _bundle_files(staging)
    for rel, path in wanted.items():
        dest = os.path.join(target, rel)
        if _same(dest, path, rel):
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.replace(path, dest)
    for folder, _dirs, files in os.walk(target, topdown=False):
        rel_root = os.path.relpath(folder, target)
        prefix = "" if rel_root == "." else rel_root.replace(os.sep, "/") + "/"
        for name in files:
            if prefix + name not in wanted:
                os.remove(os.path.join(folder, name))
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)
    _remove_staging(staging)


def _unlink_links(target: Path) -> None:
    """Remove every symlink at or under `target` (the links only, never what they point at):
    the bundle is made of regular files, so a link there was put by someone else, and writing
    or removing the bundle's files through it would reach a folder outside the output."""
    if os.path.islink(target):
        os.remove(target)
        return
    for folder, dirs, files in os.walk(target):  # links to folders are listed, not entered
        for name in (*dirs, *files):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.remove(path)
        dirs[:] = [name for name in dirs if os.path.isdir(os.path.join(folder, name))]


def _remove_staging(staging: Path) -> None:
    """Remove `<output>/pagefind.partial` (an unfinished bundle: a build killed or failed
    while Pagefind wrote it): a symlink there is removed, never followed; shutil.rmtree
    removes the links inside a folder, not what they point at."""
    if os.path.islink(staging):
        os.remove(staging)
    else:
        shutil.rmtree(staging, ignore_errors=True)


def _keep_published(staging: Path) -> dict[str, list]:
    """Remove from `staging` the files Pagefind writes that the site does not publish (its
    default UI, worker, highlighter) and return {path relative to `staging`: [size, blake2b
    digest]} of the rest: the record a later build checks the files against before it copies
    them (_copy_recorded). Reads every file once (about 0.3 s CPU for 11,800 files, 50 MB)."""
    record: dict[str, list] = {}
    for rel, path in walk.files(str(staging)):
        if not PUBLISHED.match(rel):
            os.remove(path)
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        record[rel] = [len(data), hashlib.blake2b(data, digest_size=20).hexdigest()]
    return record


def _copy_recorded(record: dict, staging: Path) -> bool:
    """Copy the bundle `record` names (`{"bundle": folder, "files": {rel: [size, digest]}}`,
    written by the build that made it) from that folder into `staging`, checking every file
    against its size and digest as it is read: a bundle changed in its folder since (by a
    deploy hook, a minifier, a later build with other pages) is not used. Files are opened
    without following a symlink, copied rather than linked (the new output shares no inode
    with another folder's bundle), and only names that the site publishes are accepted.
    Returns False, leaving no `staging`, when any file is missing or differs (or cannot be
    copied); the caller then runs Pagefind."""
    source = record.get("bundle")
    files = record.get("files")
    # Only a folder reached without a symlink on the way (O_NOFOLLOW guards the last name
    # only), and a whole bundle (its entry file is what the search loads first).
    if not isinstance(source, str) or not isinstance(files, dict) \
            or "pagefind-entry.json" not in files or not os.path.isabs(source) \
            or os.path.realpath(source) != os.path.normpath(source):
        return False
    made: set[str] = set()
    try:
        for rel, (size, digest) in sorted(files.items()):
            if not PUBLISHED.match(rel):
                raise ValueError(rel)
            fd = os.open(os.path.join(source, rel),
                         os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # no link, no FIFO wait
            with open(fd, "rb") as handle:
                found = os.fstat(fd)
                # A regular file of the recorded size, not linked from elsewhere (a hard link
                # to a file outside the bundle would pass a digest its record names).
                if not S_ISREG(found.st_mode) or found.st_nlink != 1 \
                        or found.st_size != size:
                    raise ValueError(rel)
                data = handle.read(size + 1)
            if len(data) != size or \
                    hashlib.blake2b(data, digest_size=20).hexdigest() != digest:
                raise ValueError(rel)
            dest = os.path.join(staging, rel)
            folder = os.path.dirname(dest)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(dest, "xb") as out:
                out.write(data)
    except (OSError, ValueError, TypeError):
        _remove_staging(staging)
        return False
    return True


def _prune(folder: Path, keep: int) -> None:
    """Keep the `keep` most recently used records in `folder`; remove older ones and the
    bundle copies an earlier version of this plugin kept there (folders)."""
    entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    records = [p for p in entries if p.suffix == ".json" and p.is_file()]
    for old in records[keep:]:
        old.unlink(missing_ok=True)
    for stale in entries:
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _read_json(path: Path) -> dict:
    """The object in the JSON file `path`; {} when it is missing or not a JSON object."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _digest_file(path: Path) -> str | None:
    return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest() \
        if path.is_file() else None


def languages(bundle: Path) -> dict[str, dict[str, int]]:
    """{lang: {"pages": n, "bytes": size of the files a reader of that language may load}}
    from pagefind-entry.json and the bundle's file names: the files named with the language's
    hash (its metadata), the index, fragment and filter files named `<lang>_…`, and its
    WebAssembly. One listing of the bundle (a file per indexed page)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    files: list[tuple[str, str, int]] = []  # (folder relative to the bundle, name, bytes)
    base = str(bundle)
    for folder, _dirs, names in os.walk(base):
        rel = os.path.relpath(folder, base)
        files += [(rel, name, os.stat(os.path.join(folder, name)).st_size) for name in names]
    sizes: dict[str, dict[str, int]] = {}
    for lang, info in entry["languages"].items():
        wasm = f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
        total = sum(size for rel, name, size in files
                    if info["hash"] in name or (rel == "." and name == wasm)
                    or (rel in ("index", "fragment", "filter") and name.startswith(f"{lang}_")))
        sizes[lang] = {"pages": int(info.get("page_count", 0)), "bytes": total}
    return sizes


def html_stats(out: Path) -> dict[str, tuple[int, int, int]]:
    """{path of every .html file under `out`, relative, "/"-separated: (size, mtime in ns,
    inode)}: what tells whether a page was written again since (the writer replaces a file
    only when its bytes change, by moving a new file over it)."""
    found: dict[str, tuple[int, int, int]] = {}
    for rel, path in walk.files(str(out)):
        if rel.endswith(".html"):
            try:
                st = os.stat(path)
            except OSError:
                continue
            found[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


@dataclass
class IndexRun:
    """The index of the pages as they were when start_index looked at them: Pagefind running
    (action "indexed"), or the bundle found unchanged or in the cache. `finish()` puts the
    bundle into the output; `cancel()` stops Pagefind and removes what it wrote."""

    out: Path
    settings: dict
    action: str
    key: str
    marked: list[str]
    seen: dict[str, tuple[int, int, int]]
    seconds: float  # spent by start_index
    final: Path | None = None  # the folder the output ends up as (OUTPUT_REPLACES or out)
    record_file: Path | None = None  # CACHE_PATH/site-search/bundles/<key>.json
    record: dict | None = None
    state_file: Path | None = None
    # Pagefind, one process per group of languages (language_groups); the first writes into
    # `fresh`, each other one into `fresh`/part-<n>/, merged into it by finish().
    processes: list[subprocess.Popen] = field(default_factory=list)
    parts: list[Path] = field(default_factory=list)
    fresh: Path | None = None  # <output>/pagefind.partial, while it is being made
    log: object = None  # Pagefind's stdout and stderr (a temporary file: never a full pipe)
    started_at: float = 0.0  # time.time() when Pagefind started
    glob: str | None = None  # every marked page (page_glob), for one Pagefind process
    env: dict[str, str] = field(default_factory=dict)  # Pagefind's environment

    def current(self) -> bool:
        """Whether every page Pagefind indexes is still what it was at the start: no marked
        page written again or removed, no page that carries the mark added since."""
        now = html_stats(self.out)
        marked = set(self.marked)
        if any(now.get(rel) != self.seen[rel] for rel in marked):
            return False
        for rel, stat in now.items():
            if rel not in marked and self.seen.get(rel) != stat:
                with open(self.out / rel, "rb") as handle:
                    if MARK in handle.read():
                        return False
        return True

    def cancel(self) -> None:
        """Stop Pagefind (a build that failed, or pages that changed after it started) and
        remove its unfinished bundle."""
        import atexit

        atexit.unregister(self.cancel)
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        if self.fresh is not None:
            _remove_staging(self.fresh)
        if self.log is not None:
            self.log.close()
        self.processes, self.parts = [], []
        self.fresh = self.log = None

    def start(self, env: dict[str, str], groups: list[list[str]] | None,
              others: list[str]) -> None:
        """Start Pagefind on the marked pages, into `fresh`: one process per group of pages
        (language_groups) when there are groups and each one's glob fits in an argument,
        else one process for all (`self.glob`; none when even that does not fit, and
        Pagefind reads every page: the same marked pages are indexed)."""
        binary = pagefind_binary()
        chosen: list[list[str]] = [["--glob", self.glob]] if self.glob else [[]]
        if groups and self.glob:
            globs = []
            for pages in groups:
                chosen_pages = set(pages)
                globs.append(page_glob(pages, others + [rel for rel in self.marked
                                                        if rel not in chosen_pages]))
            if all(len(glob.encode()) < GLOB_MAX_BYTES for glob in globs):
                chosen = [["--glob", glob] for glob in globs]
        if self.log is None:
            self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish() or cancel())
        self.started_at = time.time()
        self.parts = [self.fresh / f"part-{n}" for n in range(1, len(chosen))]
        for args, dest in zip(chosen, [self.fresh, *self.parts], strict=True):
            self.processes.append(subprocess.Popen(
                [str(binary), *OPTIONS, *args, "--output-path", str(dest)], cwd=self.out,
                env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT))

    def finish(self) -> IndexReport:
        """Wait for Pagefind if it runs, put the bundle made in `<output>/pagefind.partial`
        (by Pagefind, or copied from the folder a record names) at `<output>/pagefind/` and
        record its files in the cache. Raises CleanFailure when Pagefind failed."""
        import atexit

        from build_errors import CleanFailure

        began = time.perf_counter()
        bundle = self.out / BUNDLE
        pages = len(self.marked)
        if self.action == "nothing to index":
            # Nothing the theme marks for search (a site with no text, page or profile yet):
            # Pagefind refuses to write an empty index, so there is none and the search page
            # shows its links instead.
            shutil.rmtree(bundle, ignore_errors=True)
            return IndexReport(self.action, 0, self.seconds + time.perf_counter() - began)
        if self.action == "unchanged":
            return IndexReport(self.action, pages, self.seconds + time.perf_counter() - began,
                               languages=languages(bundle))
        pagefind_s = 0.0
        atexit.unregister(self.cancel)
        if self.action == "indexed":
            deadline = time.monotonic() + 3600
            codes = []
            for process in self.processes:
                try:
                    codes.append(process.wait(timeout=max(1.0, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    self.cancel()
                    raise CleanFailure("site_search: Pagefind ran for an hour and was "
                                       "stopped") from None
            fresh = self.fresh
            entries = [folder / "pagefind-entry.json" for folder in [fresh, *self.parts]]
            code = next((c for c in codes if c != 0), 0)
            if code != 0 or not all(entry.is_file() for entry in entries):
                self.log.seek(0)
                output = self.log.read().decode("utf-8", errors="replace")
                self.log.close()
                _remove_staging(fresh)
                self.fresh, self.processes, self.log = None, [], None
                tail = " ".join(output.split())[-500:]
                raise CleanFailure(f"site_search: Pagefind failed (exit {code}): {tail}")
            # Pagefind writes its entry file last: when it finished, even if the build was
            # busy with other outputs then.
            pagefind_s = max(0.0, max(e.stat().st_mtime for e in entries) - self.started_at)
            self.processes = []
            try:
                merge_bundles(fresh, self.parts)
            except MergeError:
                # Not expected (language_groups keeps each language in one group): one
                # Pagefind for every page, as without groups.
                _remove_staging(fresh)
                self.start(self.env, None, [])
                atexit.register(self.cancel)
                return self.finish()
            self.parts = []
            self.log.close()
            self.log = None
            self.record = {"files": _keep_published(fresh)}
        # The bundle stays where it was made: the output. The cache keeps only the record of
        # its files; a later build of the same pages in another folder copies them from here.
        self.record["bundle"] = str(self.final / BUNDLE)
        _place(self.fresh, bundle)
        self.fresh = None
        self.record_file.parent.mkdir(parents=True, exist_ok=True)
        self.record_file.write_text(json.dumps(self.record), encoding="utf-8")
        _prune(self.record_file.parent, keep=KEEP_BUNDLES)
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps({"key": self.key, "entry": _digest_file(
            bundle / "pagefind-entry.json")}), encoding="utf-8")
        return IndexReport(self.action, pages, self.seconds + time.perf_counter() - began,
                           pagefind_s, languages(bundle))


def start_index(output_path: str | os.PathLike, settings: dict) -> IndexRun:
    """Look at the pages of the site at `output_path` and decide what their index needs
    (see the module docstring); when Pagefind must run, start it and return at once (it
    writes into `<output>/pagefind.partial`, which finish() puts in place). Raises
    CleanFailure when Pagefind is missing."""
    import atexit

    started = time.perf_counter()
    out = Path(output_path).resolve()
    bundle = out / BUNDLE
    binary = pagefind_binary()
    options = OPTIONS
    seen: dict[str, tuple[int, int, int]] = {}
    langs: dict[str, str | None] = {}
    key, marked, others = inputs_key(out, options, _version(binary), seen, langs)
    run = IndexRun(out, settings, "indexed", key, marked, seen, 0.0)
    if not marked:
        run.action = "nothing to index"
        run.seconds = time.perf_counter() - started
        return run
    cache = Path(settings.get("CACHE_PATH") or "cache") / "site-search"
    # Named after the folder the output ends up in: `invoke build` builds into a fresh folder
    # and swaps it in as OUTPUT_REPLACES, so a state named after the fresh one is never read.
    final = Path(settings.get("OUTPUT_REPLACES") or out).resolve()
    run.state_file = cache / (hashlib.blake2b(str(final).encode(), digest_size=8).hexdigest()
                              + ".json")
    run.final = final
    state = _read_json(run.state_file)
    run.record_file = cache / "bundles" / f"{key}.json"
    staging = out / f"{BUNDLE}.partial"
    _remove_staging(staging)  # left by a build that was killed, whatever this build does
    if state.get("key") == key and state.get("entry") == _digest_file(
            bundle / "pagefind-entry.json"):
        run.action = "unchanged"
        run.seconds = time.perf_counter() - started
        return run
    run.fresh = staging
    run.record = _read_json(run.record_file)
    # A build that fails before finish() (another output's error) removes the unfinished
    # bundle (and stops Pagefind) on its way out.
    atexit.register(run.cancel)
    if _copy_recorded(run.record, staging):
        run.action = "from cache"
    else:
        cache.mkdir(parents=True, exist_ok=True)
        # Pagefind also reads PAGEFIND_* variables and pagefind.{yml,toml,json} in its working
        # folder; neither may change what the build indexes.
        run.env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        glob = page_glob(marked, others)
        # Linux refuses one argument over 128 KiB (MAX_ARG_STRLEN); past that Pagefind reads
        # every page and indexes the same marked ones (only they carry data-pagefind-body).
        run.glob = glob if len(glob.encode()) < GLOB_MAX_BYTES else None
        groups = language_groups(langs, {rel: seen[rel][0] for rel in marked},
                                 min(os.cpu_count() or 1, MAX_PROCESSES))
        run.start(run.env, groups, others)
    run.seconds = time.perf_counter() - started
    return run


def remove_bundle(output_path: str | os.PathLike) -> int:
    """Remove the bundle an earlier build put at `<output>/pagefind/` (SEARCH_INDEX turned
    off: readers must not search an index of pages that may have been taken down), with the
    folders that leaves empty. Only regular files inside the folder go: a symlink (the folder
    itself, or one in it) is not followed, and not removed. Returns how many files went."""
    bundle = os.path.join(os.fspath(output_path), BUNDLE)
    if os.path.islink(bundle) or not os.path.isdir(bundle):
        return 0
    removed = 0
    for folder, _dirs, files in os.walk(bundle, topdown=False):  # symlinked folders: not entered
        for name in files:
            path = os.path.join(folder, name)
            if S_ISREG(os.lstat(path).st_mode):
                os.remove(path)
                removed += 1
        if not os.listdir(folder):
            os.rmdir(folder)
    return removed


def build_index(output_path: str | os.PathLike, settings: dict) -> IndexReport:
    """Index the site at `output_path` (see the module docstring) and wait for it. Raises
    CleanFailure when Pagefind is missing or fails."""
    return start_index(output_path, settings).finish()
