"""The pipeline as data (plugins/pipeline/pipeline.yaml): it is what Pelican really runs, every
ordering constraint between plugins holds, PLUGINS comes from it, and README.md shows it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import pipeline
from tests.sitebuild import ROOT


def running(settings: str = "pelicanconf.py") -> dict[str, list[str]]:
    """What Pelican connects after loading the plugins, read in a fresh process (receivers
    connected by builds earlier in this process would keep their first position)."""
    proc = subprocess.run([sys.executable, "-m", "pipeline", "live", "-s", settings], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def live() -> dict[str, list[str]]:
    return running()


def test_the_declared_pipeline_is_what_pelican_runs(live):
    assert pipeline.differences(pipeline.load().declared(), live) == []


def test_publishing_runs_the_same_pipeline():
    assert pipeline.differences(pipeline.load().declared(), running("publishconf.py")) == []


def test_every_ordering_constraint_holds_in_what_pelican_runs(live):
    declared = pipeline.load()
    assert len(declared.constraints) >= 10
    assert pipeline.broken_constraints(declared, live) == []


def test_a_reordered_or_undeclared_receiver_is_reported(live):
    """The comparison and the constraint check can fail: swap two linked receivers, add one."""
    swapped = {**live, "all_generators_finalized": [
        "auto_summaries._summarise" if r == "prisoner_links._link_all" else
        "prisoner_links._link_all" if r == "auto_summaries._summarise" else r
        for r in live["all_generators_finalized"]]}
    declared = pipeline.load()
    assert pipeline.broken_constraints(declared, swapped) == [
        "all_generators_finalized: auto_summaries._summarise runs before "
        "prisoner_links._link_all, but automatic summaries are cut from the linked text, so "
        "they keep the links"]
    extra = {**live, "finalized": [*live["finalized"], "search.index"]}
    assert [line.split(":")[0] for line in pipeline.differences(declared.declared(), extra)] \
        == ["finalized"]


def test_plugins_setting_is_derived_from_the_pipeline():
    import pelicanconf

    assert pipeline.plugins() == pelicanconf.PLUGINS
    text = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert text.count("PLUGINS =") == 1 and "PLUGINS = plugins()" in text


def _steps(*rows: tuple[str, list[str]]) -> pipeline.Pipeline:
    return pipeline.Pipeline(tuple(pipeline.Step("s", at, tuple(run), "x") for at, run in rows),
                             ())


def test_plugin_order_follows_every_signal_and_refuses_a_contradiction():
    # a before c (initialized), b before a (finalized), c before b (get_writer): a cycle.
    with pytest.raises(ValueError, match="both ways"):
        pipeline.plugins(_steps(("initialized", ["a.start", "c.start"]),
                                ("finalized", ["b.end", "a.end"]),
                                ("get_writer", ["c.writer", "b.writer"])))
    assert pipeline.plugins(_steps(("initialized", ["a.start", "c.start"]),
                                   ("finalized", ["b.end", "a.end"]))) == ["b", "a", "c"]


def test_readme_shows_the_declared_pipeline():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = "<!-- pipeline table: python -m pipeline table -->\n"
    end = "<!-- end of pipeline table -->"
    assert start in readme and end in readme
    shown = readme.split(start, 1)[1].split(end, 1)[0]
    assert shown == pipeline.table(), "update README.md with: python -m pipeline table"


def test_declared_work_is_handed_to_pipeline_each_by_its_receiver_only():
    """Every `work` entry is handed over where pipeline.yaml says, and nothing else is: the
    source calls pipeline.each with exactly the declared names, and each `by` is a step."""
    import re

    declared = pipeline.load()
    receivers = {r for step in declared.steps for r in step.run}
    # A generator (at generate_context) hands work over too: named by its plugin.
    for step in declared.steps:
        receivers |= {f"{pipeline.plugin_of(by)}.{gives}"
                      for by, gives in zip(step.run, step.gives, strict=False)}
    called = {}
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        for name in re.findall(r"pipeline\.each\(\s*\"([^\"]+)\"", path.read_text("utf-8")):
            called.setdefault(name, set()).add(path.relative_to(ROOT / "plugins").parts[0])
    assert {w.name: {pipeline.plugin_of(w.by)} for w in declared.work} == called
    assert all(w.by in receivers for w in declared.work)
    with pytest.raises(ValueError, match="not declared under `work`"):
        pipeline.each("rendering everything", str, [1], {})


def test_the_performance_layer_decides_how_declared_work_runs():
    """Work runs in the layer's processes when it is on, in this one when PERFORMANCE is off
    or no layer is connected; the results keep the items' order either way."""
    import os

    import site_writer

    def work(n):
        return n * n, os.getpid()

    items = list(range(40))
    on = {"PERFORMANCE": True, "PARALLEL_WORKERS": 2, "PARALLEL_MIN_ITEMS": 1}
    pipeline.EACH.connect(site_writer._each)
    try:
        fast = pipeline.each("linking", work, items, on)
        off = pipeline.each("linking", work, items, {**on, "PERFORMANCE": False})
        pipeline.EACH.disconnect(site_writer._each)
        alone = pipeline.each("linking", work, items, on)
    finally:
        pipeline.EACH.connect(site_writer._each)  # as site_writer.register() leaves it
    assert [r for r, _ in fast] == [r for r, _ in off] == [r for r, _ in alone] \
        == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in fast}
    assert {pid for _, pid in off} == {pid for _, pid in alone} == {os.getpid()}
