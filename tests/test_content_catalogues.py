"""Content catalogues through real builds: publishing threshold, source-language marking,
fuzzy notices after a source edit, hostile translations, broken catalogues."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

BODY = ('First paragraph about the case.\n\nSecond paragraph, with a '
        '[link](https://example.org/a).\n\nThird paragraph.\n\nFourth paragraph.')


@pytest.fixture
def project(tmp_path) -> Path:
    """A content folder, a catalogue folder and settings pointing at both."""
    (tmp_path / "content/articles").mkdir(parents=True)
    write_article(tmp_path / "content", "case.md",
                  {**VALID, "Slug": "case", "Summary": "About the case."}, BODY)
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    return tmp_path


def extract(project: Path) -> None:
    from content_i18n.workflow import extract_all

    extract_all(project, project / "content", project / "po", ["en", "ru", "de", "fr"], "en")


def translate(project: Path, lang: str, contexts: dict[str, str]) -> None:
    path = project / "po" / lang / "case.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in contexts:
            entry.msgstr = contexts[entry.msgctxt]
    po.save(str(path))


def build(project: Path):
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    return run_pelican(project / "content", out, settings=project / "settings.py")


RU = {"title": "Дело", "summary": "О деле.", "paragraph.1": "Первый абзац о деле.",
      "paragraph.2": "Второй абзац, со [ссылкой](https://example.org/a).",
      "paragraph.3": "Третий абзац.", "paragraph.4": "Четвёртый абзац."}


def test_catalogue_translation_is_published_with_links_and_language(project):
    extract(project)
    translate(project, "ru", RU)
    translate(project, "de", {"title": "Der Fall", "paragraph.1": "Erster Absatz."})
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case/index.html")
    assert ru.find("html")["lang"] == "ru"
    assert ru.find("h1").get_text() == "Дело"
    assert ru.select_one('.e-content a[href="https://example.org/a"]').get_text() == "ссылкой"
    assert not ru.select(".e-content [lang]") and not ru.select_one(".fallback-note")
    en = build_.html("articles/case/index.html")
    assert en.select_one('link[hreflang="ru"]')["href"] == "/ru/articles/case/"
    # 2 of 6 segments: below the 80 % threshold, so not published; the switcher says so.
    assert not (project / "out/de/articles/case").exists()
    de = en.select_one('nav.languages a[hreflang="de"]')
    assert de["href"] == "/de/" and "33%" in de["title"]


def test_untranslated_segments_show_the_source_with_its_language(project):
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items() if k != "paragraph.3"})
    build_ = build(project)  # 5 of 6 = 83 %: published
    ru = build_.html("ru/articles/case/index.html")
    marked = ru.select(".e-content p[lang]")
    assert [(p["lang"], p.get_text()) for p in marked] == [("en", "Third paragraph.")]


def test_editing_a_source_paragraph_marks_exactly_that_segment_fuzzy_everywhere(project):
    extract(project)
    translate(project, "ru", RU)
    translate(project, "fr", {"title": "L’affaire", "paragraph.1": "Premier.",
                              "paragraph.2": "Deuxième.", "paragraph.3": "Troisième.",
                              "paragraph.4": "Quatrième.", "summary": "Sur l’affaire."})
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Third paragraph.", "Third paragraph, fixed."))
    extract(project)
    for lang in ("ru", "fr"):
        po = polib.pofile(str(project / "po" / lang / "case.po"))
        assert [e.msgctxt for e in po.fuzzy_entries()] == ["paragraph.3"]
        assert po.find("Third paragraph, fixed.", msgctxt="paragraph.3").previous_msgid == \
            "Third paragraph."
        assert len(po.translated_entries()) == 5  # nothing else lost
    de = polib.pofile(str(project / "po" / "de" / "case.po"))
    assert not de.fuzzy_entries()  # nothing was translated there, nothing to mark
    build_ = build(project)  # 5 of 6 translated and not fuzzy: still published, with a notice
    ru = build_.html("ru/articles/case/index.html")
    assert "Третий абзац." in ru.select_one(".e-content").get_text()
    note = ru.select_one(".fallback-note")
    assert note and note.select_one("a")["href"] == "/articles/case/"


def test_hostile_translation_is_refused_entry_by_entry(project):
    """A msgstr the sanitiser would change is not used: the source shows (marked with its
    language), a warning names catalogue, line and what was refused; strict mode stops."""
    extract(project)
    hostile = {**RU,
               "paragraph.1": 'Привет <script>alert(1)</script><img src=x onerror="alert(2)">',
               "paragraph.2": "Текст [Spenden](javascript:alert(3))",
               "paragraph.3": '<div><svg><image href="https://tracker.example/b.png"/></svg></div>',
               "summary": '<meta http-equiv="refresh" content="0; URL=http://tracker.example/r">О',
               "title": "<script>alert(4)</script>Дело"}
    translate(project, "ru", hostile)
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    said = " ".join(build_.output.split())
    po = (project / "po/ru/case.po").read_text(encoding="utf-8").splitlines()
    for context, what in (("paragraph.1", "<script> is not allowed"),
                          ("paragraph.2", "a javascript: URL in <a href> runs script"),
                          ("paragraph.3", "<svg> is not allowed"),
                          ("summary", "<meta> is not allowed")):
        line = po.index(f'msgctxt "{context}"') + 1
        assert f"po/ru/case.po: line {line}: msgctxt {context}: {what}" in said, build_.output
    page = (project / "out/ru/articles/case/index.html").read_text(encoding="utf-8")
    assert "alert(" not in page.replace("<script>alert(4)</script>Дело", "").replace(
        "&lt;script&gt;alert(4)&lt;/script&gt;", "")
    assert "onerror" not in page and "javascript:" not in page and "tracker.example" not in page
    assert "http-equiv=\"refresh\"" not in page
    body = build_.html("ru/articles/case/index.html").select_one(".e-content")
    first = body.find("p", string=lambda s: s and "First paragraph" in s)
    assert first is not None and first["lang"] == "en", body
    assert "Четвёртый абзац." in body.get_text()  # the other entries are used
    strict = settings_with(project / "strict.py", CONTENT_TRANSLATIONS_DIR=str(project / "po"),
                           STRICT_WARNINGS=True)
    out = project / "out-strict"
    failed = run_pelican(project / "content", out, settings=strict)
    assert failed.returncode != 0 and "msgctxt paragraph.2" in failed.output, failed.output
    assert "Traceback" not in failed.output


def test_broken_content_catalogue_stops_the_build_with_file_and_line(project):
    extract(project)
    path = project / "po/ru/case.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith('msgid "First paragraph'))
    lines[n + 1] = 'msgstr "Первый абзац'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_ = build(project)
    assert build_.returncode != 0
    assert f"po/ru/case.po: line {n + 2}: unterminated string" in build_.output
    assert "Traceback" not in build_.output


def test_translated_markdown_wins_and_is_flagged_when_its_source_changed(project):
    from content_i18n import git_blob_hash

    extract(project)
    translate(project, "ru", RU)
    source = project / "content/articles/case.md"
    write_article(project / "content", "case.ru.md",
                  {**VALID, "Slug": "case", "Lang": "ru", "Title": "Дело (файл)",
                   "TranslationOf": git_blob_hash(str(source))}, "Перевод файлом.")
    build_ = build(project)
    ru = build_.html("ru/articles/case/index.html")
    assert ru.find("h1").get_text() == "Дело (файл)"  # the Markdown file wins
    assert not ru.select_one(".fallback-note")
    source.write_text(source.read_text().replace("Fourth paragraph.", "Fourth, corrected."))
    ru = build(project).html("ru/articles/case/index.html")
    assert ru.select_one(".fallback-note")  # the source changed since it was translated


def test_translators_page_lists_progress_outdated_first_and_links_catalogues(project):
    extract(project)
    write_article(project / "content", "other.md", {**VALID, "Slug": "other"}, "One. Two.")
    extract(project)
    translate(project, "ru", RU)
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Third paragraph.", "Third, fixed."))
    extract(project)  # case.po now has one fuzzy segment
    build_ = build(project)
    soup = build_.html("ru/translate/index.html")
    rows = soup.select(".progress-table tbody tr")
    assert [r.select("td a")[-1].get_text() for r in rows] == ["case.po", "other.po"]
    assert "outdated" in rows[0]["class"]
    href = rows[0].select("td a")[-1]["href"]
    assert (project / "out" / href.lstrip("/")).read_text(encoding="utf-8").count("#, fuzzy") == 1
    progress = rows[0].select_one("progress")
    assert (progress["value"], progress["max"]) == ("5", "6")
    overview = build_.html("translate/index.html")
    assert [a["hreflang"] for a in overview.select(".progress-table a")] == ["ru", "uk", "de",
                                                                             "fr", "es"]


def test_status_table_counts_translated_fuzzy_and_untranslated(project):
    from content_i18n.workflow import format_status, status

    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items() if k != "paragraph.4"})
    rows = status(project / "po", ROOT / "translations", ["en", "ru", "de", "fr"], "en",
                  project / "content")
    table = {(lang, part): s for lang, part, s in rows}
    s = table[("ru", "articles")]
    assert (s.translated, s.fuzzy, s.untranslated) == (5, 0, 1)
    assert table[("de", "articles")].translated == 0
    assert "| ru | articles | 5 | 0 | 1 | 83 |" in format_status(rows)


def test_sample_site_shows_every_translation_state(site):
    """Five articles in Russian through catalogues, two in every other language, one below the
    threshold and one with a fuzzy segment after a source edit."""
    ru = ["chilikin-released", "mikheev-detained", "kupriyanov-not-remanded",
          "orlov-second-trial", "skoryakin-fined-and-released"]
    for slug in ru:
        assert not (ROOT / f"content/articles/2024/{slug}.ru.md").exists()  # no file: catalogue
        assert (site.out_dir / f"ru/articles/{slug}/index.html").exists()
    for lang, slugs in {"uk": ["chilikin-released", "mikheev-detained"],
                        "de": ["chilikin-released", "orlov-second-trial"],
                        "fr": ["chilikin-released", "mikheev-detained"],
                        "es": ["chilikin-released", "mikheev-detained"]}.items():
        for slug in slugs:
            assert (site.out_dir / f"{lang}/articles/{slug}/index.html").exists(), (lang, slug)
    assert not (site.out_dir / "de/articles/mikheev-detained").exists()  # below the threshold
    fuzzy = site.html("de/articles/chilikin-released/index.html")
    assert fuzzy.select_one(".fallback-note")
    assert "Geldstrafe statt sechs Jahren" in fuzzy.find("h1").get_text()


def test_registry_texts_are_extracted_and_used_for_missing_languages(tmp_path):
    import yaml
    from content_i18n.registry import table, texts, translated
    from content_i18n.workflow import extract_all

    from prisoner_registry.schema import Person

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content/prisoners", content / "prisoners")
    (content / "articles").mkdir()
    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru", "de"], "en")
    po = tmp_path / "po/de/prisoners/yuri-efimov.po"
    entries = {e.msgctxt: e for e in polib.pofile(str(po))}
    assert {"bio", "occupation", "timeline.0.event", "charges.0.description"} <= set(entries)
    assert entries["bio"].occurrences[0][0] == "content/prisoners/yuri-efimov.yaml"
    assert "Field: bio" in entries["bio"].comment
    entries["bio"].msgstr = "Juri Jefimow ist Rentner."
    entries["occupation"].msgstr = "Rentner"
    entries["occupation"].flags.append("fuzzy")  # not trusted, not used
    pofile = polib.pofile(str(po))
    for entry in pofile:
        if entry.msgctxt in entries:
            entry.msgstr, entry.flags = entries[entry.msgctxt].msgstr, entries[entry.msgctxt].flags
    pofile.save(str(po))
    person = Person.model_validate(yaml.safe_load(
        (content / "prisoners/yuri-efimov.yaml").read_text(encoding="utf-8")))
    filled = translated(person, {"de": table(po), "ru": {"bio": "Не должно быть использовано."}})
    assert filled.bio["de"] == "Juri Jefimow ist Rentner."
    assert "de" not in filled.occupation  # fuzzy: the English text stays, with its note
    assert filled.bio["ru"] == person.bio["ru"]  # the YAML wins over a catalogue
    assert dict(texts(filled))["bio"]["en"] == person.bio["en"]


def test_sample_profile_translated_through_its_catalogue(site):
    soup = site.html("uk/prisoners/boris-kagarlitsky/index.html")
    assert soup.select_one(".bio")["lang"] == "uk"
    assert not soup.select_one(".fallback-note")
    assert soup.select_one(".occupation").get_text() == "соціолог-марксист"
    assert "Засуджений до п’яти років колонії." in soup.select_one(".timeline").get_text()
    de = site.html("de/prisoners/boris-kagarlitsky/index.html")
    assert de.select_one(".fallback-note")  # not translated there: English with a note
