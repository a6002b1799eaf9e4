"""Runs Pagefind on the written site and puts its bundle at `<output>/pagefind/`.

Pagefind (the binary of the `pagefind[bin]` package, found as the `pagefind` package finds it:
PAGEFIND_BINARY_PATH, then pagefind_bin) is given only the pages that carry
`data-pagefind-body` (page_glob: a `--glob` matching them and nothing else, so it does not
parse the listings) and splits the index by `<html lang>`: one index per language
(https://pagefind.app/docs/multilingual/).

Cost control: the index is a function of the indexed pages' bytes, so their hash (with the
Pagefind version and options) is the key. Unchanged key and bundle: nothing runs. A fresh output
folder with the same pages (`invoke build`) gets the bundle from the cache. Only the files the
site's own search UI loads are published (the Pagefind UI, its worker and its highlighter are
not used), copied from the cached bundle (never hard-linked: the output must not share inodes
with the cache), and a file is replaced only when its bytes changed.

Two halves: start_index() looks at the pages and, when the index must be made, starts Pagefind
(into the cache) and returns; IndexRun.finish() waits for it and brings the bundle in. The
plugin starts it as soon as every page is written (pipeline.pages_written), so Pagefind runs
beside the writer's other outputs; IndexRun.current() tells whether the pages it was given are
still the pages (else the plugin indexes them again); build_index() is both halves at once.

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
                       r"pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)/[\w-]+\.pf_\w+)$")
MARK = b"data-pagefind-body"
# Bundles kept in the cache, newest first: the site and its mirror build (whose pages differ)
# and a few recent states, so switching between them does not rerun Pagefind. Pagefind 1.5.2
# writes its filter files in hash-map order, so a rerun on the same pages gives other bytes;
# reusing the bundle keeps unchanged output byte-identical.
KEEP_BUNDLES = 4
GLOB_MAX_BYTES = 100_000  # below Linux's MAX_ARG_STRLEN, 131,072 bytes per argument
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
               ) -> tuple[str, list[str], list[str]]:
    """(hash of every page Pagefind will index, with the options and version; those pages'
    paths relative to `out`, "/"-separated, sorted; the other HTML files' paths). Only files
    that carry `data-pagefind-body` count: the pages the theme marks (articles, pages,
    profiles, case pages), never a listing. `stats`, when given, gets what html_stats()
    gives for every HTML file read (from the open file: no second walk)."""
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
    return digest.hexdigest(), pages, others


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
        if os.path.samefile(dest, source):
            return False  # a hard link from an older build: replaced by a copy of its own
        if os.stat(dest).st_size != os.stat(source).st_size:
            return False
    except OSError:
        return False
    if CONTENT_ADDRESSED.search(rel):
        return True
    with open(dest, "rb") as mine, open(source, "rb") as theirs:
        return mine.read() == theirs.read()


def _sync(source: Path, target: Path) -> None:
    """Make `target` hold exactly the published files of `source`, replacing only changed
    files and removing the ones no longer there. A file is brought in as a copy, never a hard
    link: a link would let anything that writes into the output in place (a deploy hook, a
    minifier) change the cached bundle and every later build's copy of it. With no `target`
    yet (a first build, a fresh folder) the files are copied into `<target>.partial` and that
    folder is moved in at once: no file to compare, and a copy that fails leaves no half a
    bundle. Raises OSError when a file cannot be copied."""
    wanted = _bundle_files(source)
    _unlink_links(target)
    if not os.path.lexists(target):
        _copy_whole(wanted, target)
        return
    for rel, path in wanted.items():
        dest = os.path.join(target, rel)
        # Pagefind runs after the writer (plugins/site_writer) has finished, so its files are
        # kept here: a file whose bytes did not change keeps its timestamp.
        if _same(dest, path, rel):
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        partial = dest + ".partial"
        if os.path.lexists(partial):
            os.remove(partial)
        shutil.copyfile(path, partial)
        os.replace(partial, dest)
    for folder, _dirs, files in os.walk(target, topdown=False):
        rel_root = os.path.relpath(folder, target)
        prefix = "" if rel_root == "." else rel_root.replace(os.sep, "/") + "/"
        for name in files:
            if prefix + name not in wanted:
                os.remove(os.path.join(folder, name))
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)


def _unlink_links(target: Path) -> None:
    """Remove every symlink at or under `target` (the links only, never what they point at):
    the bundle is made of copies, so a link there was put by someone else, and writing or
    removing the bundle's files through it would reach a folder outside the output."""
    if os.path.islink(target):
        os.remove(target)
        return
    for folder, dirs, files in os.walk(target):  # links to folders are listed, not entered
        for name in (*dirs, *files):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.remove(path)
        dirs[:] = [name for name in dirs if os.path.isdir(os.path.join(folder, name))]


def _copy_whole(wanted: dict[str, str], target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    made: set[str] = set()
    try:
        for rel, path in wanted.items():
            dest = os.path.join(partial, rel)
            folder = os.path.dirname(dest)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            shutil.copyfile(path, dest)
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _prune(folder: Path, keep: int) -> None:
    bundles = sorted((p for p in folder.iterdir() if p.is_dir()),
                     key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in bundles[keep:]:
        shutil.rmtree(old, ignore_errors=True)


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
    cached: Path | None = None
    state_file: Path | None = None
    process: subprocess.Popen | None = None
    fresh: Path | None = None
    log: object = None  # Pagefind's stdout and stderr (a temporary file: never a full pipe)
    started_at: float = 0.0  # time.time() when Pagefind started

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
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.fresh is not None:
            shutil.rmtree(self.fresh, ignore_errors=True)
        if self.log is not None:
            self.log.close()
        self.process = self.fresh = self.log = None

    def finish(self) -> IndexReport:
        """Wait for Pagefind if it runs, keep its bundle in the cache, bring the bundle into
        `<output>/pagefind/`. Raises CleanFailure when Pagefind failed."""
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
        if self.action == "indexed":
            try:
                code = self.process.wait(timeout=3600)
            except subprocess.TimeoutExpired:
                self.cancel()
                raise CleanFailure("site_search: Pagefind ran for an hour and was stopped") \
                    from None
            atexit.unregister(self.cancel)
            self.log.seek(0)
            output = self.log.read().decode("utf-8", errors="replace")
            self.log.close()
            fresh, entry = self.fresh, self.fresh / "pagefind-entry.json"
            if code != 0 or not entry.is_file():
                shutil.rmtree(fresh, ignore_errors=True)
                tail = " ".join(output.split())[-500:]
                raise CleanFailure(f"site_search: Pagefind failed (exit {code}): {tail}")
            # Pagefind writes its entry file last: when it finished, even if the build was
            # busy with other outputs then.
            pagefind_s = max(0.0, entry.stat().st_mtime - self.started_at)
            self.process = self.fresh = self.log = None
            shutil.rmtree(self.cached, ignore_errors=True)
            self.cached.parent.mkdir(parents=True, exist_ok=True)
            fresh.rename(self.cached)
            _prune(self.cached.parent, keep=KEEP_BUNDLES)
        else:
            os.utime(self.cached)  # recently used: kept when older bundles are pruned
        _sync(self.cached, bundle)
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps({"key": self.key, "entry": _digest_file(
            bundle / "pagefind-entry.json")}), encoding="utf-8")
        return IndexReport(self.action, pages, self.seconds + time.perf_counter() - began,
                           pagefind_s, languages(bundle))


def start_index(output_path: str | os.PathLike, settings: dict) -> IndexRun:
    """Look at the pages of the site at `output_path` and decide what their index needs
    (see the module docstring); when Pagefind must run, start it and return at once (it
    writes into the cache, never into the output). Raises CleanFailure when Pagefind is
    missing."""
    import atexit
    import tempfile

    started = time.perf_counter()
    out = Path(output_path).resolve()
    bundle = out / BUNDLE
    binary = pagefind_binary()
    options = OPTIONS
    seen: dict[str, tuple[int, int, int]] = {}
    key, marked, others = inputs_key(out, options, _version(binary), seen)
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
    state = {}
    if run.state_file.is_file():
        try:
            state = json.loads(run.state_file.read_text(encoding="utf-8"))
        except ValueError:
            state = {}
    run.cached = cache / "bundles" / key
    if state.get("key") == key and state.get("entry") == _digest_file(
            bundle / "pagefind-entry.json"):
        run.action = "unchanged"
    elif (run.cached / "pagefind-entry.json").is_file():
        run.action = "from cache"
    else:
        cache.mkdir(parents=True, exist_ok=True)
        run.fresh = cache / f"run-{os.getpid()}"
        shutil.rmtree(run.fresh, ignore_errors=True)
        # Pagefind also reads PAGEFIND_* variables and pagefind.{yml,toml,json} in its working
        # folder; neither may change what the build indexes.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        glob = page_glob(marked, others)
        # Linux refuses one argument over 128 KiB (MAX_ARG_STRLEN); past that Pagefind reads
        # every page and indexes the same marked ones (only they carry data-pagefind-body).
        chosen = ["--glob", glob] if len(glob.encode()) < GLOB_MAX_BYTES else []
        run.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by finish() or cancel())
        run.started_at = time.time()
        run.process = subprocess.Popen(
            [str(binary), *options, *chosen, "--output-path", str(run.fresh)], cwd=out,
            env=env, stdin=subprocess.DEVNULL, stdout=run.log, stderr=subprocess.STDOUT)
        # A build that fails before finish() (another output's error) stops it on its way out.
        atexit.register(run.cancel)
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
