"""A catalogue msgfmt accepts but polib refuses is one CatalogueError with its line."""

from __future__ import annotations

import re

import pytest
from content_i18n import summaries
from content_i18n.catalogs import CatalogueError

TEXT = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "One."\nmsgstr "Od\u2028in."\n')


def test_what_polib_refuses_after_msgfmt_accepted_it_is_a_catalogue_error(tmp_path, monkeypatch):
    # The input rules refuse U+2028 first (safe_input.text.po_escape); with that rule off, the
    # catalogue reaches polib, which refuses it: the net below the rule must still hold.
    import safe_input.text

    monkeypatch.setattr(safe_input.text, "_LINE_SEPARATOR", re.compile("(?!x)x"))
    path = tmp_path / "one.po"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        summaries.summarise(path)
    assert caught.value.where == "line 6"


def test_the_input_rule_names_the_separator_and_its_line(tmp_path):
    path = tmp_path / "one.po"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        summaries.summarise(path)
    assert caught.value.where == "line 6"
    assert "U+2028" in caught.value.problem
