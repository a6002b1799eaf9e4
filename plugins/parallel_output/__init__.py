"""`parallel_map`: a forked pool for the costly steps of the reading half (Markdown, linking,
catalogue summaries). Writing on every core is the writer's job (plugins/site_writer).
Settings: PARALLEL_WORKERS (default: the number of cores, at most 4; 1 turns it off),
PARALLEL_MIN_ITEMS (smallest batch handed to a pool; default 64), PERFORMANCE (False: off)."""

from __future__ import annotations

import gc
import os

_task: list = []


def workers(settings: dict) -> int:
    """Processes to use: PARALLEL_WORKERS, else the number of cores (at most 4); 1 where
    there is no fork or PERFORMANCE is False."""
    if not settings.get("PERFORMANCE", True) or not hasattr(os, "fork"):
        return 1
    wanted = settings.get("PARALLEL_WORKERS")
    count = wanted if wanted is not None else min(os.cpu_count() or 1, 4)
    return max(1, int(count))


def _call(item):
    return _task[0](item)


def parallel_map(func, items: list, settings: dict, documents: int | None = None) -> list:
    """[func(item) for item in items] on every core. `func` may be a closure: the pool is
    forked after it is set, so it is inherited, not pickled; items and results are pickled.
    For fewer than PARALLEL_MIN_ITEMS documents (default 64; `documents`, when each item is a
    batch of several, else one per item) starting the pool costs more than it saves."""
    count = workers(settings)
    size = len(items) if documents is None else documents
    small = size < int(settings.get("PARALLEL_MIN_ITEMS", 64)) or len(items) < 2
    if count == 1 or small or _task:
        return [func(item) for item in items]
    import multiprocessing

    _task[:] = [func]
    gc.freeze()  # the pool's processes then leave the inherited heap unshared
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return pool.map(_call, items, chunksize=max(1, len(items) // (count * 8)))
    finally:
        _task.clear()
        gc.unfreeze()


