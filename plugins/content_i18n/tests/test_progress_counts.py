"""The one count (build.doc_stats) with the entries the build refused: a refusal decided on
one version of the file never counts an entry that is not translated in the version the count
reads (a translator saving in Poedit during `invoke serve`)."""

from __future__ import annotations

import polib
from content_i18n import summaries
from content_i18n.build import doc_stats
from content_i18n.segments import parse


def test_a_refusal_of_an_entry_since_marked_fuzzy_or_emptied_is_not_subtracted(tmp_path):
    doc = parse("Title: Case\n\nOne.\n\nTwo.\n\nThree.\n")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    po.append(polib.POEntry(msgctxt="paragraph", msgid="One.", msgstr="Один <img src=x>.",
                            flags=["fuzzy"]))
    po.append(polib.POEntry(msgctxt="paragraph", msgid="Two.", msgstr=""))
    po.append(polib.POEntry(msgctxt="paragraph", msgid="Three.", msgstr="Три <img src=x>."))
    path = tmp_path / "case.po"
    po.save(str(path))
    refused = {("paragraph", "One."), ("paragraph", "Two."), ("paragraph", "Three.")}
    s = doc_stats(doc, summaries.summarise(path).table, refused)  # decided on an older file
    # Four segments (the title and three paragraphs): One fuzzy, Two empty, Three refused,
    # the title has no entry.
    assert (s.translated, s.fuzzy, s.untranslated) == (0, 1, 3)
