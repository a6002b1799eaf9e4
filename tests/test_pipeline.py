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
