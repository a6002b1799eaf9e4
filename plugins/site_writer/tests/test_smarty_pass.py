"""smarty_pass: smarty's inline pass skips the texts none of its patterns can change, and the
HTML of every document stays the same byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown import Markdown
from pelican.settings import read_settings

from content_model.reader import markdown_config
from private_api import _SkippingInlineProcessor
from site_writer import smarty_pass
from tests.skipping_pass import (
    assert_installed_only_with_the_layer,
    assert_needed_matches_no_pattern,
    assert_skipping_changes_nothing,
)

ROOT = Path(__file__).resolve().parents[3]
PIECES = ["word", "Слово", "l'été", "'quoted'", '"double"', "--", "---", "-", "...", "..",
          "<<", ">>", "<", ">", "'", '"', "'90s", "`code`", "*em*", "**strong**", "[a](/b)",
          "<em>x</em>", "&amp;", "&nbsp;", "\u00a0", "1 000", "\n\n", "\n", " ", "  ", "—", "–",
          "[^1]", "\n\n[^1]: note", "| a | b |\n|---|---|\n| 1 | 2 |", "> quote", "- item",
          "https://example.org", "<https://example.org>", "\\'", '\\"', "O'Neil", "«", "»"]


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md"))]
    rnd = random.Random(18)
    texts += ["".join(rnd.choice(PIECES) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 30)))
              for _ in range(600)]
    return texts


def _markdowns(settings: dict, lang: str) -> tuple[Markdown, Markdown]:
    faster = dict(settings)
    smarty_pass.install(faster)
    return (Markdown(**markdown_config(settings, lang)),
            Markdown(**markdown_config(faster, lang)))


@pytest.mark.parametrize("lang", ["en", "ru", "de", "fr"])
def test_documents_convert_to_the_same_html(settings, lang, monkeypatch):
    plain, faster = _markdowns(settings, lang)
    assert type(faster.treeprocessors["smarty"]) is _SkippingInlineProcessor
    assert type(plain.treeprocessors["smarty"]) is not _SkippingInlineProcessor
    assert_skipping_changes_nothing(monkeypatch, plain, faster, "smarty",
                                    smarty_pass.NEEDED.search, _texts())


def test_a_text_without_the_needed_characters_matches_no_smarty_pattern(settings):
    """NEEDED's claim, checked pattern by pattern: remove every match of it and none of
    smarty's patterns finds anything (a new pattern in a Markdown upgrade is checked too)."""
    plain, _ = _markdowns(settings, "en")
    patterns = list(plain.treeprocessors["smarty"].inlinePatterns)
    assert len(patterns) >= 20
    assert_needed_matches_no_pattern(smarty_pass.NEEDED, patterns, _texts())


def test_only_with_the_performance_layer(settings):
    assert_installed_only_with_the_layer(settings, smarty_pass.EXTENSION)
