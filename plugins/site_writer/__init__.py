"""The performance layer: the one writer (Pelican's `get_writer`) that every output goes
through, and nothing else knows about skipping unchanged outputs, processes or timestamps.

Feature plugins hand the writer what an output is made from (`write_file(..., inputs=...)`,
`write(path, inputs, render)`; see writer.py); none of them imports this package. The writer
renders what was asked for on every core once all generators have run (`finalized`: this
plugin is listed first, so the outputs are complete before any other `finalized` step reads
them and strict mode sees what rendering logged).

Settings: PERFORMANCE (default True; False: Pelican's plain writer, one process, every output
rendered and written, URLs not kept, byte-identical output), PARALLEL_WORKERS, WRITE_FIRST
(outputs to render before the rest, e.g. the page of the document just edited).

It also runs the feature plugins' per-document work (`pipeline.each`: catalogue summaries,
linking) on every core; the features only say what to do for one item. And Markdown's and
smarty's inline passes in every Markdown instance skip the texts they cannot change
(inline_pass.py, smarty_pass.py)."""

from __future__ import annotations

from pelican import signals

import pipeline

from . import fragments, inline_pass, reading, smarty_pass, templates, urls, writer
from .files import keep_timestamps
from .settings import SCHEMA
from .writer import SiteWriter

__all__ = ["SiteWriter", "keep_timestamps"]


def _context(generators) -> None:
    for generator in generators:
        if getattr(generator, "context", None) is not None:
            writer._context["context"] = generator.context  # one context, shared by all
            return


def _get_writer(pelican):
    context = writer._context.get("context")
    if SCHEMA.get(pelican.settings, "PERFORMANCE") and context is not None:
        urls.freeze(context)
    return SiteWriter


def _finish(_pelican) -> None:
    if writer._live:
        writer._live.pop().finish()


def _each(name: str, func, items: list, settings: dict, documents: int) -> list | None:
    """`pipeline.each`'s work on every core (parallel_output.parallel_map: a forked pool,
    when the items stand for at least PARALLEL_MIN_ITEMS documents); None with
    PERFORMANCE = False, so the feature's own loop runs it in this process."""
    if not SCHEMA.get(settings, "PERFORMANCE"):
        return None
    from parallel_output import parallel_map

    return parallel_map(func, items, settings, documents=documents)


def _start(_pelican) -> None:
    for live in writer._live:  # a build that failed before finalized (make serve)
        live.abandon()
    writer._live.clear()
    writer._context.clear()
    templates.start()


def _markdown(pelican) -> None:
    """Markdown's and smarty's inline passes skip the texts they cannot change (inline_pass,
    smarty_pass)."""
    if SCHEMA.get(pelican.settings, "PERFORMANCE"):
        smarty_pass.install(pelican.settings)
        inline_pass.install(pelican.settings)


def _install_jinja(generator) -> None:
    fragments.install(generator)
    templates.install(generator)


def register() -> None:
    signals.initialized.connect(_start)
    signals.initialized.connect(_markdown)
    signals.generator_init.connect(_install_jinja)
    pipeline.EACH.connect(_each)
    signals.article_generator_init.connect(reading.prefetch)
    signals.page_generator_init.connect(reading.prefetch)
    signals.all_generators_finalized.connect(_context)
    signals.get_writer.connect(_get_writer)
    signals.finalized.connect(_finish)
