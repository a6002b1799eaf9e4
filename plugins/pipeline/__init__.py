"""The build as data: `pipeline.yaml` (next to this file) declares every stage from content to
output, the Pelican extension point it runs at and the plugin code that runs there, in order.

- :func:`plugins` gives pelicanconf.py its PLUGINS: Pelican connects each plugin's receivers in
  PLUGINS order and calls a signal's receivers in connection order (pelican/plugins/signals.py
  gives blinker an OrderedSet), so the declared order becomes the order that runs.
- :func:`live` lists what really runs: the receivers connected to each signal after Pelican has
  loaded the plugins, and the generators in the order Pelican runs them.
- :func:`differences` compares the two; :func:`broken_constraints` checks the declared ordering
  constraints against what runs; :func:`table` is the README's table.
- :func:`each` runs a feature plugin's per-document work (declared under `work`): the feature
  says what to do for one item, the performance layer (connected to :data:`EACH`) decides how
  the items are run; with no layer, or PERFORMANCE = False, one after the other.
- :data:`PAGES_WRITTEN` is the point where every page is on disk and the other outputs are
  still to be written; the performance layer's writer sends it.

Not a Pelican plugin: nothing to connect here (the layer connects to :data:`EACH` and sends
:data:`PAGES_WRITTEN`).
`python -m pipeline {table,check,plugins}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from blinker import signal

SOURCE = Path(__file__).with_name("pipeline.yaml")
# Not signals: the generators' own methods, which Pelican calls for every generator in turn.
GENERATOR_POINTS = ("generate_context", "generate_output")
# The pipeline's own signal, sent by `each`: a receiver (the performance layer) gets the work's
# name and func=, items=, settings=, documents= and returns [func(item) for item in items], or
# None to leave the work to the next receiver (the last resort: `each` runs it here).
EACH = signal("pipeline.each")
# The pipeline's own point "every page is written": sent by the performance layer's writer
# (sender: the output folder, settings=) once every page rendered from a template is final on
# disk, in the build's process, as helper processes start on the files it renders otherwise
# (feeds, calendars, data; the sitemaps, which read every output, come later), so a receiver
# can start work that reads the pages (the search index) while those are written.
# Not sent with PERFORMANCE = False: every output is written before `finalized` then.
PAGES_WRITTEN = signal("pipeline.pages_written")
OWN_SIGNALS = (EACH, PAGES_WRITTEN)


@dataclass(frozen=True)
class Step:
    """One row of the pipeline: `run` (receivers as "module.function", or generator class
    names at get_generators' `gives` and the GENERATOR_POINTS) runs at `at`, in this order."""

    stage: str
    at: str
    run: tuple[str, ...]
    does: str
    gives: tuple[str, ...] = ()
    late: bool = False  # connected while the build starts (after every plugin registered)


@dataclass(frozen=True)
class Constraint:
    """`first` must run before `then`, at the same extension point, because of `why`."""

    first: str
    then: str
    why: str


@dataclass(frozen=True)
class Work:
    """Per-document work `by` (a receiver, or a generator as plugin.Class) hands to `each`
    under `name`: `each_item` (a function, or what makes it) applied to every item, with no
    state shared between items."""

    name: str
    by: str
    each_item: str
    does: str


@dataclass(frozen=True)
class Pipeline:
    steps: tuple[Step, ...]
    constraints: tuple[Constraint, ...]
    work: tuple[Work, ...] = ()

    def declared(self) -> dict[str, list[str]]:
        """{extension point: everything that runs there, in order}, with the generator classes
        the get_generators receivers give under "get_generators:gives"."""
        out: dict[str, list[str]] = {}
        for step in self.steps:
            out.setdefault(step.at, []).extend(step.run)
            if step.at == "get_generators":
                out.setdefault("get_generators:gives", []).extend(step.gives)
        return out


def load(path: Path = SOURCE) -> Pipeline:
    """Read the declared pipeline. Raises ValueError naming the step for a missing field."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = []
    for number, raw in enumerate(data["steps"], 1):
        missing = [k for k in ("stage", "at", "run", "does") if not raw.get(k)]
        if missing:
            raise ValueError(f"{path.name}: step {number}: missing {', '.join(missing)}")
        steps.append(Step(raw["stage"], raw["at"], tuple(raw["run"]), " ".join(raw["does"].split()),
                          tuple(raw.get("gives") or ()), bool(raw.get("late"))))
    constraints = tuple(Constraint(c["first"], c["then"], " ".join(c["why"].split()))
                        for c in data.get("constraints") or [])
    work = []
    for raw in data.get("work") or []:
        missing = [k for k in ("name", "by", "each", "does") if not raw.get(k)]
        if missing:
            raise ValueError(f"{path.name}: work {raw.get('name', '?')}: missing "
                             f"{', '.join(missing)}")
        work.append(Work(raw["name"], raw["by"], raw["each"], " ".join(raw["does"].split())))
    return Pipeline(tuple(steps), constraints, tuple(work))


_declared_work: set[str] = set()


def each(name: str, func: Callable[[Any], Any], items: list, settings: dict,
         documents: int | None = None) -> list:
    """[func(item) for item in items], in order: the per-document work `name` (declared under
    `work` in pipeline.yaml). `func` must not change shared state: the performance layer may
    call it in other processes (a forked pool, so a closure is inherited, not pickled; items
    and results are pickled). `documents`: how many documents the items stand for when each
    item is a batch (default: one per item), for the layer to judge what other processes
    would save. Raises ValueError for an undeclared name, and whatever `func` raises."""
    if not _declared_work:
        _declared_work.update(w.name for w in load().work)
    if name not in _declared_work:
        raise ValueError(f"pipeline.each: {name!r} is not declared under `work` in "
                         f"{SOURCE.name}")
    for _receiver, result in EACH.send(name, func=func, items=items, settings=settings,
                                       documents=len(items) if documents is None else documents):
        if result is not None:
            return result
    return [func(item) for item in items]


def plugin_of(receiver: str) -> str:
    """The plugin (top-level package) a receiver "package.module.function" belongs to."""
    return receiver.split(".", 1)[0]


def plugins(pipeline: Pipeline | None = None) -> list[str]:
    """PLUGINS in an order that connects every signal's receivers in the declared order: a
    topological order of "plugin A has a receiver before plugin B's at one signal", ties
    broken by where a plugin first appears in the table. Late steps (connected at build start)
    and the generator points (ordered by get_generators) add no edges. Raises ValueError when
    the table asks for two plugins in both orders (no PLUGINS order can give that)."""
    pipeline = pipeline or load()
    first_seen: dict[str, int] = {}
    by_signal: dict[str, list[str]] = {}
    for step in pipeline.steps:
        if step.at in GENERATOR_POINTS or step.late:
            continue
        for receiver in step.run:
            first_seen.setdefault(plugin_of(receiver), len(first_seen))
        by_signal.setdefault(step.at, []).extend(step.run)
    after: dict[str, set[str]] = {name: set() for name in first_seen}
    for receivers in by_signal.values():
        owners = [plugin_of(r) for r in receivers]
        for i, earlier in enumerate(owners):
            for later in owners[i + 1:]:
                if later != earlier:
                    after[later].add(earlier)
    order: list[str] = []
    while len(order) < len(after):
        ready = [p for p in after if p not in order and after[p] <= set(order)]
        if not ready:
            stuck = sorted(p for p in after if p not in order)
            raise ValueError(f"pipeline.yaml orders these plugins both ways at different "
                             f"signals: {', '.join(stuck)}")
        order.append(min(ready, key=first_seen.__getitem__))
    return order


def _name(obj: object) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def live(settings_file: str) -> dict[str, list[str]]:
    """What runs when Pelican builds with `settings_file`: {signal name: receivers, in the
    order Pelican calls them}, plus "get_generators:gives" and the GENERATOR_POINTS (generator
    class names in the order Pelican runs them: its article and page generators, the plugins'
    in receiver order, its static generator last). Loads the plugins as `pelican` does and
    sends `initialized` (Pelican's constructor does); nothing is read or written (the reader
    cache is switched off). Run it in a fresh process: receivers connected by earlier builds
    in the same process keep their first position."""
    from blinker import ANY, NamedSignal
    from pelican import Pelican
    from pelican import generators as pelican_generators
    from pelican.plugins import signals
    from pelican.settings import read_settings

    settings = read_settings(settings_file, override={"CACHE_CONTENT": False})
    pelican = Pelican(settings)
    found: dict[str, list[str]] = {}
    for attr in sorted(vars(signals)):
        signal = getattr(signals, attr)
        if isinstance(signal, NamedSignal):
            receivers = [_name(r) for r in signal.receivers_for(ANY)]
            if receivers:
                found[attr] = receivers
    for own in OWN_SIGNALS:
        receivers = [_name(r) for r in own.receivers_for(ANY)]
        if receivers:
            found[own.name] = receivers
    given = [value for _receiver, value in signals.get_generators.send(pelican)]
    found["get_generators:gives"] = [cls.__name__ for cls in given]
    internal = [pelican_generators.ArticlesGenerator, pelican_generators.PagesGenerator]
    if settings.get("TEMPLATE_PAGES"):
        internal.append(pelican_generators.TemplatePagesGenerator)
    if settings.get("OUTPUT_SOURCES"):
        internal.append(pelican_generators.SourceFileGenerator)
    order = [*internal, *given, pelican_generators.StaticGenerator]
    for point in GENERATOR_POINTS:
        found[point] = [cls.__name__ for cls in order if hasattr(cls, point)]
    return found


def differences(declared: dict[str, list[str]], running: dict[str, list[str]]) -> list[str]:
    """One line per extension point where the declared order is not what runs."""
    return [f"{point}: pipeline.yaml declares {declared.get(point, [])}, Pelican runs "
            f"{running.get(point, [])}"
            for point in sorted(set(declared) | set(running))
            if declared.get(point, []) != running.get(point, [])]


def broken_constraints(pipeline: Pipeline, running: dict[str, list[str]]) -> list[str]:
    """One line per declared constraint that what runs does not keep (or cannot show: both
    receivers must run at one extension point)."""
    broken = []
    for c in pipeline.constraints:
        where = [p for p, names in running.items() if c.first in names and c.then in names]
        if not where:
            broken.append(f"{c.first} / {c.then}: not both at one extension point")
        for point in where:
            names = running[point]
            if names.index(c.first) > names.index(c.then):
                broken.append(f"{point}: {c.then} runs before {c.first}, but {c.why}")
    return broken


def table(pipeline: Pipeline | None = None) -> str:
    """The README's table (Markdown): one row per step, in the order they run."""
    pipeline = pipeline or load()
    rows = ["| # | Stage | Extension point | Runs, in order | What it does |",
            "|---|---|---|---|---|"]
    for number, step in enumerate(pipeline.steps, 1):
        runs = ", ".join(f"`{r}`" for r in step.run)
        if step.gives:
            runs += " → " + ", ".join(f"`{g}`" for g in step.gives)
        rows.append(f"| {number} | {step.stage} | `{step.at}` | {runs} | {step.does} |")
    if pipeline.work:
        rows += ["", "Per-document work, handed to `pipeline.each` (the performance layer "
                 "decides how it runs):", "",
                 "| Work | Handed over by | Each item | What it does |", "|---|---|---|---|"]
        rows += [f"| {w.name} | `{w.by}` | `{w.each_item}` | {w.does} |" for w in pipeline.work]
    return "\n".join(rows) + "\n"
