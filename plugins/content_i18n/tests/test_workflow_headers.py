"""workflow.documents reads the language and TranslationOf of each source's header: an empty
field counts as unset (README, "For editors"), as the build reads it."""

from __future__ import annotations

from content_i18n.workflow import documents


def test_an_empty_lang_or_translationof_counts_as_unset(tmp_path):
    (tmp_path / "articles").mkdir()
    # `Lang:` alone: the next line is not its value (a pattern's \s* crossed the line end).
    (tmp_path / "articles" / "a.md").write_text(
        "Title: A\nLang:\nSlug: a\n\nText.\n", encoding="utf-8")
    # No English version: the source is the one without TranslationOf, else the first file.
    (tmp_path / "articles" / "b.de.md").write_text(
        "Title: B\nLang: de\nSlug: b\nTranslationOf: \n\nText.\n", encoding="utf-8")
    (tmp_path / "articles" / "b.ru.md").write_text(
        "Title: B\nLang: ru\nSlug: b\n\nText.\n", encoding="utf-8")
    found = {s.slug: s for s in documents(tmp_path, ["en", "de", "ru"], "en")}
    assert found["a"].lang == "en"
    # An empty TranslationOf does not make b.de.md a translation: the first file stays the
    # source.
    assert found["b"].path.name == "b.de.md" and found["b"].file_langs == {"ru"}
