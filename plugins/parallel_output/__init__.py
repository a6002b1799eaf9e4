"""`parallel_map`: a forked pool for the costly steps of the reading half (Markdown, linking,
catalogue summaries). Writing on every core is the writer's job (plugins/site_writer).
Settings: PARALLEL_WORKERS (default: the number of cores, at most 4; 1 turns it off),
PARALLEL_MIN_ITEMS (smallest batch handed to a pool; default 64), PERFORMANCE (False: off)."""

from __future__ import annotations

import gc
import logging
import os
import pickle
import traceback

_task: list = []


class LogCapture(logging.Handler):
    """In a helper process: keeps each log record (as plain, picklable data) for the parent,
    which logs it itself (`replay`), so strict mode and the editor see it once, in order."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        data = dict(record.__dict__)
        data["msg"], data["args"] = record.getMessage(), None
        if record.exc_info:
            data["exc_text"] = "".join(traceback.format_exception(*record.exc_info))
        data["exc_info"] = None
        self.records.append({k: v for k, v in data.items() if _picklable(v)})

    def install(self) -> LogCapture:
        """Make this the root logger's only handler (the process's inherited ones would
        print the record a second time, behind the parent's back)."""
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(self)
        return self


def replay(records: list[dict]) -> None:
    """Log, in this process, what a helper process captured (LogCapture.records)."""
    for data in records:
        record = logging.makeLogRecord(data)
        logging.getLogger(record.name).handle(record)


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 (anything that does not pickle is left out)
        return False
    return True


def workers(settings: dict) -> int:
    """Processes to use: PARALLEL_WORKERS, else the number of cores (at most 4); 1 where
    there is no fork or PERFORMANCE is False."""
    if not settings.get("PERFORMANCE", True) or not hasattr(os, "fork"):
        return 1
    wanted = settings.get("PARALLEL_WORKERS")
    count = wanted if wanted is not None else min(os.cpu_count() or 1, 4)
    return max(1, int(count))


_capture: list[LogCapture] = []


def _start_worker() -> None:
    _capture[:] = [LogCapture().install()]


def _call(item):
    capture = _capture[0]
    capture.records = []
    try:
        return _task[0](item), capture.records
    except Exception as exc:
        # What the item logged before it failed (often why) goes back with the error: an
        # exception is pickled with its attributes.
        exc._pool_records = capture.records
        raise


def parallel_map(func, items: list, settings: dict, documents: int | None = None) -> list:
    """[func(item) for item in items] on every core. `func` may be a closure: the pool is
    forked after it is set, so it is inherited, not pickled; items and results are pickled.
    What `func` logs in another process is logged here after the pool ends, item by item
    (strict mode counts it; nothing is printed twice). For fewer than PARALLEL_MIN_ITEMS
    documents (default 64; `documents`, when each item is a batch of several, else one per
    item) starting the pool costs more than it saves."""
    count = workers(settings)
    size = len(items) if documents is None else documents
    small = size < int(settings.get("PARALLEL_MIN_ITEMS", 64)) or len(items) < 2
    if count == 1 or small or _task:
        return [func(item) for item in items]
    import multiprocessing

    _task[:] = [func]
    gc.freeze()  # the pool's processes then leave the inherited heap unshared
    results = []
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=_start_worker) as pool:
            done = pool.imap(_call, items, chunksize=max(1, len(items) // (count * 8)))
            try:
                for result, records in done:  # what each item logged, in the items' order
                    replay(records)
                    results.append(result)
            except Exception as exc:
                # The failing item's records, then its error (as in one process); the
                # items after it are not waited for.
                replay(exc.__dict__.pop("_pool_records", None) or [])
                raise
    finally:
        _task.clear()
        gc.unfreeze()
    return results


