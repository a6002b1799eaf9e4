"""Each private API in plugins/private_api, checked against the installed Pelican and
Python-Markdown: any of these failing after an upgrade means the wrapper must be re-done
before the build can be trusted (read the failing test's docstring)."""

from __future__ import annotations

import datetime as dt

import pelican
import pytest
from markdown import Markdown
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

import private_api


def test_pelican_is_the_series_the_wrappers_were_checked_against():
    """A new Pelican series: re-read pelican/contents.py (_content, _summary) and
    pelican/readers.py (the reader cache) against private_api, then raise PELICAN_SERIES."""
    assert pelican.__version__.startswith(private_api.PELICAN_SERIES + "."), (
        f"Pelican {pelican.__version__}: plugins/private_api was checked against "
        f"{private_api.PELICAN_SERIES}.x only")


def _article(settings: dict, html: str, **meta) -> Article:
    metadata = {"title": "T", "date": dt.datetime(2024, 5, 1), "slug": "t", **meta}
    return Article(html, metadata=metadata, settings=settings, source_path="t.md",
                   context={"generated_content": {}, "static_content": {}, "static_links": set(),
                            "localsiteurl": ""})


@pytest.fixture
def settings(tmp_path):
    return read_settings(None, override={"PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "c"),
                                         "SITEURL": "https://s.example"})


def test_content_html_is_the_readers_html_before_link_replacement(settings):
    doc = _article(settings, '<p><a href="{filename}/a.md">a</a></p>')
    assert private_api.content_html(doc) == '<p><a href="{filename}/a.md">a</a></p>'
    private_api.set_content_html(doc, "<p>linked</p>")
    assert doc.content == "<p>linked</p>"
    assert doc.get_content("https://s.example") == "<p>linked</p>"


def test_a_summary_set_by_a_plugin_is_the_one_pelican_publishes(settings):
    """Pelican copies Content._summary into the metadata after all_generators_finalized."""
    doc = _article(settings, "<p>" + "word " * 80 + "</p>")
    private_api.set_summary(doc, "<p>Mine.</p>")
    doc.metadata.pop("summary")  # only the private attribute is left
    doc.refresh_metadata_intersite_links()
    assert doc.summary == "<p>Mine.</p>"


def test_a_cached_reading_is_what_pelicans_own_reading_then_uses(settings, tmp_path):
    """What content_model's pre-reading stores is the form Pelican's read_file takes from the
    cache: the file is not read again (its text here would give other HTML)."""
    from pelican.readers import _DISCARD

    source = tmp_path / "p.md"
    source.write_text("Title: From the file\n\nFrom the file.\n", encoding="utf-8")
    settings = {**settings, "CACHE_CONTENT": True, "CONTENT_CACHING_LAYER": "reader",
                "LOAD_CONTENT_CACHE": False}
    readers = Readers(settings, cache_name="pages")
    assert private_api.cached_reading(readers, str(source)) is None
    private_api.cache_reading(readers, str(source), "<p>From the cache.</p>",
                              {"title": "From the cache", "summary": _DISCARD})
    assert private_api.cached_reading(readers, str(source)) == (
        "<p>From the cache.</p>", {"title": "From the cache"})
    page = readers.read_file(str(tmp_path), "p.md", content_class=Page)
    assert page.content == "<p>From the cache.</p>"
    assert page.title == "From the cache"


def test_markdown_metadata_is_parsed_as_pelicans_markdown_reader_does(settings):
    from pelican.readers import MarkdownReader

    md = Markdown(extensions=["meta"])
    md.convert("Title: A *title*\nSummary: Some *stress*\nTags: a, b\n\nBody.\n")
    metadata = private_api.markdown_metadata(MarkdownReader(settings), md, md.Meta)
    assert metadata["title"] == "A *title*"  # not a formatted field
    assert metadata["summary"] == "<p>Some <em>stress</em></p>"
    assert [str(t) for t in metadata["tags"]] == ["a", "b"]


def test_a_markdown_item_registered_again_with_its_priority_keeps_its_place():
    md = Markdown(extensions=["meta", "footnotes"])
    before = [type(p).__name__ for p in md.preprocessors]
    item = md.preprocessors["meta"]
    priority = private_api.priority_of(md.preprocessors, "meta")
    md.preprocessors.deregister("meta")
    assert "MetaPreprocessor" not in [type(p).__name__ for p in md.preprocessors]
    md.preprocessors.register(item, "meta", priority)
    assert [type(p).__name__ for p in md.preprocessors] == before
    with pytest.raises(KeyError):
        private_api.priority_of(md.preprocessors, "no-such-item")


def test_registered_names_are_a_registrys_names_in_the_order_it_applies_them():
    md = Markdown(extensions=["footnotes"])
    names = private_api.registered_names(md.inlinePatterns)
    assert [md.inlinePatterns[name] for name in names] == list(md.inlinePatterns)
    assert names[:3] == ["backtick", "escape", "footnote"] and "em_strong" in names


def test_an_inline_pass_skips_the_texts_its_patterns_cannot_change():
    """Python-Markdown's InlineProcessor still has the per-text `__handleInline(data,
    patternIndex)` that skip_inline_pass_without overrides: a text without the needed
    characters keeps its straight quote only if the override is the one called."""
    import re

    md = Markdown(extensions=["smarty"])
    private_api.skip_inline_pass_without(md, "smarty", re.compile("--"))
    assert md.convert('say "a" -- b') == "<p>say &ldquo;a&rdquo; &ndash; b</p>"
    assert md.reset().convert('say "a"') == '<p>say "a"</p>'  # skipped: no "--" in it
    with pytest.raises(KeyError):
        private_api.skip_inline_pass_without(Markdown(), "smarty", re.compile("x"))


def test_jinja_pass_arg_is_how_jinjas_compiled_code_calls_a_filter():
    """A new Jinja: re-read jinja2/utils.py (_PassArg) and compiler.py (_filter_test_common),
    which write how a filter is called into the compiled code."""
    import jinja2

    # (the decorated filter, what the compiled code passes before the value)
    kinds = {None: (lambda value: value, "t_1(("),
             "context": (jinja2.pass_context(lambda context, value: value), "t_1(context, "),
             "eval_context": (jinja2.pass_eval_context(lambda eval_context, value: value),
                              "t_1(context.eval_ctx, "),
             "environment": (jinja2.pass_environment(lambda environment, value: value),
                             "t_1(environment, ")}
    for expected, (function, call) in kinds.items():
        assert private_api.jinja_pass_arg(function) == expected
        env = jinja2.Environment()
        env.filters["f"] = function
        assert call in env.compile("{{ x|f }}", raw=True), expected
