"""The two checks every skipping inline pass of the performance layer (site_writer's
smarty_pass and inline_pass) is held to: skipping changes no document's HTML, and a text
without the characters the pass needs matches none of its patterns."""

from __future__ import annotations

import re


def assert_skipping_changes_nothing(monkeypatch, plain, faster, name: str,
                                    search, texts: list[str]) -> None:
    """`faster` (whose tree processor `name` skips texts `search` finds nothing in) converts
    every text as `plain` does, and the comparison covers many skipped texts."""
    skipped = []
    monkeypatch.setattr(faster.treeprocessors[name], "needed",
                        type("Counting", (), {"search": staticmethod(
                            lambda text: skipped.append(1) if search(text) is None
                            else search(text))})())
    assert [faster.reset().convert(t) for t in texts] == [plain.reset().convert(t) for t in texts]
    assert len(skipped) > 1000  # the comparison covers many skipped texts


def assert_needed_matches_no_pattern(needed: re.Pattern, patterns: list,
                                     texts: list[str]) -> None:
    """Remove every match of `needed` from each text: none of the pass's `patterns` (Markdown
    inline patterns) finds anything in what is left."""
    for text in texts:
        stripped = needed.sub("\u2009", text)
        assert needed.search(stripped) is None
        for pattern in patterns:
            assert pattern.getCompiledRegExp().search(stripped) is None, (pattern, stripped)


def assert_installed_only_with_the_layer(settings: dict, extension: str) -> None:
    """site_writer._markdown adds the pass's `extension` to MARKDOWN with PERFORMANCE on,
    not with it off, and never into the settings object it was given a copy of."""
    from site_writer import _markdown

    off = {**settings, "PERFORMANCE": False}
    _markdown(type("P", (), {"settings": off})())
    assert extension not in off["MARKDOWN"]["extension_configs"]
    on = {**settings, "PERFORMANCE": True}
    _markdown(type("P", (), {"settings": on})())
    assert extension in on["MARKDOWN"]["extension_configs"]
    assert extension not in settings["MARKDOWN"]["extension_configs"]  # not shared
