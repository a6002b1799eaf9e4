"""The one writer every output of the site goes through (Pelican's `get_writer`).

Its public API is two calls, both "write this path, made from these inputs":

- ``write_file(name, template, context, ..., inputs=...)``: Pelican's own call (templates,
  pagination); Pelican's generators and the plugins' pages use it. Without ``inputs`` an
  article or page is keyed by the document, a listing by what it lists.
- ``write(path, inputs, render, after_all=False, prepare=None)``: a file whose bytes
  ``render()`` returns (or a family of files: a dict {path: bytes}), e.g. feeds, open data,
  copies. ``prepare()``, if given, makes in advance part of what ``render()`` would make
  itself and other outputs share (e.g. a feed entry in many feeds); the writer may run it
  once in the build's own process before the processes that render fork, so that they
  inherit its results instead of each making them again.

``inputs`` is everything the output shows besides what every page shows (documents, registry
entries, strings, numbers, lists of them); ``None`` means "always render". The writer alone
decides whether an output is rendered at all (same inputs as the file already there: left
alone), which process renders it (every core; see processes.py), and how timestamps are
kept (a file is replaced only when its bytes change). ``prioritise(paths)`` (or the setting
WRITE_FIRST) has those outputs rendered at once, before the rest.

With PERFORMANCE = False it is Pelican's plain writer: every output rendered, in order, in
this process, every file written."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

import pipeline

from . import processes
from .files import PARTIAL, ThemeStamps, keep_stamp, settle, write_if_changed
from .memo import Memo
from .settings import SCHEMA

logger = logging.getLogger(__name__)

Render = Callable[[], "bytes | str | dict[str, bytes | str]"]
_NOT_GIVEN = object()
# Pages (write_file) queued before helper processes start rendering them while the generators
# go on asking for outputs: fewer are not worth a fork.
EARLY_BATCH = 128
_live: list[SiteWriter] = []  # the writer of the build that is running (finished at finalized)
_context: dict = {}  # Pelican's shared context, given by the plugin once it is complete
STATIC = "static:"  # the record's name for a static file Pelican copies (not an output name)


class _Keyed(NamedTuple):
    """What the job of an output whose key is made with it returns (SiteWriter._key)."""

    files: list[str]
    key: str


class _Pending:
    """A file Pelican's writer opens: written to `<file>.partial`, moved over the file only
    when the bytes differ."""

    def __init__(self, handle, tmp: str, final: str, previous: str | None, new: bool):
        self.handle, self.tmp, self.final, self.previous = handle, tmp, final, previous
        self.new = new

    def __enter__(self):
        return self.handle.__enter__()

    def __exit__(self, *exc):
        self.handle.__exit__(*exc)
        if exc[0] is None:
            settle(self.tmp, self.final, self.previous, self.new)
        elif os.path.exists(self.tmp):
            os.remove(self.tmp)
        return False


class SiteWriter(Writer):
    def __init__(self, output_path: str, settings: dict | None = None):
        super().__init__(output_path, settings=settings)
        settings = self.settings
        self.fast = bool(SCHEMA.get(settings, "PERFORMANCE"))
        self.context: dict | None = _context.get("context")
        # Both writers keep the record of what each output wrote: with PERFORMANCE = False it
        # serves only to remove what the last build into this folder wrote and this one does
        # not (a withdrawn address is not an optimisation); keys and skipping stay off.
        self.memo = Memo(settings, output_path)
        self.workers = processes.workers(settings) if self.fast else 1
        self.first: set[str] = set(SCHEMA.get(settings, "WRITE_FIRST"))
        self.jobs: list[tuple[str, Callable[[], list[str]]]] = []
        self.queued: dict[str, int] = {}  # path -> index in jobs
        self.overridden: set[str] = set()
        self.last: list[tuple[str, Callable[[], list[str]]]] = []
        self.files: set[str] = set()  # what write() renders (not a page from a template)
        self.prepares: dict[str, Callable[[], object]] = {}  # path -> write()'s prepare
        self.deferring = self.fast
        # Pages handed to helper processes before `finish` (processes.Started): the indexes
        # in `jobs` handed, those queued since the last hand-over, the runs not yet joined.
        self.handed: set[int] = set()
        self.pending: list[int] = []
        self.started: list[processes.Started] = []
        self.failures: list[str] = []
        self._opened: list[str] = []  # files Pelican's write_file opened in the current job
        # An output folder empty when the build starts (a first build, or the fresh folder
        # `invoke build` swaps in): no file in it can hold an output before this build writes
        # it, so none is compared before writing. Folders known to exist are made once.
        self.fresh = self.fast and _empty(output_path)
        self.dirs: set[str] = set()
        self.theme = ThemeStamps(Path(output_path) / settings.get("THEME_STATIC_DIR", "theme")) \
            if self.fast else None
        _live[:] = [self]

    # ---- the public API -----------------------------------------------------------------
    def write(self, path: str, inputs: object, render: Render, *,
              after_all: bool = False, prepare: Callable[[], object] | None = None) -> None:
        """Write `path` (relative to the output folder) from `render()`: bytes, a str (written
        as UTF-8), or a dict {relative path: bytes or str} for a family of files rendered
        together. `inputs` is what it is made from (None: always render). `after_all`: render
        it once every other output is written (it reads them, e.g. sitemaps). `prepare`: work
        `render` would do itself and shares with other outputs' renders, which the writer
        may run earlier, once, in this process (render must not rely on it having run; an
        error in it is left for render to raise). Raises RuntimeError for a path outside the
        output folder."""
        sanitised_join(self.output_path, path)
        key = self._key(path, lambda: self.memo.key(self.context, path, inputs)) \
            if self.fast and inputs is not None else None
        job = self._file_job(path, render)
        if after_all:
            self.last.append((path, job))
            return
        self.files.add(path)
        if prepare is not None and self.fast:
            self.prepares[path] = prepare
        self._add(path, key, job, override=False)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, inputs=_NOT_GIVEN,
                   **kwargs):
        """Pelican's write_file (a template rendered into `name`, paginated when asked),
        through the writer: skipped when its inputs are unchanged. `inputs` as for write();
        not given: an article or page is keyed by the document, a listing by its texts."""
        if not name:
            return
        if self.context is None:
            self.context = context
        key = None
        if self.fast:
            if inputs is not _NOT_GIVEN:
                key = None if inputs is None else self._key(name, lambda: self.memo.key(
                    context, name, template.name, inputs))
            elif self._implied_key(name, template, context, paginated, kwargs, True):
                key = self._key(name, lambda: self._implied_key(
                    name, template, context, paginated, kwargs))

        def job() -> list[str]:
            self._opened = []
            Writer.write_file(self, name, template, context, relative_urls, paginated,
                              template_name, override_output, url, **kwargs)
            return [os.path.relpath(f, self.output_path) for f in self._opened]

        self._add(name, key, job, override=override_output)

    def prioritise(self, paths: Iterable[str]) -> None:
        """Render these outputs (relative paths) before any other: one already queued is
        rendered now, one asked for later is rendered as soon as it is asked for."""
        paths = set(paths)
        self.first |= paths
        for path in paths & set(self.queued):
            if self.queued[path] in self.handed:
                continue  # a helper process is rendering it already
            index = self.queued.pop(path)
            name, job = self.jobs[index]
            self.jobs[index] = (name, _nothing)
            self._run_now(name, job)

    # ---- the layer's own work -------------------------------------------------------------
    def _implied_key(self, name, template, context, paginated, kwargs,
                     whether: bool = False) -> str | bool | None:
        """The key of a write_file without `inputs` (None: not keyed); `whether`: only
        whether it has one."""
        doc = kwargs.get("article") or kwargs.get("page")
        if doc is not None and not paginated and hasattr(doc, "_content"):
            return True if whether else self.memo.key(context, name, template.name, doc)
        if doc is None and kwargs.get("page_kind") and "articles" in kwargs:
            return True if whether else self.memo.listing_key(context, name, template.name,
                                                              kwargs)
        return None

    def _key(self, name: str, make: Callable[[], str]) -> str | Callable[[], str]:
        """`make()`, the key of output `name`, when the last build recorded one to compare
        it with; else `make` itself: the output is rendered whatever its key, so the key is
        made by the job, in the process that renders it, not here one output after another
        (a first build: every output)."""
        return make() if name in self.memo.recorded else make

    def _file_job(self, path: str, render: Render) -> Callable[[], list[str]]:
        def job() -> list[str]:
            data = render()
            files = data if isinstance(data, dict) else {path: data}
            for name, content in files.items():
                target = sanitised_join(self.output_path, name)
                raw = content.encode("utf-8") if isinstance(content, str) else content
                if self.fast:
                    write_if_changed(target, raw, self._previous(name), new=self.fresh,
                                     dirs=self.dirs)
                else:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as fp:
                        fp.write(raw)
            return list(files)
        return job

    def _run_now(self, name: str, job: Callable[[], list[str]]) -> None:
        self._record({name: job()})

    def _record(self, made: dict[str, object]) -> None:
        """Keep what each job wrote, and the key a job made (_key) as this build's key."""
        if self.memo is None:
            return
        for name, files in made.items():
            if isinstance(files, _Keyed):
                self.memo.new[name] = (files.key, None)
                files = files.files
            self.memo.made[name] = files

    def _add(self, name: str, key: str | Callable[[], str] | None,
             job: Callable[[], list[str]], override: bool) -> None:
        if callable(key):  # made by the job (_key): nothing recorded to compare it with
            job, key = _with_key(job, key), None
        if not self.deferring:  # plain writer, or after the deferred outputs were rendered
            if key is None or not self.memo.fresh(name, key):
                self._run_now(name, job)
            return
        # Pelican's rule for writing one file twice, applied when the write is asked for.
        if name in self.overridden:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{name}" a second time (was previously overwritten)')
            return
        if name in self.queued:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{name}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)")
            index = self.queued.pop(name)
            # Handed to a helper already: its run is joined before the new version renders.
            self.jobs[index] = (name, _nothing)
        if override:
            self.overridden.add(name)
        if key is not None and self.memo.fresh(name, key):
            return  # same inputs as the file already there
        if name in self.first:
            self._run_now(name, job)
            return
        self.queued[name] = len(self.jobs)
        if name not in self.files:
            self.pending.append(len(self.jobs))
        self.jobs.append((name, job))
        if len(self.pending) >= EARLY_BATCH:
            self._start_early()

    def _start_early(self) -> None:
        """Hand the pages queued so far to helper processes, which render them while this
        process goes on with the generators (before, one core waited for `finish`). One run
        at a time: the next starts once every page of the last has been taken. Not with one
        process, nor with outputs to render first (those are rendered at once, here)."""
        if self.workers < 2 or self.first:
            return
        if self.started:
            if not self.started[-1].taken():
                return
            self._join_started()
        snapshot = [self.jobs[i] for i in self.pending if self.jobs[i][1] is not _nothing]
        self.handed.update(self.pending)
        self.pending = []
        self.started.append(processes.Started(snapshot, self.workers - 1))

    def _join_started(self) -> None:
        """Wait for the helpers started early (taking what they have not), record what they
        wrote; their failures are reported by `finish`."""
        while self.started:
            results, failures = self.started.pop(0).finish()
            self._record(results)
            self.failures += failures

    def abandon(self) -> None:
        """End the helpers started early without waiting for them: the build failed before
        `finish` (make serve's next build starts)."""
        while self.started:
            self.started.pop(0).stop()

    def _open_w(self, filename, encoding, override=False):
        self._opened.append(filename)
        if not self.fast:
            return super()._open_w(filename, encoding, override)
        handle = super()._open_w(filename + PARTIAL, encoding, override)
        if handle.name == os.devnull:
            return handle
        self.dirs.add(os.path.dirname(filename))  # Pelican's write_file has just made it
        previous = self._previous(os.path.relpath(filename, self.output_path)) \
            if self.memo is not None and self.memo.elsewhere else None
        return _Pending(handle, filename + PARTIAL, filename, previous, self.fresh)

    def _previous(self, name: str) -> str | None:
        """The file `name` in the folder this build replaces (OUTPUT_REPLACES), if any."""
        if self.memo is None or not self.memo.elsewhere:
            return None
        return os.path.join(self.memo.previous, name)

    def finish(self) -> None:
        """Render what was deferred (on every core): the pages (write_file) first; then what
        write() renders (feeds, calendars, data), sending pipeline.PAGES_WRITTEN (every page
        is final on disk: the search index may start on them) in this process as the helpers
        start on those; then the outputs that read the others. Give unchanged theme files
        their timestamps back; record the keys. Raises RenderFailed naming every output that
        failed."""
        self._record_static()
        if self.deferring:
            self.deferring = False
            # The pages handed to helpers early are written before any other.
            self._join_started()
            if self.failures:
                processes.fail(self.failures)
            jobs = [j for i, j in enumerate(self.jobs)
                    if j[1] is not _nothing and i not in self.handed]
            self.jobs, self.queued, self.pending, self.handed = [], {}, [], set()
            rest = [j for j in jobs if j[0] in self.files]
            # What the rendering of write()'s outputs shares (feed entries) is made once, here,
            # while the other processes render pages: the processes that render those outputs
            # fork from this one after it and inherit it (nothing is pickled), instead of each
            # making it again. Only for outputs that will be rendered (not skipped).
            prepares = [self.prepares[path] for path, _job in rest if path in self.prepares]
            self.prepares.clear()
            self._record(processes.run([j for j in jobs if j[0] not in self.files],
                                       self.workers, first=prepares))
            # A page the last build wrote and this one does not (a text taken down) is gone
            # before anything reads the pages.
            self._remove_stale([path for path, _job in rest + self.last])
            # Sent as the helpers start on the other outputs: its receivers' own work (the
            # search index reads and hashes every page, ~1 s at N = 2,000) no longer holds
            # them up with one core idle.
            self._record(processes.run(rest, self.workers, then=lambda: (
                pipeline.PAGES_WRITTEN.send(self.output_path, settings=self.settings))))
        # What the last build into this folder wrote and this one does not goes before the
        # outputs that read the folder (the sitemaps) are made, and theirs after them.
        self._remove_stale([path for path, _job in self.last])
        for path, job in self.last:
            self._run_now(path, job)
        self.last.clear()
        self._remove_stale([])
        if self.theme is not None:
            self.theme.restore()
        if self.memo is not None:
            self.memo.save()

    def _record_static(self) -> None:
        """Record the static files (images, PDFs) as outputs of this build: Pelican's static
        generator copies them itself (its generate_output, before `finalized`), not through
        the writer, and lists them in the context (`staticfiles`, each with its `save_as`).
        A file withdrawn from content/ (a photo taken down for someone's safety) is then
        removed from a same-folder rebuild like any other stale output."""
        for static in (self.context or {}).get("staticfiles") or []:
            save_as = getattr(static, "save_as", None)
            if save_as:
                self.memo.made.setdefault(STATIC + save_as, [save_as])
                if self.memo.elsewhere:
                    # Pelican copied it with its source's mtime; `invoke build` gives an
                    # unchanged file the old copy's timestamps when it swaps the folder in
                    # (keep_timestamps), after the record is saved: done now, so the record
                    # matches the file and a later same-folder build can remove it.
                    keep_stamp(self._previous(save_as), os.path.join(self.output_path, save_as))

    def _remove_stale(self, later: list[str]) -> None:
        """Remove the files Memo.stale names, and the folders that leaves empty."""
        if self.memo is None:
            return
        root = os.path.realpath(self.output_path)
        for rel in self.memo.stale(later):
            path = os.path.join(root, os.path.normpath(rel))
            if os.path.realpath(path) != path or not path.startswith(root + os.sep):
                continue  # a folder on its way is a symlink: what it points at is not ours
            os.remove(path)
            folder = os.path.dirname(path)
            while folder.startswith(root + os.sep) and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)


def _nothing() -> list[str]:
    return []


def _empty(folder: str) -> bool:
    """Whether `folder` is missing or holds nothing."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except FileNotFoundError:
        return True


def _with_key(job: Callable[[], list[str]], key: Callable[[], str]) -> Callable[[], _Keyed]:
    """`job`, also making the output's key (after rendering it, from the same objects)."""
    def keyed() -> _Keyed:
        return _Keyed(job(), key())
    return keyed
