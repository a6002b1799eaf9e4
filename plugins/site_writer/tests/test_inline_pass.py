"""inline_pass: Markdown's own inline pass skips the texts none of its patterns can change,
and the HTML of every document stays the same byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.treeprocessors import InlineProcessor
from pelican.settings import read_settings

from content_model.reader import markdown_config
from private_api import _SkippingInlineProcessor
from site_writer import inline_pass, smarty_pass
from tests.skipping_pass import (
    assert_installed_only_with_the_layer,
    assert_needed_matches_no_pattern,
    assert_skipping_changes_nothing,
)

ROOT = Path(__file__).resolve().parents[3]
PIECES = ["word", "Слово", "l'été", "'quoted'", '"double"', "--", "...", "<<", ">>", "<", ">",
          "`code`", "``a ` b``", "\\`", "\\\\", "\\*", "*em*", "**strong**", "***both***",
          "_u_", "__uu__", "snake_case", "2 * 3", "[a](/b)", "[a][r]", "[r]", "![i](/i.png)",
          "![i][r]", "\n\n[r]: /x", "[^1]", "\n\n[^1]: note", "<em>x</em>", "<br>", "<!-- c -->",
          "&amp;", "&nbsp;", "&#8212;", "& ", "\u00a0", "1 000", "  \n", " \n", "\n\n", "\n",
          " ", "  ", "<https://example.org>", "<a@b.org>", "https://example.org",
          "| a | b |\n|---|---|\n| 1 | 2 |", "> quote", "- item", "1. one", "# Head",
          "    indented", "```\nfenced\n```", "{: .x}", "«", "»", "!", "]", "(", ")"]


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    rnd = random.Random(18)
    texts += ["".join(rnd.choice(PIECES) + rnd.choice(["", " ", "\n"])
                      for _ in range(rnd.randint(1, 30)))
              for _ in range(800)]
    return texts


def _markdowns(settings: dict, lang: str) -> tuple[Markdown, Markdown]:
    faster = dict(settings)
    smarty_pass.install(faster)
    inline_pass.install(faster)
    slower = dict(settings)
    smarty_pass.install(slower)
    return (Markdown(**markdown_config(slower, lang)),
            Markdown(**markdown_config(faster, lang)))


@pytest.mark.parametrize("lang", ["en", "ru", "fr"])
def test_documents_convert_to_the_same_html(settings, lang, monkeypatch):
    plain, faster = _markdowns(settings, lang)
    assert type(faster.treeprocessors["inline"]) is _SkippingInlineProcessor
    assert type(plain.treeprocessors["inline"]) is InlineProcessor
    assert_skipping_changes_nothing(monkeypatch, plain, faster, "inline",
                                    faster.treeprocessors["inline"].needed.search, _texts())


def test_a_text_without_the_needed_characters_matches_no_inline_pattern(settings):
    """`needed`'s claim, checked pattern by pattern: remove every match of it and none of the
    pass's patterns finds anything (a new pattern in a Markdown upgrade is checked too)."""
    plain, _ = _markdowns(settings, "en")
    needed = inline_pass.needed(plain)
    patterns = list(plain.inlinePatterns)
    assert needed is not None and len(patterns) >= 15
    assert_needed_matches_no_pattern(needed, patterns, _texts())


def test_an_unknown_inline_pattern_turns_the_skip_off():
    md = Markdown(extensions=["footnotes", "smarty"])
    assert inline_pass.needed(md) is not None
    md.inlinePatterns.register(InlinePattern(r"~~", md), "strike", 65)
    assert inline_pass.needed(md) is None
    md = Markdown(extensions=[inline_pass.InlinePassExtension()])
    assert type(md.treeprocessors["inline"]) is _SkippingInlineProcessor
    md = Markdown(extensions=["markdown.extensions.wikilinks", inline_pass.InlinePassExtension()])
    assert type(md.treeprocessors["inline"]) is InlineProcessor  # wikilinks: not known


def test_only_with_the_performance_layer(settings):
    assert_installed_only_with_the_layer(settings, inline_pass.EXTENSION)
