"""Parallel writing: every output is owned by exactly one process, and a site written by two
processes is byte-for-byte the site one process writes."""

from __future__ import annotations

import pytest

import parallel_output
from tests.sitebuild import ROOT, run_pelican, settings_with


@pytest.mark.parametrize("workers", [2, 3])
def test_every_output_has_exactly_one_owner(workers):
    keys = [f"ru/prisoners/person-{i}/index.html" for i in range(600)]
    owners = {k: [] for k in keys}
    try:
        for index in range(workers):
            parallel_output._state.update(workers=workers, index=index)
            for k in keys:
                if parallel_output.mine(k):
                    owners[k].append(index)
    finally:
        parallel_output._state.update(workers=1, index=0)
    assert all(len(o) == 1 for o in owners.values())
    shares = [sum(o == [i] for o in owners.values()) for i in range(workers)]
    assert min(shares) > len(keys) / workers * 0.8  # roughly even


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
    # Small batches and one worker stay in this process.
    def pids(batch: list, workers: int) -> set:
        return {pid for _, pid in parallel_output.parallel_map(work, batch,
                                                                {"PARALLEL_WORKERS": workers})}

    assert pids(items[:5], 2) == {parent}
    assert pids(items, 1) == {parent}


def test_parallel_map_passes_a_worker_error_on():
    def work(n: int):
        if n == 77:
            raise ValueError("item 77 is bad")
        return n

    with pytest.raises(ValueError, match="item 77"):
        parallel_output.parallel_map(work, list(range(100)), {"PARALLEL_WORKERS": 2})


def test_two_writer_processes_write_the_same_site_as_one(tmp_path):
    def build(workers: int):
        # PARALLEL_MIN_ITEMS=1: reading, linking and catalogues go through the pool too.
        settings = settings_with(tmp_path / f"s{workers}.py", PARALLEL_WORKERS=workers,
                                 PARALLEL_MIN_ITEMS=1,
                                 CACHE_PATH=str(tmp_path / f"cache{workers}"))
        result = run_pelican(ROOT / "content", tmp_path / f"out{workers}", settings)
        assert result.returncode == 0, result.output
        out = tmp_path / f"out{workers}"
        return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    one, two = build(1), build(2)
    assert len(one) > 1000
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_failing_writer_process_fails_the_build(tmp_path):
    theme = tmp_path / "theme"
    import shutil

    shutil.copytree(ROOT / "theme", theme)
    # Break only profile pages: whichever process renders them fails.
    (theme / "templates/prisoner.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ person.no_such_field.boom() }}'
        "{% endblock %}", encoding="utf-8")
    settings = settings_with(tmp_path / "s.py", PARALLEL_WORKERS=2, THEME=str(theme),
                             CACHE_PATH=str(tmp_path / "cache"))
    result = run_pelican(ROOT / "content", tmp_path / "out", settings)
    assert result.returncode != 0
    assert "no_such_field" in result.output


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
