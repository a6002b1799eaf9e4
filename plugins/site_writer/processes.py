"""Rendering a list of jobs on every core. The jobs (closures over templates, the context and
the documents) are made in one process; this forks helper processes that inherit them
copy-on-write (nothing is pickled), and every process takes the next few jobs from a shared
counter until none are left, so a slow share does not hold the others up. The parent waits
for every helper (os.waitpid) and gets back what they logged, which it logs itself (strict
mode sees it), and which jobs failed.

Settings: PARALLEL_WORKERS (processes rendering, the parent included; default the number of
cores, at most 4; 1 renders in this process)."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import sys
from collections.abc import Callable, Sequence

from build_errors import CleanFailure
from parallel_output import LogCapture, replay

from .settings import SCHEMA

CHUNK = 8  # jobs taken at a time at most: small enough to balance, large enough to keep locks rare


def take(remaining: int, processes: int) -> int:
    """How many of the `remaining` jobs a process takes next when `processes` take from the
    same list: a share of what is left (guided self-scheduling, Polychronopoulos and Kuck,
    1987), at most CHUNK, so the last jobs go one at a time. With CHUNK at the end, one
    process got the last eight (at N = 2,000 the six language versions of the numbers page,
    each drawing SVG charts, ~0.3 s) while the others had nothing left."""
    return max(1, min(CHUNK, remaining // (2 * max(1, processes))))


class RenderFailed(CleanFailure):
    """One or more outputs could not be rendered; the message names each with its error."""


def workers(settings: dict) -> int:
    """Processes rendering (the parent included): PARALLEL_WORKERS, else the number of
    cores, at most 4; 1 where there is no fork."""
    wanted = SCHEMA.get(settings, "PARALLEL_WORKERS")
    count = wanted if wanted is not None else min(os.cpu_count() or 1, 4)
    return max(1, int(count)) if hasattr(os, "fork") else 1


Job = Callable[[], object]


def _work(jobs: Sequence[tuple[str, Job]], counter, failures: list[str],
          results: dict[str, object], processes: int) -> None:
    total = len(jobs)
    while True:
        with counter.get_lock():
            start = counter.value
            size = take(total - start, processes)
            counter.value = start + size
        if start >= total:
            return
        for path, job in jobs[start:start + size]:
            try:
                results[path] = job()
            except Exception as exc:  # noqa: BLE001 (reported by the parent, build fails)
                logging.getLogger(__name__).error("%s could not be written", path,
                                                  exc_info=True)
                failures.append(f"{path}: {type(exc).__name__}: {exc}")
                with counter.get_lock():
                    counter.value = total  # every process stops taking jobs
                return


def run(jobs: Sequence[tuple[str, Job]], count: int,
        first: Sequence[Job] = (), then: Callable[[], object] | None = None,
        ) -> dict[str, object]:
    """Run every `(path, job)`; with `count` > 1 on that many processes. Returns {path: what
    its job returned} (picklable values). Raises RenderFailed naming each output whose job
    raised (after every process has stopped). `first`: callables this process runs before
    it takes jobs (the helpers start on the jobs at once), for what later forks should
    inherit; what they return is dropped, and an exception in one is left for the job that
    repeats its work to raise. `then`: called in this process once the helpers have started
    on the jobs (before `first` and before it takes any; with one process, before the jobs),
    for work of the build's own that should not hold the jobs up; what it raises is raised
    once every helper has ended."""
    results: dict[str, object] = {}
    if count <= 1 or len(jobs) < 2 * CHUNK:
        if then is not None:
            then()
        _first(first)
        for path, job in jobs:
            results[path] = job()
        return results
    import multiprocessing

    counter = multiprocessing.get_context("fork").Value("q", 0)
    sys.stdout.flush()
    sys.stderr.flush()
    # The cyclic GC writes to every tracked object's header when it runs, which would make
    # each process copy the whole inherited heap (copy-on-write); frozen objects are skipped.
    gc.collect()
    gc.freeze()
    helpers: list[tuple[int, int]] = []
    failures: list[str] = []
    try:
        for _ in range(1, count):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # a helper: its jobs, then its report to the parent, then it ends
                os.close(read)
                _helper(jobs, counter, write, count)
            os.close(write)
            helpers.append((pid, read))
        if then is not None:
            then()
        _first(first)
        _work(jobs, counter, failures, results, count)
    finally:
        _join_all(helpers, results, failures)
        gc.unfreeze()
    if failures:
        fail(failures)
    return results


def _join_all(helpers: list[tuple[int, int]], results: dict[str, object],
              failures: list[str]) -> None:
    """Wait for each helper (pid, pipe read end), add its results and failures to `results`
    and `failures`, and log what it logged, in the order the helpers were started."""
    for pid, read in helpers:
        failures_of, records, results_of = _join(pid, read)
        results.update(results_of)
        replay(records)
        failures += failures_of


def fail(failures: list[str]) -> None:
    """Raise RenderFailed naming each output that failed (`failures`: "path: error")."""
    raise RenderFailed("\n".join([f"{len(failures)} output(s) could not be written:",
                                  *failures]))


class Started:
    """Helpers rendering a list of jobs while this process goes on with something else (the
    writer starts them on the pages queued so far while the generators are still asking for
    outputs). The jobs are a snapshot: what is queued after the fork is not theirs.
    `finish()` has this process take what the helpers have not (both cores at work), waits
    for them, logs what they logged and returns ({path: result}, [failure, ...])."""

    def __init__(self, jobs: Sequence[tuple[str, Job]], count: int) -> None:
        import multiprocessing

        self.jobs = list(jobs)
        self.counter = multiprocessing.get_context("fork").Value("q", 0)
        self.helpers: list[tuple[int, int]] = []
        self.processes = max(1, count) + 1  # the helpers, and this process once it finishes
        sys.stdout.flush()
        sys.stderr.flush()
        # Frozen, the inherited heap is not written by the helpers' cyclic GC (not copied);
        # this process unfreezes at once and goes on as before.
        gc.freeze()
        try:
            for _ in range(self.processes - 1):
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.close(read)
                    _helper(self.jobs, self.counter, write, self.processes)
                os.close(write)
                self.helpers.append((pid, read))
        finally:
            gc.unfreeze()

    def taken(self) -> bool:
        """Whether every job has been taken (the helpers are done or finishing)."""
        with self.counter.get_lock():
            return self.counter.value >= len(self.jobs)

    def finish(self) -> tuple[dict[str, object], list[str]]:
        results: dict[str, object] = {}
        failures: list[str] = []
        try:
            _work(self.jobs, self.counter, failures, results, self.processes)
        finally:
            _join_all(self.helpers, results, failures)
            self.helpers.clear()
        return results, failures

    def stop(self) -> None:
        """End the helpers without waiting for their jobs (a build that failed before it
        asked for their results)."""
        import signal

        with self.counter.get_lock():
            self.counter.value = len(self.jobs)
        for pid, read in self.helpers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            os.close(read)
            os.waitpid(pid, 0)
        self.helpers.clear()


def _first(calls: Sequence[Job]) -> None:
    for call in calls:
        try:
            call()
        except Exception:  # noqa: BLE001 (the output's own render repeats it and reports it)
            logging.getLogger(__name__).debug("preparing failed; left to the render",
                                              exc_info=True)


def _helper(jobs, counter, write: int, processes: int) -> None:
    capture = LogCapture().install()
    failures: list[str] = []
    results: dict[str, object] = {}
    code = 0
    try:
        _work(jobs, counter, failures, results, processes)
    except BaseException as exc:  # noqa: BLE001 (anything else: reported, then this exits)
        failures.append(f"{type(exc).__name__}: {exc}")
    try:
        data = pickle.dumps((failures, capture.records, results))
        with os.fdopen(write, "wb") as fp:
            fp.write(data)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001
        code = 2
    # A forked helper must not return into the parent's stack (Pelican would run the rest of
    # the build again): it ends here, without running the parent's exit handlers.
    os._exit(code or (1 if failures else 0))


def _join(pid: int, read: int) -> tuple[list[str], list[dict], dict]:
    with os.fdopen(read, "rb") as fp:
        data = fp.read()  # read before waiting: a full pipe would block the helper
    _, status = os.waitpid(pid, 0)
    try:
        failures, records, results = pickle.loads(data)
    except Exception:  # noqa: BLE001
        failures, records, results = [], [], {}
    if status != 0 and not failures:
        failures = [f"a writer process ended with status {status}"]
    return failures, records, results
