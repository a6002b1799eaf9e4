"""Every private API the plugins still need, in one module, each checked by
private_api/tests/test_private_api.py, which fails loudly when an upgrade changes it.

The plugins otherwise use Pelican's documented extension points only: signals, reader classes
(readers_init), generators (get_generators), the writer (get_writer), settings and the Content
objects' public attributes. What is left, and why no public API does it:

- :func:`content_html` / :func:`set_content_html`: a document's HTML as the reader made it,
  before Pelican replaces `{filename}` links (`Content._content`). The linker changes the text
  and the summaries are cut from it; `Content.content` is a read-only, link-replaced copy.
- :func:`set_summary`: a summary a plugin made (`Content._summary`, which Pelican's
  `refresh_metadata_intersite_links` copies into the metadata: "an internal variable that
  some plugins may be writing to", pelican/contents.py).
- :func:`cache_reading` / :func:`cached_reading`: Pelican's reader cache (`Readers` is a
  FileStampDataCacher; what it stores is filtered by `readers._filter_discardable_metadata`),
  so content_model's parallel pre-reading stores exactly what Pelican's own reading would.
- :func:`markdown_metadata`: Pelican's MarkdownReader turning the Markdown `meta` extension's
  raw values into metadata (`MarkdownReader._parse_metadata` with `reader._md`: Summary and
  the other FORMATTED_FIELDS rendered as Markdown, dates and lists parsed, each value through
  `process_metadata`), for content_model's reader, which reuses one Markdown per language.
- :func:`priority_of`: the priority an item was registered with in a Python-Markdown registry
  (`Registry._priority`), to register Markdown's `meta` preprocessor again after Pelican's
  reader removed it from a reused Markdown instance.
- :func:`registered_names`: the names in a Python-Markdown registry (`Registry._priority`), in
  the order it applies its items, to know which inline patterns a pass holds.
- :func:`skip_inline_pass_without`: a Python-Markdown inline pass (an `InlineProcessor`
  registered as a treeprocessor, such as smarty's) that leaves alone a text in which none of its
  patterns can match. Its per-text entry point is the name-mangled
  `InlineProcessor.__handleInline`; no public hook sees one text before the patterns run.
- :func:`jinja_pass_arg`: how Jinja calls a filter, test or finalize function (the value
  alone, or the context, eval context or environment first: `jinja2.utils._PassArg`, set by
  its public `pass_context`, ... decorators), which Jinja writes into compiled code; the
  performance layer's shared bytecode cache keys on it (site_writer/templates.py).

Known elsewhere and owned by the performance layer (plugins/url_memo, parallel_output,
stable_output, render_memo; issue 18 item 2): `Content.url` replaced, a fork inside the
`get_writer` receiver with `os._exit` at `finalized`, `StaticGenerator.generate_output` replaced
in writer processes, `Writer._open_w` overridden, `Content._content` read for render keys.
"""

from __future__ import annotations

from typing import Any

import pelican
from markdown.treeprocessors import InlineProcessor
from pelican import readers as _readers

# The Pelican release series these were checked against (tests fail on any other).
PELICAN_SERIES = "4.12"


def content_html(doc: Any) -> str:
    """The document's HTML as its reader made it (links still `{filename}…`)."""
    return doc._content


def set_content_html(doc: Any, html: str) -> None:
    """Replace the document's HTML; `doc.content` then shows `html` (links replaced)."""
    doc._content = html


def set_summary(doc: Any, html: str) -> None:
    """Give the document a summary (also kept in `doc.metadata["summary"]`, where Pelican and
    the templates read it)."""
    doc.metadata["summary"] = html
    doc._summary = html


def cache_reading(readers: Any, path: str, content: str, metadata: dict) -> None:
    """Store one file's reading (HTML, metadata as the reader returned it) in Pelican's reader
    cache, as `Readers.read_file` does after reading it itself."""
    readers.cache_data(path, (content, _readers._filter_discardable_metadata(metadata)))


def cached_reading(readers: Any, path: str) -> tuple[str, dict] | None:
    """(HTML, metadata) from Pelican's reader cache when `path` is unchanged since, else None."""
    found = readers.get_cached_data(path, None)
    return None if found is None or found == (None, None) else found


def markdown_metadata(reader: Any, md: Any, meta: dict[str, list[str]]) -> dict:
    """`meta` ({field: [lines]}, as Markdown's meta extension left it on `md`) as Pelican's
    MarkdownReader makes it metadata. Pelican then removes `meta` from `md`'s preprocessors."""
    reader._md = md
    return reader._parse_metadata(meta)


def priority_of(registry: Any, name: str) -> float:
    """The priority `name` was registered with in a Python-Markdown Registry; KeyError when
    it is not registered."""
    for item in registry._priority:
        if item.name == name:
            return item.priority
    raise KeyError(name)


def registered_names(registry: Any) -> list[str]:
    """The names of the items of a Python-Markdown Registry, in the order it applies them
    (iterating a Registry gives the items without their names)."""
    return [item.name for item in sorted(registry._priority, key=lambda i: i.priority,
                                         reverse=True)]


def pelican_version() -> str:
    return pelican.__version__


class _SkippingInlineProcessor(InlineProcessor):
    """See skip_inline_pass_without."""

    needed: Any = None

    def _InlineProcessor__handleInline(self, data, patternIndex=0):  # noqa: N802, N803
        if patternIndex == 0 and self.needed.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


def skip_inline_pass_without(md: Any, name: str, needed: Any) -> None:
    """Make the InlineProcessor registered as treeprocessor `name` on `md` (a Markdown instance)
    return a text unchanged, without trying its patterns, when the compiled regex `needed` does
    not occur in it. Exact when every pattern of that pass consumes a match of `needed`: a
    text the patterns cannot change is what running them returns. Nested calls (the text of an
    element a pattern made) still run every pattern. KeyError when no such pass is
    registered; TypeError when it is not a plain InlineProcessor."""
    current = md.treeprocessors[name]
    if type(current) is not InlineProcessor:
        raise TypeError(f"treeprocessor {name!r} is {type(current).__name__}, not InlineProcessor")
    skipping = _SkippingInlineProcessor(md)
    skipping.inlinePatterns = current.inlinePatterns
    skipping.needed = needed
    md.treeprocessors.register(skipping, name, priority_of(md.treeprocessors, name))


def jinja_pass_arg(function: Any) -> str | None:
    """How Jinja calls `function` as a filter, test or finalize: "context", "eval_context"
    or "environment" (passed first; Jinja's pass_context, pass_eval_context and
    pass_environment decorators) or None (the value alone). jinja2/compiler.py writes this
    into a template's compiled code (_filter_test_common, _make_finalize)."""
    from jinja2.utils import _PassArg

    kind = _PassArg.from_obj(function)
    return None if kind is None else kind.name
