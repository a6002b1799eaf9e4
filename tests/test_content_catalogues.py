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

    from pelicanconf import MARKDOWN

    extract_all(project, project / "content", project / "po", ["en", "ru", "de", "fr"], "en",
                markdown=MARKDOWN)


def translate(project: Path, lang: str, strings: dict[str, str]) -> None:
    """Translate entries by msgctxt ("title", "summary") or by their msgid, as a translator
    in Poedit would, saving with polib."""
    path = project / "po" / lang / "case.po"
    po = polib.pofile(str(path))
    for entry in po:
        key = entry.msgctxt if entry.msgctxt in ("title", "summary") else entry.msgid
        if key in strings:
            entry.msgstr = strings[key]
    po.save(str(path))


def build(project: Path):
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    return run_pelican(project / "content", out, settings=project / "settings.py")


RU = {"title": "Дело", "summary": "О деле.",
      "First paragraph about the case.": "Первый абзац о деле.",
      "Second paragraph, with a [link](https://example.org/a).":
          "Второй абзац, со [ссылкой](https://example.org/a).",
      "Third paragraph.": "Третий абзац.", "Fourth paragraph.": "Четвёртый абзац."}


def test_catalogue_translation_is_published_with_links_and_language(project):
    extract(project)
    translate(project, "ru", RU)
    translate(project, "de", {"title": "Der Fall",
                              "First paragraph about the case.": "Erster Absatz."})
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
    translate(project, "ru", {k: v for k, v in RU.items() if k != "Third paragraph."})
    build_ = build(project)  # 5 of 6 = 83 %: published
    ru = build_.html("ru/articles/case/index.html")
    marked = ru.select(".e-content p[lang]")
    assert [(p["lang"], p.get_text()) for p in marked] == [("en", "Third paragraph.")]


def test_editing_a_source_paragraph_marks_exactly_that_segment_fuzzy_everywhere(project):
    extract(project)
    translate(project, "ru", RU)
    translate(project, "fr", {"title": "L’affaire", "First paragraph about the case.": "Premier.",
                              "Second paragraph, with a [link](https://example.org/a).":
                                  "Deuxième.", "Third paragraph.": "Troisième.",
                              "Fourth paragraph.": "Quatrième.", "summary": "Sur l’affaire."})
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Third paragraph.", "Third paragraph, fixed."))
    extract(project)
    for lang in ("ru", "fr"):
        po = polib.pofile(str(project / "po" / lang / "case.po"))
        assert [e.msgid for e in po.fuzzy_entries()] == ["Third paragraph, fixed."]
        assert po.find("Third paragraph, fixed.", msgctxt="paragraph").previous_msgid == \
            "Third paragraph."
        assert len(po.translated_entries()) == 5  # nothing else lost
    de = polib.pofile(str(project / "po" / "de" / "case.po"))
    assert not de.fuzzy_entries()  # nothing was translated there, nothing to mark
    build_ = build(project)  # 5 of 6 translated and not fuzzy: still published, with a notice
    ru = build_.html("ru/articles/case/index.html")
    # A fuzzy translation is not used (msgfmt leaves it out too): the source, marked English.
    assert "Третий абзац." not in ru.select_one(".e-content").get_text()
    assert [(p["lang"], p.get_text()) for p in ru.select(".e-content p[lang]")] == [
        ("en", "Third paragraph, fixed.")]
    note = ru.select_one(".fallback-note")
    assert note and note.select_one("a")["href"] == "/articles/case/"


def test_hostile_translation_is_refused_entry_by_entry(project):
    """A msgstr the sanitiser would change is not used: the source shows (marked with its
    language), a warning names catalogue, line and what was refused; strict mode stops."""
    extract(project)
    hostile = {**RU,
               "First paragraph about the case.":
                   'Привет <script>alert(1)</script><img onerror="alert(2)">',
               "Third paragraph.":
                   '<div><svg><circle r="9"></circle></svg></div>',
               "summary": '<meta http-equiv="refresh" content="0; URL=http://tracker.example/r">О',
               "title": "<script>alert(4)</script>Дело"}
    translate(project, "ru", hostile)
    # Refused entries do not count towards the threshold (3 of 6 usable): a version published
    # before, whose catalogue says so, is shown with the source for each refused entry.
    po = polib.pofile(str(project / "po/ru/case.po"))
    po.metadata["X-Published"] = "yes"
    po.save(str(project / "po/ru/case.po"))
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    said = build_.said
    po = (project / "po/ru/case.po").read_text(encoding="utf-8").splitlines()
    def entry_line(first: str) -> int:
        """The 1-based line of the msgstr of the entry holding `first`."""
        n = po.index(first)
        while not po[n].startswith("msgstr"):
            n += 1
        return n + 1

    for first, context, what in (
            ('msgid "First paragraph about the case."', "paragraph", "<script> is not allowed"),
            ('msgid "Third paragraph."', "paragraph", "<svg> is not allowed"),
            ('msgctxt "summary"', "summary", "<meta> is not allowed")):
        line = entry_line(first)
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
    # (A link to another https: address in a msgstr is not refused by the sanitiser but
    # changes a link target: that stops the build instead,
    # test_translation_that_changes_a_link_target_stops_the_build.)
    strict = settings_with(project / "strict.py", CONTENT_TRANSLATIONS_DIR=str(project / "po"),
                           STRICT_WARNINGS=True)
    out = project / "out-strict"
    failed = run_pelican(project / "content", out, settings=strict)
    assert failed.returncode != 0 and "<script> is not allowed" in failed.output, failed.output
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
    source.write_text(source.read_text().replace("Third paragraph.", "Third paragraph, fixed."))
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
    translate(project, "ru", {k: v for k, v in RU.items() if k != "Fourth paragraph."})
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


def test_inserted_paragraph_built_without_extract_shows_the_source_not_a_neighbour(project):
    """The editor inserts a correction at the top and builds without `invoke i18n.extract`:
    every translation stays under the paragraph it translates, the correction is shown in
    English, marked as English, and the page says the translation may be outdated."""
    extract(project)
    translate(project, "ru", RU)
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace(
        "First paragraph", "CORRECTION: the hearing was moved.\n\nFirst paragraph"))
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case/index.html")
    paragraphs = [(p.get("lang"), p.get_text()) for p in ru.select(".e-content p")]
    assert paragraphs == [("en", "CORRECTION: the hearing was moved."),
                          (None, "Первый абзац о деле."),
                          (None, "Второй абзац, со ссылкой."),
                          (None, "Третий абзац."), (None, "Четвёртый абзац.")]
    assert ru.select_one(".fallback-note a")["href"] == "/articles/case/"


def test_a_changed_title_and_summary_show_the_source_marked_with_its_language(project):
    """The editor rewords the Title and Summary and builds without extract: the Russian page
    and its card show the English text (never the old translation), marked lang="en", and the
    body keeps its translations."""
    extract(project)
    translate(project, "ru", RU)
    translated = build(project).html("ru/articles/case/index.html").select_one("h1.p-name")
    assert (translated.get("lang"), translated.get_text()) == (None, "Дело")
    source = project / "content/articles/case.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Summary: About the case.", "Summary: The case, retold.")
                      .replace(f"Title: {VALID['Title']}", "Title: A reworded headline"),
                      encoding="utf-8")
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case/index.html")
    h1 = ru.select_one("h1.p-name")
    assert (h1.get("lang"), h1.get_text()) == ("en", "A reworded headline")
    assert "Первый абзац о деле." in ru.select_one(".e-content").get_text()
    card = build_.html("ru/index.html").select_one(".card")
    assert card.select_one(".card-title").get("lang") == "en"
    assert card.select_one(".summary").get("lang") == "en"
    assert "The case, retold." in card.select_one(".summary").get_text()


def test_translation_that_changes_a_link_target_stops_the_build(project):
    extract(project)
    translate(project, "ru", {**RU, "Second paragraph, with a [link](https://example.org/a).":
                              "Второй абзац, со [ссылкой](https://elsewhere.example/)."})
    build_ = build(project)
    assert build_.returncode != 0
    line = msgstr_line(project / "po/ru/case.po",
                      'msgid "Second paragraph, with a [link](https://example.org/a)."')
    assert (f"po/ru/case.po: line {line}: msgctxt paragraph: link targets "
            "['https://example.org/a'] became ['https://elsewhere.example/']"
            ) in build_.said
    assert "Traceback" not in build_.output and not (project / "out/ru").exists()


def test_a_title_is_plain_text_so_a_link_in_it_is_no_link_target_error(project):
    """A title is shown as typed (escaped), never as Markdown: a translated title that looks
    like a link points nowhere, so it is not a changed link target and the build goes on."""
    extract(project)
    translate(project, "ru", {**RU, "title": "[Дело](https://elsewhere.example/)"})
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert "link targets" not in build_.said, build_.output
    page = build_.html("ru/articles/case/index.html")
    assert page.find("h1").get_text() == "[Дело](https://elsewhere.example/)"
    assert not page.select('a[href^="https://elsewhere.example"]')


def test_catalogue_versions_made_in_other_processes_report_their_errors_and_warnings(project):
    """With the performance layer's pool making the catalogue versions (two texts, no
    smallest batch), a changed link target (an input error) and a refused msgstr (a
    warning) found there are still reported by the build, naming catalogue and line."""
    write_article(project / "content", "other.md", {**VALID, "Slug": "other"}, BODY)
    settings_with(project / "settings.py", CONTENT_TRANSLATIONS_DIR=str(project / "po"),
                  PARALLEL_WORKERS=2, PARALLEL_MIN_ITEMS=1)
    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": "<script>alert(1)</script>"})
    other = project / "po/ru/other.po"
    po = polib.pofile(str(other))
    for entry in po:
        entry.msgstr = RU.get(entry.msgctxt if entry.msgctxt in ("title", "summary")
                              else entry.msgid, "")
        if entry.msgid.startswith("Second paragraph"):
            entry.msgstr = "Второй абзац, со [ссылкой](https://elsewhere.example/)."
    po.save(str(other))
    build_ = build(project)
    assert build_.returncode != 0
    line = msgstr_line(other, 'msgid "Second paragraph, with a [link](https://example.org/a)."')
    assert (f"po/ru/other.po: line {line}: msgctxt paragraph: link targets "
            "['https://example.org/a'] became ['https://elsewhere.example/']") in build_.said
    line = msgstr_line(project / "po/ru/case.po", 'msgid "Third paragraph."')
    assert (f"po/ru/case.po: line {line}: msgctxt paragraph: <script> is not allowed"
            ) in build_.said, build_.output
    assert "Traceback" not in build_.output


def msgstr_line(path: Path, first: str) -> int:
    """The 1-based line of the msgstr of the entry holding the line `first`: where msgfmt
    puts its messages about an entry, and what a translator fixes."""
    lines = path.read_text(encoding="utf-8").splitlines()
    n = lines.index(first)
    while not lines[n].startswith("msgstr"):
        n += 1
    return n + 1


def test_a_refused_msgstr_with_an_external_url_is_one_warning_not_a_link_target_error(project):
    """`<img src=https://…>` in a msgstr is refused by the sanitiser, so the entry is never
    used: one line names the catalogue, the entry's line and what to fix, the source text
    shows, and the link-target check does not stop the build on the same entry; strict mode
    (publishconf) fails on that one line."""
    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.":
                              "Третий <img src=https://example.org/x.png> абзац."})
    build_ = build(project)
    said = build_.said
    assert build_.returncode == 0, build_.output
    line = msgstr_line(project / "po/ru/case.po", 'msgid "Third paragraph."')
    assert (f"po/ru/case.po: line {line}: msgctxt paragraph: <img src> loads "
            "https://example.org/x.png from another host") in said, build_.output
    # A translator's advice: a translation may not add an image (nor content/images).
    assert ("from another host, which learns who reads the page; remove the image from the "
            "translation: images are added by an editor, in the source text") in said, said
    assert "content/images" not in said and "{static}" not in said, said
    assert said.count("po/ru/case.po") == 1 and "link targets" not in said, build_.output
    body = build_.html("ru/articles/case/index.html").select_one(".e-content")
    third = body.find("p", string="Third paragraph.")
    assert third is not None and third["lang"] == "en", body
    assert "example.org/x.png" not in str(body)
    strict = settings_with(project / "strict.py", CONTENT_TRANSLATIONS_DIR=str(project / "po"),
                           STRICT_WARNINGS=True)
    failed = run_pelican(project / "content", project / "out-strict", settings=strict)
    said = failed.said
    assert failed.returncode != 0 and f"po/ru/case.po: line {line}: msgctxt paragraph" in said
    assert "link targets" not in said and "Traceback" not in failed.output, failed.output


def test_a_refused_msgstr_does_not_count_towards_the_threshold_and_is_always_named(project):
    """An entry the sanitiser refuses is not a usable translation: with four of six entries
    translated and a fifth refused, the version is at 66.7 %, below the 80 % threshold, so
    it is not published and the switcher says 66 % (rounded down); the translator still
    gets the one line naming catalogue, line and what to fix. Once the threshold is reached
    without it, the page shows the source for that paragraph and says the translation may
    be outdated."""
    extract(project)
    refused = "Третий <img src=https://example.org/x.png> абзац."
    translate(project, "ru", {**{k: v for k, v in RU.items() if k != "Fourth paragraph."},
                              "Third paragraph.": refused})
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    line = msgstr_line(project / "po/ru/case.po", 'msgid "Third paragraph."')
    assert (f"po/ru/case.po: line {line}: msgctxt paragraph: <img src> loads "
            "https://example.org/x.png from another host") in build_.said, build_.output
    assert not (project / "out/ru/articles/case").exists()
    switcher = build_.html("articles/case/index.html").select_one(
        'nav.languages a[hreflang="ru"]')
    assert "66%" in switcher["title"], switcher
    extract(project)  # extract does not record the version as published either
    assert "X-Published" not in (project / "po/ru/case.po").read_text(encoding="utf-8")
    translate(project, "ru", {"Fourth paragraph.": "Четвёртый абзац."})  # 5 of 6: 83 %
    build_ = build(project)
    assert build_.said.count("po/ru/case.po") == 1, build_.output
    page = build_.html("ru/articles/case/index.html")
    third = page.select_one(".e-content").find("p", string="Third paragraph.")
    assert third is not None and third["lang"] == "en"
    assert page.select_one(".fallback-note") is not None


def test_a_russian_original_without_slug_gets_catalogues_named_as_the_build_names_them(tmp_path):
    """`Заявление солидарности.md`, written in Russian, no Slug: extract writes the English
    (and other) catalogues under the reader's slug, and the build publishes from them."""
    from content_i18n.workflow import extract_all

    content = tmp_path / "content"
    write_article(content, "Заявление солидарности.md",
                  {**VALID, "Lang": "ru", "Title": "Заявление солидарности"},
                  "Мы требуем освободить всех.\n\nПишите письма.")
    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru", "de"], "en")
    names = sorted(p.relative_to(tmp_path / "po").as_posix()
                   for p in (tmp_path / "po").rglob("*.po"))
    assert names == ["de/zaiavlenie-solidarnosti.po", "en/zaiavlenie-solidarnosti.po"]
    po = polib.pofile(str(tmp_path / "po/en/zaiavlenie-solidarnosti.po"))
    assert po.metadata["Language"] == "en"
    english = {"Заявление солидарности": "Solidarity statement",
               "Мы требуем освободить всех.": "We demand freedom for all.",
               "Пишите письма.": "Write letters."}
    for entry in po:
        entry.msgstr = english[entry.msgid]
    po.save(str(tmp_path / "po/en/zaiavlenie-solidarnosti.po"))
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    build_ = run_pelican(content, tmp_path / "out", settings=tmp_path / "settings.py")
    assert build_.returncode == 0, build_.output
    en = build_.html("articles/zaiavlenie-solidarnosti/index.html")
    assert en.find("html")["lang"] == "en"
    assert en.find("h1").get_text() == "Solidarity statement"
    assert "We demand freedom for all." in en.select_one(".e-content").get_text()


LONG = "\n\n".join(f"Paragraph number {n} of the appeal." for n in range(1, 9))


def test_a_published_version_is_never_unpublished_by_a_source_edit(tmp_path):
    """9 of 10 segments translated: published, and extract records it. The editor inserts
    one paragraph and edits another (7 of 11 = 64 %): the Ukrainian page stays, with the
    outdated notice and the changed segments in English."""
    from content_i18n.workflow import extract_all

    content = tmp_path / "content"
    source = write_article(content, "appeal.md", {**VALID, "Slug": "appeal",
                                                  "Summary": "Short."}, LONG)
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))

    def run_extract():
        extract_all(tmp_path, content, tmp_path / "po", ["en", "uk"], "en", 80)

    run_extract()
    path = tmp_path / "po/uk/appeal.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid != "Paragraph number 8 of the appeal.":
            entry.msgstr = "UK " + entry.msgid
    po.save(str(path))
    run_extract()
    assert polib.pofile(str(path)).metadata["X-Published"] == "yes"
    source.write_text(source.read_text().replace(
        "Paragraph number 1 of", "A new first paragraph.\n\nParagraph number 1 of").replace(
        "number 5 of the appeal.", "number 5 of the appeal, corrected."))
    run_extract()
    build_ = run_pelican(content, tmp_path / "out", settings=tmp_path / "settings.py")
    assert build_.returncode == 0, build_.output
    uk = build_.html("uk/articles/appeal/index.html")
    assert uk.select_one(".fallback-note")
    english = [p.get_text() for p in uk.select(".e-content p[lang=en]")]
    assert english == ["A new first paragraph.", "Paragraph number 5 of the appeal, corrected.",
                       "Paragraph number 8 of the appeal."]


def test_a_published_version_stays_when_the_source_is_edited_and_built_without_extract(project):
    """Fully translated, published; the editor inserts a paragraph and edits two others
    (3 of 7 segments translated) and builds without `invoke i18n.extract`: the page stays,
    with the changed segments in English and the outdated notice."""
    extract(project)
    translate(project, "ru", RU)
    assert build(project).returncode == 0
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace(
        "First paragraph", "CORRECTION: the hearing was moved.\n\nFirst paragraph").replace(
        "Third paragraph.", "Third paragraph, edited.").replace(
        "Fourth paragraph.", "Fourth paragraph, edited."))
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case/index.html")
    assert ru.select_one(".fallback-note")
    assert [p.get_text() for p in ru.select(".e-content p[lang=en]")] == [
        "CORRECTION: the hearing was moved.", "Third paragraph, edited.",
        "Fourth paragraph, edited."]


def test_padding_never_makes_extract_record_a_version_as_published(project):
    """Entries a translator added by hand (no reference to the source) count neither in the
    build nor when extract decides whether a version has been published."""
    extract(project)
    path = project / "po/ru/case.po"
    po = polib.pofile(str(path))
    for n in range(30):  # 30 of 36 entries translated: above the threshold, if they counted
        po.append(polib.POEntry(msgctxt="paragraph", msgid=f"Padding {n}.",
                                msgstr=f"Заполнение {n}."))
    po.save(str(path))
    extract(project)
    assert "X-Published" not in polib.pofile(str(path)).metadata
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert not (project / "out/ru/articles/case").exists()


def test_entries_for_other_texts_never_count_towards_the_threshold(project):
    """A catalogue padded with translated entries for texts the source does not have is
    not published: only entries matching a current segment count."""
    extract(project)
    path = project / "po/ru/case.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt == "title":
            entry.msgstr = "Дело"
    for n in range(20):
        po.append(polib.POEntry(msgctxt="paragraph", msgid=f"Padding {n}.",
                                msgstr=f"Заполнение {n}."))
    po.save(str(path))
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert not (project / "out/ru/articles/case").exists()


def test_renaming_the_slug_carries_catalogues_and_the_published_version(project):
    extract(project)
    translate(project, "ru", RU)
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Slug: case", "Slug: case-renamed"))
    extract(project)
    assert not (project / "po/ru/case.po").exists()
    po = polib.pofile(str(project / "po/ru/case-renamed.po"))
    assert len(po.translated_entries()) == 6 and not po.obsolete_entries()
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case-renamed/index.html")
    assert ru.find("h1").get_text() == "Дело"


def test_translators_page_lists_registry_catalogues_and_not_texts_translated_as_files(site):
    soup = site.html("uk/translate/index.html")
    catalogues = {a["href"].split("/translations/content/uk/", 1)[1]: a
                  for a in soup.select(".progress-table a[download]")}
    assert "prisoners/boris-kagarlitsky.po" in catalogues
    assert "cases/ufa-marxist-circle.po" in catalogues
    assert "about.po" not in catalogues  # content/pages/about.uk.md translates it as a file
    assert "chilikin-released.po" in catalogues
    row = catalogues["prisoners/boris-kagarlitsky.po"].find_parent("tr")
    assert row.select_one("progress")["value"] != "0"  # the profile is translated there
    assert (site.out_dir / "translations/content/uk/prisoners/boris-kagarlitsky.po").exists()


def test_status_lists_prisoners_and_cases_and_leaves_out_file_translations():
    from content_i18n.workflow import status

    import pelicanconf as conf

    rows = status(Path(conf.CONTENT_TRANSLATIONS_DIR), ROOT / "translations", conf.LANGUAGES,
                  conf.DEFAULT_LANG, ROOT / "content")
    parts = {(lang, part) for lang, part, _ in rows}
    assert {("uk", "prisoners"), ("uk", "cases"), ("de", "articles")} <= parts
    pages = {lang: s for lang, part, s in rows if part == "pages"}
    # about, how-to-write and open-data are translated as files in uk: only the other pages'
    # segments count.
    from content_i18n.segments import parse
    from content_i18n.workflow import documents

    expected = sum(len(parse(d.path.read_text(encoding="utf-8")).segments)
                   for d in documents(ROOT / "content", conf.LANGUAGES, "en")
                   if "/pages/" in d.path.as_posix() and "uk" not in d.file_langs)
    assert pages["uk"].total == expected
    assert expected < sum(len(parse(p.read_text(encoding="utf-8")).segments)
                          for p in (ROOT / "content/pages").glob("*.md") if p.name.count(".") == 1)


def test_catalogue_version_credits_its_translator_and_keeps_the_tags(project):
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Slug: case", "Slug: case\nTags: appeal"))
    extract(project)
    translate(project, "ru", RU)
    po = polib.pofile(str(project / "po/ru/case.po"))
    po.metadata["Last-Translator"] = "Анна Переводчица <anna@example.org>"
    po.save(str(project / "po/ru/case.po"))
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    ru = build_.html("ru/articles/case/index.html")
    assert "Перевод: Анна Переводчица." in ru.select_one(".attribution").get_text()
    assert "anna@example.org" not in str(ru)
    assert (project / "out/ru/tag/appeal/index.html").exists()


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_a_msgstr_is_one_line_with_file_and_line(project, separator):
    """msgfmt accepts U+2028/U+2029 inside a string, but polib splits lines on them and
    refuses the catalogue: the translator gets the catalogue, the line and what to remove."""
    extract(project)
    translate(project, "ru", RU)
    path = project / "po/ru/case.po"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Третий абзац.", "Третий" + separator + "абзац.")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if "Третий" in row)
    build_ = build(project)
    assert "Traceback" not in build_.output, build_.output[-3000:]
    assert f"po/ru/case.po: line {line}:" in build_.output, build_.output[-3000:]


IMAGE_BODY = "Before the photo.\n\n![A photo](/images/a.png)\n\nAfter the photo."
# A 1x1 PNG (PNG spec: signature, IHDR, IDAT, IEND).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")
IMAGE_RU = {"title": "Дело", "summary": "О деле.", "Before the photo.": "До фото.",
            "After the photo.": "После фото."}


@pytest.fixture
def image_project(tmp_path) -> Path:
    """An article with an image standing alone (its alt text is one `image-alt` entry) and a
    second local image in content/images that the article does not show."""
    (tmp_path / "content/images").mkdir(parents=True)
    for name in ("a.png", "other.png"):
        (tmp_path / "content/images" / name).write_bytes(PNG)
    write_article(tmp_path / "content", "case.md",
                  {**VALID, "Slug": "case", "Summary": "About the case."}, IMAGE_BODY)
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    extract(tmp_path)
    return tmp_path


def test_an_alt_text_that_breaks_out_of_the_image_stops_the_build(image_project):
    """The alt text's msgstr is put back between `![` and `](/images/a.png)`: a msgstr that
    closes the alt text and opens a second image would show another local file. The check
    compares the reassembled block's targets with the source's, so it stops the build with
    the link-target error's line, not only when the msgstr alone has a new target."""
    po = image_project / "po/ru/case.po"
    assert polib.pofile(str(po)).find("A photo", msgctxt="image-alt") is not None
    translate(image_project, "ru", {**IMAGE_RU, "A photo": "Фото](/images/other.png) ![x"})
    build_ = build(image_project)
    assert build_.returncode != 0, build_.output
    line = msgstr_line(po, 'msgid "A photo"')
    assert (f"po/ru/case.po: line {line}: msgctxt image-alt: link targets "
            "['/images/a.png'] became ['/images/a.png', '/images/other.png']") in build_.said
    assert "Traceback" not in build_.output and not (image_project / "out/ru").exists()


@pytest.mark.parametrize("alt", ["Фото [архив]", r"Фото \] и \[", "2019. Фото у суда"])
def test_a_translated_alt_text_shows_the_same_image(image_project, alt):
    """A legitimate alt text, also one with brackets (balanced, or escaped), keeps the image
    and its one target: published, no error."""
    translate(image_project, "ru", {**IMAGE_RU, "A photo": alt})
    build_ = build(image_project)
    assert build_.returncode == 0, build_.output
    assert "link targets" not in build_.said, build_.output
    body = build_.html("ru/articles/case/index.html").select_one(".e-content")
    assert [img["src"] for img in body.select("img")] == ["/images/a.png"]
    assert body.select_one("img")["alt"] == alt.replace("\\", "")


@pytest.mark.parametrize(("msgid", "msgstr", "context", "became"), [
    ("A photo", "Фото\n\n## Освобождён", "image-alt", "['p', 'h2']"),
    ("After the photo.", "После фото.\n\n- Освобождён", "paragraph", "['p', 'ul', 'li']"),
    ("After the photo.", "> Освобождён", "paragraph", "['blockquote', 'p']"),
])
def test_a_msgstr_that_adds_blocks_is_not_used(image_project, msgid, msgstr, context, became):
    """A msgstr that turns an alt text or a paragraph into more or other Markdown blocks (a
    blank line, then a heading or a list; a quote marker) is not used: the source shows,
    marked with its language, and a warning names catalogue, line and what changed, as for
    a msgstr the sanitiser refuses (5 of 6 entries usable: still published)."""
    translate(image_project, "ru", {**IMAGE_RU, "A photo": "Фото", msgid: msgstr})
    build_ = build(image_project)
    assert build_.returncode == 0, build_.output
    line = msgstr_line(image_project / "po/ru/case.po", f'msgid "{msgid}"')
    assert (f"po/ru/case.po: line {line}: msgctxt {context}: Markdown blocks ['p'] "
            f"became {became}; the entry is not used") in build_.said, build_.output
    body = build_.html("ru/articles/case/index.html").select_one(".e-content")
    assert not body.select("h2, ul, blockquote") and "Освобождён" not in body.get_text()
    if context == "image-alt":
        assert [img["alt"] for img in body.select("img")] == ["A photo"]
        assert body.select_one("p:has(img)")["lang"] == "en"
    else:
        assert body.find("p", string="After the photo.")["lang"] == "en"


@pytest.mark.parametrize(("context", "msgstr"), [
    ("title", "Дело\n\n![x](/images/other.png)"),
    ("summary", "О деле.\n\n## Освобождён"),
])
def test_a_title_or_summary_msgstr_stays_out_of_the_body(image_project, context, msgstr):
    """A title or summary is shown on its own (the title as plain text, the summary as its
    own Markdown), never as part of the body: a blank line in its msgstr must not end the
    document's header and put an image or a heading into the page's body. A summary whose
    msgstr is more than one paragraph is not used (the source shows), with a warning."""
    translate(image_project, "ru", {**IMAGE_RU, "A photo": "Фото", context: msgstr})
    build_ = build(image_project)
    assert build_.returncode == 0, build_.output
    body = build_.html("ru/articles/case/index.html").select_one(".e-content")
    assert [img["src"] for img in body.select("img")] == ["/images/a.png"], body
    assert not body.select("h2") and "Summary" not in body.get_text(), body
    if context == "summary":  # and a summary is one paragraph, as its source is
        assert "msgctxt summary: Markdown blocks ['p'] became ['p', 'h2']" in build_.said
        card = build_.html("ru/index.html").select_one(".card .summary")
        assert card.get("lang") == "en" and not card.select("h2"), card


def test_every_progress_line_on_the_translators_pages_is_its_catalogues_in_the_page_language(
        site):
    # Each catalogue's bar says its own counts in the page's language: the same counts appear
    # on several rows and in several languages' pages, so a bar kept from another row or page
    # (a cache keyed too coarsely) would show other numbers or another language's words. The
    # counts themselves are the counting functions' (tested against hand-counted numbers in
    # tests/test_counts_agree.py), worked out here for each catalogue on its own.
    from content_i18n import summaries, workflow
    from content_i18n.registry import table, text_stats

    import pelicanconf as conf
    from ui_i18n.catalogs import translator

    settings = {k: getattr(conf, k) for k in dir(conf) if k.isupper()}
    content = ROOT / "content"
    sources = {d.slug: d.path for d in workflow.documents(content, conf.LANGUAGES,
                                                          conf.DEFAULT_LANG)}
    registry = {(folder, slug): entry
                for folder, slug, _path, entry in workflow.registry_entries(content)}

    def stats(lang: str, po: Path):
        if po.parent.name in ("prisoners", "cases"):
            refused: set = set()
            table(po, refused=refused)
            return text_stats(registry[po.parent.name, po.stem], lang,
                              summaries.summarise(po).table, refused)
        return workflow.document_stats(sources[po.stem], po, lang, content, settings)

    seen = 0
    for lang in conf.LANGUAGES:
        if lang == conf.DEFAULT_LANG:
            continue
        t = translator(settings, lang)
        soup = site.html(f"{lang}/translate/index.html")
        for row in soup.select(".progress-table tbody tr"):
            po = row.select_one("a[download]")["href"].removeprefix(conf.SITEURL + "/")
            s = stats(lang, site.out_dir / po.lstrip("/"))
            expected = " · ".join([
                t.gettext("%(percent)s%% translated") % {"percent": s.shown_percent},
                t.ngettext("%(count)s fuzzy", "%(count)s fuzzy", s.fuzzy) % {"count": s.fuzzy},
                t.ngettext("%(count)s untranslated", "%(count)s untranslated",
                           s.untranslated) % {"count": s.untranslated}])
            assert row.select_one("progress + span").get_text() == expected, (lang, po)
            seen += 1
    assert seen > 100
