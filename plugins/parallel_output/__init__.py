"""Writes the site with every CPU core: once everything is read, linked and checked (Pelican's
`get_writer`), the build forks; each process renders and writes its share of the output files
(a stable hash of the file's path picks the process), and the parent waits for the others
before the `finalized` steps (mirror, headers, strict mode) run on the complete output.

The context every page needs (translations, mentions, feeds) is built once, in one process, and
inherited by the forked processes copy-on-write, never pickled. The costly steps of the reading
half (Markdown, linking, catalogues) use `parallel_map`, a forked pool, for the same reason.
Settings: PARALLEL_WORKERS (default: the number of cores, at most 4; 1 turns it off),
PARALLEL_MIN_ITEMS (smallest batch `parallel_map` hands to a pool; default 64).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import zlib

from pelican import signals

logger = logging.getLogger(__name__)

_state = {"workers": 1, "index": 0}
_children: list[int] = []


def process() -> tuple[int, int]:
    """(this process's index, the number of writer processes); (0, 1) outside the writing."""
    return _state["index"], _state["workers"]


def mine(key: object) -> bool:
    """Whether this process writes the output identified by `key` (a path)."""
    workers = _state["workers"]
    if workers == 1:
        return True
    return zlib.crc32(os.path.normpath(str(key)).encode()) % workers == _state["index"]


def workers(settings: dict) -> int:
    wanted = settings.get("PARALLEL_WORKERS")
    count = wanted if wanted is not None else min(os.cpu_count() or 1, 4)
    return max(1, int(count)) if hasattr(os, "fork") else 1


_task: list = []


def _call(item):
    return _task[0](item)


def parallel_map(func, items: list, settings: dict) -> list:
    """[func(item) for item in items] on every core (for the reading half: parsing, linking,
    catalogues). `func` may be a closure: the pool is forked after it is set, so it is
    inherited, not pickled; items and results are pickled. Below PARALLEL_MIN_ITEMS items
    (default 64) starting the pool costs more than it saves."""
    count = workers(settings)
    small = len(items) < int(settings.get("PARALLEL_MIN_ITEMS", 64))
    if count == 1 or small or _state["workers"] != 1:
        return [func(item) for item in items]
    import multiprocessing

    _task[:] = [func]
    gc.freeze()  # as in _fork: the pool's processes then leave the inherited heap unshared
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return pool.map(_call, items, chunksize=max(1, len(items) // (count * 8)))
    finally:
        _task.clear()
        gc.unfreeze()


def _fork(pelican) -> None:
    count = workers(pelican.settings)
    if count == 1:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    # The cyclic GC writes to every tracked object's header when it runs, which would make
    # each process copy the whole inherited heap (copy-on-write); frozen objects are skipped.
    gc.collect()
    gc.freeze()
    for index in range(1, count):
        pid = os.fork()
        if pid == 0:  # a writer process: its share of the pages, feeds and data files
            _state.update(workers=count, index=index)
            _children.clear()
            from pelican.generators import StaticGenerator

            StaticGenerator.generate_output = lambda self, writer: None  # the parent copies
            return
        _children.append(pid)
    _state.update(workers=count, index=0)


def _join(_pelican) -> None:
    if _state["workers"] == 1:
        return
    if _state["index"] != 0:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # its files are written; the parent finishes the build
    failed = []
    for pid in _children:
        _, status = os.waitpid(pid, 0)
        if status != 0:
            failed.append(pid)
    _children.clear()
    _state.update(workers=1, index=0)
    if failed:
        from build_errors import CleanFailure

        raise CleanFailure(f"{len(failed)} writer process(es) failed; see the messages above")


def register() -> None:
    # Connected after build_errors (whose get_writer check stops a build with input errors
    # before anything is forked or written) and before the plugins whose finalized steps need
    # the whole output: PLUGINS lists this plugin second.
    signals.get_writer.connect(_fork)
    signals.finalized.connect(_join)
