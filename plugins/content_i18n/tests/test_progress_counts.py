"""The translators' pages' counts of one catalogue with the entries the build refused: a
refusal decided on one version of the file never counts an entry that is not translated in
the version the page reads (a translator saving in Poedit during `invoke serve`)."""

from __future__ import annotations

import polib
from content_i18n.progress import TranslatorsPagesGenerator


def test_a_refusal_of_an_entry_since_marked_fuzzy_or_emptied_is_not_subtracted(tmp_path):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    po.append(polib.POEntry(msgctxt="p1", msgid="One.", msgstr="Один <img src=x>.",
                            flags=["fuzzy"]))
    po.append(polib.POEntry(msgctxt="p2", msgid="Two.", msgstr=""))
    po.append(polib.POEntry(msgctxt="p3", msgid="Three.", msgstr="Три <img src=x>."))
    path = tmp_path / "case.po"
    po.save(str(path))
    refused = {("p1", "One."), ("p2", "Two."), ("p3", "Three.")}  # decided on an older file
    s = TranslatorsPagesGenerator._stats(path, refused)
    assert (s.translated, s.fuzzy, s.untranslated) == (0, 1, 2)
