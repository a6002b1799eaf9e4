"""Fragments rendered once per key: the parts of a page that are the same on every page of a
language (the menu, the footer, the feed links) or for every mention of a registry entry (its
status line), so they are not rendered again on each of thousands of pages.

The theme wraps such a part in a call block naming everything it depends on::

    {% call fragment("footer", LANG, SITEURL) %}<footer>…</footer>{% endcall %}

The first page with a given key renders the body (autoescaped as always: the body is a Jinja
macro, so what is kept is its Markup output, not a string made into Markup here); later pages
with the same key get that output. The key must name every value the body reads that can
differ between pages: a part keyed too loosely would show another page's text, which
`plugins/site_writer/tests/test_layer.py` (the site with the layer turned off, rendering
every fragment on every page, is byte-identical) and `test_fragments.py` beside it guard
against.

One table per Jinja environment: Pelican makes a new environment for every generator of every
build, so nothing is kept from one build to the next. With PERFORMANCE = False every fragment
is rendered on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from jinja2 import Undefined

from .settings import SCHEMA


def fragment_renderer(keep: bool) -> Callable[..., object]:
    """The template global ``fragment(*key, caller)``: ``caller()`` (the call block's body,
    Markup under autoescape) rendered once per ``key`` (a tuple of hashable values: strings,
    numbers, booleans, None, or a document, compared by identity, so a text read again is a
    new key) when ``keep``, on every call otherwise. Raises TypeError for an unhashable key
    value (a list, a dict, a registry entry: name its slug instead), and for an undefined one
    (every two Jinja Undefined values are equal, so a missing slug would share one entry)."""
    kept: dict[tuple[Hashable, ...], object] = {}

    def fragment(*key: Hashable, caller: Callable[[], object]) -> object:
        for part in key:  # a loop, not any(<generator>): a page makes about ten of these calls
            if isinstance(part, Undefined):
                raise TypeError(f"fragment key {key!r} has an undefined value")
        if not keep:
            return caller()
        found = kept.get(key)
        if found is None:
            found = kept[key] = caller()
        return found

    return fragment


def install(generator) -> None:
    """Give the generator's Jinja environment the ``fragment`` global (generator_init)."""
    generator.env.globals["fragment"] = fragment_renderer(
        bool(SCHEMA.get(generator.settings, "PERFORMANCE")))
