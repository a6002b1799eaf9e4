"""The reading half's pool: results in order, work done in other processes, errors passed on."""

from __future__ import annotations

import pytest

import parallel_output
from tests.sitebuild import run_pelican, settings_with


def test_parallel_map_keeps_order_and_runs_closures_in_other_processes():
    import os

    parent = os.getpid()
    offset = 1000

    def work(n: int):
        return n + offset, os.getpid()

    items = list(range(200))
    results = parallel_output.parallel_map(work, items, {"PARALLEL_WORKERS": 2})
    assert [r[0] for r in results] == [n + 1000 for n in items]
    assert {pid for _, pid in results} - {parent}  # the pool really ran it elsewhere
    # Small batches, one worker and the layer turned off stay in this process.
    def pids(batch: list, settings: dict) -> set:
        return {pid for _, pid in parallel_output.parallel_map(work, batch, settings)}

    assert pids(items[:5], {"PARALLEL_WORKERS": 2}) == {parent}
    assert pids(items, {"PARALLEL_WORKERS": 1}) == {parent}
    assert pids(items, {"PARALLEL_WORKERS": 2, "PERFORMANCE": False}) == {parent}
    # A few items that are batches of many documents are worth the pool; one item is not.
    batches = parallel_output.parallel_map(work, items[:5], {"PARALLEL_WORKERS": 2},
                                           documents=500)
    assert [r[0] for r in batches] == [n + 1000 for n in items[:5]]
    assert {pid for _, pid in batches} - {parent}
    assert {pid for _, pid in parallel_output.parallel_map(
        work, items[:1], {"PARALLEL_WORKERS": 2}, documents=500)} == {parent}


def test_parallel_map_passes_a_worker_error_on():
    def work(n: int):
        if n == 77:
            raise ValueError("item 77 is bad")
        return n

    with pytest.raises(ValueError, match="item 77"):
        parallel_output.parallel_map(work, list(range(100)), {"PARALLEL_WORKERS": 2})


def test_an_error_found_in_the_pool_is_reported_once_by_the_build(tmp_path):
    from tests.sitebuild import VALID, write_article

    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for i in range(6):
        write_article(content, f"2012/good-{i}.md", {**VALID, "Slug": f"good-{i}"})
    write_article(content, "2012/bad.md", {**VALID, "Slug": "bad", "Date": "19/12/2012"})
    settings = settings_with(tmp_path / "s.py", PARALLEL_WORKERS=2, PARALLEL_MIN_ITEMS=1,
                             CACHE_PATH=str(tmp_path / "cache"))
    result = run_pelican(content, tmp_path / "out", settings)
    assert result.returncode != 0
    # The pool's copy of the problem is dropped; the main process reads the file again.
    assert result.output.count("bad.md: Date: '19/12/2012' is not a valid date") == 1, \
        result.output
    assert "Traceback" not in result.output


def test_what_the_pool_logs_is_logged_once_by_the_parent_in_the_items_order():
    """Strict mode counts warnings in the main process: a warning logged by `pipeline.each`'s
    work in a pool process must reach it (once, in the items' order), not only the terminal."""
    import logging
    import os

    parent = os.getpid()
    seen: list[tuple[str, int, int]] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append((record.getMessage(), record.levelno, os.getpid()))

    def work(n: int):
        if n % 10 == 3:
            logging.getLogger("some.feature").warning("item %d looks odd", n)
        return os.getpid()

    keep = Keep()
    root = logging.getLogger()
    root.addHandler(keep)
    try:
        pids = parallel_output.parallel_map(work, list(range(100)), {"PARALLEL_WORKERS": 2})
    finally:
        root.removeHandler(keep)
    assert set(pids) - {parent}  # the work ran in other processes
    assert seen == [(f"item {n} looks odd", logging.WARNING, parent) for n in range(3, 100, 10)]


def test_what_the_pool_logged_before_an_item_failed_is_logged_before_the_error():
    """An item that warns and then raises (the warning often says why): the warning, and
    what the items before it logged, reach the parent before the error is passed on, as
    they would in one process; what later items logged is not promised. Run in a fresh
    interpreter: the whole suite's logging set-up (earlier tests' handlers and loggers) is
    not the build's."""
    import json
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = textwrap.dedent("""
        import json, logging
        import parallel_output

        seen = []

        class Keep(logging.Handler):
            def emit(self, record):
                seen.append(record.getMessage())

        def work(n):
            if n % 10 == 3:
                logging.getLogger("some.feature").warning("item %d looks odd", n)
            if n == 53:
                raise ValueError("item 53 is bad")
            return n

        logging.getLogger().addHandler(Keep())
        try:
            parallel_output.parallel_map(work, list(range(100)), {"PARALLEL_WORKERS": 2})
        except ValueError as exc:
            print(json.dumps({"error": str(exc), "seen": seen}))
        """)
    plugins = str(Path(__file__).resolve().parents[2])
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**__import__("os").environ, "PYTHONPATH": plugins})
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["error"] == "item 53 is bad"
    assert said["seen"][:6] == [f"item {n} looks odd" for n in range(3, 54, 10)]
