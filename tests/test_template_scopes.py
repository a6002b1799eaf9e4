"""Templates: no `set` directly in a block or a loop before a call in it. Jinja keeps such a
name in the block's or loop's own variables and, for every later call of a function that
takes the context (`_()`, url_for(), current_lang()…), copies the whole page context to add
them (jinja2.runtime.Context.call and Context.derived, Jinja 3.1). A page's values are set at
the template's top level instead, or scoped with `{% with %}`, whose calls copy nothing. Read
from the templates' syntax trees; the time it saves is measured by bench/, not here."""

from __future__ import annotations

from jinja2 import Environment, nodes

from tests.sitebuild import ROOT

TEMPLATES = ROOT / "theme" / "templates"
# The templates of the pages a build renders by the thousand (one per text or person and
# language), the parts they import or include, and the registry's list (a thousand entries
# a page); the other pages are a few per language.
PER_DOCUMENT = ["base.html", "_macros.html", "_action.html", "_hearings.html", "article.html",
                "prisoner.html", "index.html", "tag.html", "category.html", "prisoners.html"]
# Statements whose body Jinja compiles as a frame of its own: a block's and a loop's carry
# their `set` names into each call; a macro's, call block's, filter block's and with's do not.
COPYING = (nodes.Block, nodes.For)
OWN_FRAME = COPYING + (nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.With)


def _in_frame(node: nodes.Node):
    """The nodes of `node`'s frame in document order, not entering nested frames."""
    for child in node.iter_child_nodes():
        yield child
        if not isinstance(child, OWN_FRAME):
            yield from _in_frame(child)


def _frames(node: nodes.Node):
    for child in node.iter_child_nodes():
        if isinstance(child, COPYING):
            yield child
        yield from _frames(child)


def _sets_before_calls(template: nodes.Template) -> list[int]:
    found = []
    for frame in _frames(template):
        body = list(_in_frame(frame) if isinstance(frame, nodes.Block)
                    else (n for stmt in frame.body for n in [stmt, *_in_frame(stmt)]
                          if not isinstance(stmt, OWN_FRAME) or n is stmt))
        sets = [n for n in body if isinstance(n, (nodes.Assign, nodes.AssignBlock))]
        if sets and any(isinstance(n, nodes.Call) and isinstance(n.node, nodes.Name)
                        for n in body[body.index(sets[0]) + 1:]):
            found.append(sets[0].lineno)
    return found


def test_no_page_template_sets_a_name_in_a_block_or_loop_before_a_call():
    env = Environment(extensions=["jinja2.ext.i18n"])
    found = [f"{name}:{line}" for name in PER_DOCUMENT for line in _sets_before_calls(
        env.parse((TEMPLATES / name).read_text(encoding="utf-8")))]
    assert found == [], "set at the top level or in {% with %} instead: " + ", ".join(found)
