"""One count of a text's translation progress, the same in the three places it is shown
(content_i18n.build.doc_stats): the translators' page (its row, parsed from the built HTML),
`invoke i18n.status` (content_i18n.workflow.status) and the publication threshold (whether
the version is published, and the percent the language switcher gives a version that is
not). The denominator is the source's segments, the numerator the segments the build shows
translated. Catalogues are saved the way translators' tools save them (polib as Poedit does,
msgmerge --previous, a hand-made plural entry) and checked with msgfmt.

The test article (tests/test_content_catalogues.py) has six segments: its title, its summary
and four paragraphs (First, Second with a link, Third, Fourth). Expected numbers below are
counted by hand from that text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article
from tests.test_content_catalogues import RU, build, extract, project, translate  # noqa: F401


def msgfmt_statistics(po: Path, check: bool = True) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as GNU msgfmt --statistics counts them, after its
    --check (unless `check` is false)."""
    done = subprocess.run(["msgfmt", *(["--check"] if check else []), "--statistics", "-o",
                           "/dev/null", str(po)], capture_output=True, text=True, check=check)
    said = done.stderr
    found = {kind: int(m.group(1)) if (m := re.search(rf"(\d+) {kind}", said)) else 0
             for kind in ("translated", "fuzzy", "untranslated")}
    return found["translated"], found["fuzzy"], found["untranslated"]


def status_row(project: Path, lang: str = "ru", part: str = "articles",  # noqa: F811
               ui: Path = ROOT / "translations"):
    from content_i18n.workflow import status

    from pelicanconf import MARKDOWN

    rows = status(project / "po", ui, ["en", "ru", "de", "fr"], "en", project / "content",
                  {"MARKDOWN": MARKDOWN, "UI_TRANSLATIONS_DIR": str(ui)})
    s = {(lang_, part_): s for lang_, part_, s in rows}[(lang, part)]
    return s.translated, s.fuzzy, s.untranslated


def page_row(build_, selector: str = "#text-case") -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) of one row of the Russian translators' page: the
    progress bar's value and max, and the two counts of the text after it."""
    row = build_.html("ru/translate/index.html").select_one(selector)
    bar = row.select_one("progress")
    translated, total = int(bar["value"]), int(bar["max"])
    _percent, fuzzy, untranslated = map(int, re.findall(r"\d+", bar.find_next("span").text))
    assert translated + fuzzy + untranslated == total, row
    return translated, fuzzy, untranslated


def switcher_percent(build_) -> str | None:
    """The percent the English page's language switcher gives the unpublished Russian
    version (the threshold's own count), None if it gives none."""
    link = build_.html("articles/case/index.html").select_one("a.no-translation[hreflang=ru]")
    found = re.search(r"(\d+)%", link["title"]) if link is not None else None
    return found.group(1) if found else None


def ui_copy(tmp_path: Path) -> Path:
    """A copy of the project's UI catalogues and template (translations/, without its
    content catalogues) in `tmp_path`, for a test to change."""
    ui = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", ui, ignore=shutil.ignore_patterns("content"))
    return ui


def build_with_ui(tmp_path: Path, ui: Path):
    """A site of one English article built with the UI catalogues of the folder `ui`."""
    content = tmp_path / "content"
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    settings = settings_with(tmp_path / "s.py", UI_TRANSLATIONS_DIR=str(ui),
                             CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    return run_pelican(content, tmp_path / "out", settings)


def ui_page_row(build_, lang: str = "ru") -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) of the UI line of a language's translators' page
    (its total, the progress bar's max, checked to be their sum)."""
    bar = build_.html(f"{lang}/translate/index.html").select_one("#h-ui ~ p progress")
    _percent, fuzzy, untranslated = map(int, re.findall(r"\d+", bar.find_next("span").text))
    assert int(bar["value"]) + fuzzy + untranslated == int(bar["max"]), bar.parent
    return int(bar["value"]), fuzzy, untranslated


def built_and_counted(project: Path, counts: tuple[int, int, int],  # noqa: F811
                      published: bool | None = None, percent: str | None = None):
    """Build `project` (it builds) and check the Russian version of the case is counted
    `counts` (translated, fuzzy, untranslated) on the translators' page and in
    i18n.status alike; when given, that it is (not) `published` and the percent the
    language switcher gives it. Returns the build."""
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    if published is not None:
        assert (project / "out/ru/articles/case/index.html").exists() == published
    if percent is not None:
        assert switcher_percent(build_) == percent
    assert page_row(build_) == counts
    assert status_row(project) == counts
    return build_


def obsolete_by_polib(po: Path, msgids: list[str]) -> None:
    """The entries made obsolete (`#~`) and the file saved with polib, as Poedit keeps them."""
    catalogue = polib.pofile(str(po))
    for entry in catalogue:
        if entry.msgid in msgids:
            entry.obsolete = True
    catalogue.save(str(po))


def obsolete_by_msgmerge(po: Path, msgids: list[str]) -> None:
    """msgmerge --previous against a template without these entries (one made from an older
    source): msgmerge writes them as `#~`."""
    pot = polib.pofile(str(po))
    for entry in [e for e in pot if e.obsolete or e.msgid in msgids]:
        pot.remove(entry)
    for entry in pot:
        entry.msgstr, entry.flags = "", []
    pot_path = po.with_suffix(".pot")
    pot.save(str(pot_path))
    subprocess.run(["msgmerge", "-q", "--previous", "-U", "--backup=none", str(po),
                    str(pot_path)], check=True)
    pot_path.unlink()


OBSOLETING = {"polib": obsolete_by_polib, "msgmerge": obsolete_by_msgmerge}


@pytest.mark.parametrize("tool", list(OBSOLETING))
def test_an_obsolete_entry_whose_paragraph_is_in_the_source_counts_untranslated(project, tool):  # noqa: F811
    """All six segments translated, then Third's entry made obsolete while Third is still in
    the source: the page shows Third in English, so 5 of 6 everywhere (the page and
    i18n.status said 5 of 5). 5 / 6 = 83 % >= 80 %: published."""
    extract(project)
    translate(project, "ru", RU)
    po = project / "po/ru/case.po"
    OBSOLETING[tool](po, ["Third paragraph."])
    assert msgfmt_statistics(po) == (5, 0, 0)  # gettext counts entries: the #~ one is none
    build_ = built_and_counted(project, (5, 0, 1))
    text = build_.html("ru/articles/case/index.html").select_one(".e-content").decode()
    assert "Third paragraph." in text and "Третий абзац." not in text, text


# Only polib (Poedit): msgmerge drops an untranslated entry instead of writing it as `#~`,
# which leaves nothing in the catalogue to tell it from a paragraph added to the source since
# the last extract (a known limit of the "entries extract wrote" rule, TRANSLATING.md).
@pytest.mark.parametrize("tool", ["polib"])
def test_obsolete_untranslated_entries_do_not_lift_a_version_over_the_threshold(project, tool):  # noqa: F811
    """Title, summary, First and Second translated (4 of 6 = 67 % < 80 %), then Third's and
    Fourth's empty entries made obsolete: nothing is translated that was not, so the version
    stays unpublished at 67 %. The page and i18n.status said 4 of 4 (100 %), and the build
    published it, and extract recorded X-Published: yes: the entries extract wrote (their
    rule for a source edited since the last extract) were 4 of 4."""
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items()
                              if k not in ("Third paragraph.", "Fourth paragraph.")})
    po = project / "po/ru/case.po"
    OBSOLETING[tool](po, ["Third paragraph.", "Fourth paragraph."])
    assert msgfmt_statistics(po) == (4, 0, 0)
    built_and_counted(project, (4, 0, 2), published=False, percent="66")  # 66.7 %, rounded down
    # The next extract (msgmerge brings both entries back, empty) records no X-Published:
    # 4 of 6, before and after.
    extract(project)
    assert "X-Published" not in po.read_text(encoding="utf-8")
    assert msgfmt_statistics(po) == (4, 0, 2)


def test_an_obsolete_entry_of_a_removed_paragraph_counts_for_nothing(project):  # noqa: F811
    """Fourth removed from the source and extract run: msgmerge makes its translated entry
    obsolete. Five segments are left (title, summary, First, Second, Third), all translated:
    5 of 5, as msgfmt counts too."""
    extract(project)
    translate(project, "ru", RU)
    source = project / "content/articles/case.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\n\nFourth paragraph.", ""),
                      encoding="utf-8")
    extract(project)
    po = project / "po/ru/case.po"
    assert "#~ msgid \"Fourth paragraph.\"" in po.read_text(encoding="utf-8")
    assert msgfmt_statistics(po) == (5, 0, 0)
    built_and_counted(project, (5, 0, 0))


def test_counts_of_a_catalogue_in_step_with_its_source_are_msgfmts(project):  # noqa: F811
    """Right after extract (every entry is a current segment): title, summary and First
    translated, Second's translation fuzzy after a source edit (msgmerge --previous), Third
    and Fourth empty: 3 translated, 1 fuzzy, 2 untranslated, as msgfmt --statistics says;
    3 / 6 = 50 %: not published."""
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items()
                              if k not in ("Third paragraph.", "Fourth paragraph.")})
    source = project / "content/articles/case.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Second paragraph, with", "Second paragraph, now with"), encoding="utf-8")
    extract(project)
    po = project / "po/ru/case.po"
    assert msgfmt_statistics(po) == (3, 1, 2)
    built_and_counted(project, (3, 1, 2), published=False, percent="50")


def test_a_plural_entry_in_a_content_catalogue_is_untranslated(project):  # noqa: F811
    """Extract never writes a plural entry into a content catalogue (a segment has one text),
    and the next msgmerge turns one into a fuzzy singular; one a translator makes by hand
    in between is valid to msgfmt (which counts it translated) but the build never shows a
    msgstr[N]: Third shows in English. So 5 of 6 (the page and i18n.status said 6 of 6)."""
    extract(project)
    translate(project, "ru", RU)
    po = project / "po/ru/case.po"
    text = po.read_text(encoding="utf-8")
    single = 'msgid "Third paragraph."\nmsgstr "Третий абзац."\n'
    assert single in text
    po.write_text(text.replace(single, 'msgid "Third paragraph."\n'
                               'msgid_plural "Third paragraphs."\n'
                               'msgstr[0] "Третий абзац."\nmsgstr[1] "Третьи абзацы."\n'
                               'msgstr[2] "Третьих абзацев."\n'), encoding="utf-8")
    assert msgfmt_statistics(po) == (6, 0, 0)
    build_ = built_and_counted(project, (5, 0, 1))
    text = build_.html("ru/articles/case/index.html").select_one(".e-content").decode()
    assert "Third paragraph." in text and "Третий абзац." not in text, text


def test_ui_plural_entries_count_once_and_only_with_every_form(tmp_path):
    """UI catalogues do have plural entries (`{% trans count=… %}`). In the Russian one
    (three forms), of two plural entries: one loses its msgstr[2] (msgfmt --statistics still
    counts it translated, but msgfmt --check refuses it, and the site cannot show that form)
    and one is made fuzzy: from msgfmt's counts of the untouched file (t, f, u), the page and
    i18n.status give t - 2 translated, f + 1 fuzzy, u + 1 untranslated, and the same total
    (an entry counts once, not once per form)."""
    ui = ui_copy(tmp_path)
    path = ui / "ru/LC_MESSAGES/messages.po"
    t, f, u = msgfmt_statistics(path)
    catalogue = polib.pofile(str(path))
    partial = catalogue.find("%(count)s publication")
    fuzzy_ = catalogue.find("%(count)s person")
    assert partial.translated() and fuzzy_.translated() and len(partial.msgstr_plural) == 3
    partial.msgstr_plural[2] = ""
    fuzzy_.flags.append("fuzzy")
    catalogue.save(str(path))
    said = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    assert said.returncode == 1 and "msgstr[2]" in said.stderr, said.stderr
    assert msgfmt_statistics(path, check=False) == (t - 1, f + 1, u)  # msgstr[0] is enough
    build_ = build_with_ui(tmp_path, ui)
    assert build_.returncode == 0, build_.output
    assert ui_page_row(build_) == (t - 2, f + 1, u + 1)
    assert sum(ui_page_row(build_)) == t + f + u  # the bar's max (ui_page_row)
    assert status_row(tmp_path, part="UI", ui=ui) == (t - 2, f + 1, u + 1)


def test_registry_texts_count_by_the_registry_not_by_catalogue_entries(tmp_path):
    """A case (two texts: name, summary) and a person (one: the bio), extracted and fully
    translated into Russian with polib. Then the editor changes the case's summary (no
    extract since: its entry translates a text the case no longer has) and the translator's
    tool makes the bio's entry obsolete (`#~`) while the bio is unchanged. Counted by the
    registry's texts: case 1 translated of 2, person 0 of 1, on the page and in
    i18n.status (the page counted catalogue entries: 2 of 2 and 0 of 0)."""
    from content_i18n.workflow import extract_all

    from tests.test_registry import CASE, person, write_yaml

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person(bio={"en": "A test person."}))
    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru", "de", "fr"], "en")
    ru = {"Test case": "Тестовое дело", "A case.": "Дело.", "A test person.": "Человек."}
    for path in (tmp_path / "po/ru/cases/test-case.po", tmp_path / "po/ru/prisoners/anna-test.po"):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = ru[entry.msgid]
            entry.obsolete = entry.msgid == "A test person."
        catalogue.save(str(path))
        assert msgfmt_statistics(path) == ((2, 0, 0) if "cases" in str(path) else (0, 0, 0))
    write_yaml(content, "cases", {**CASE, "summary": {"en": "A case, summarised again."}})
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    build_ = run_pelican(content, tmp_path / "out", settings)
    assert build_.returncode == 0, build_.output
    assert page_row(build_, "#text-test-case") == (1, 0, 1)
    assert page_row(build_, "#text-anna-test") == (0, 0, 1)
    assert status_row(tmp_path, part="cases") == (1, 0, 1)
    assert status_row(tmp_path, part="prisoners") == (0, 0, 1)


def test_extract_records_x_published_by_the_builds_own_count(project):  # noqa: F811
    """Title, summary, First and Second translated, Third's msgstr adds a heading (the
    build's block check does not use it: Third shows in English), Fourth empty: 4 of 6 =
    67 %, not published. extract recorded X-Published: yes all the same (it left only what
    the sanitiser refuses out of its count: 5 of 6 = 83 %), and from then on the build
    published the version at 67 %."""
    extract(project)
    translate(project, "ru", {**{k: v for k, v in RU.items() if k != "Fourth paragraph."},
                              "Third paragraph.": "Третий абзац.\n\n# Заголовок"})
    po = project / "po/ru/case.po"
    assert msgfmt_statistics(po) == (5, 0, 1)
    extract(project)
    assert "X-Published" not in po.read_text(encoding="utf-8")
    build_ = built_and_counted(project, (4, 0, 2), published=False,
                               percent="66")  # 66.7 %, shown rounded down
    assert "the entry is not used" in build_.said, build_.output


def test_a_version_just_under_the_threshold_never_says_it_reached_it(tmp_path):
    """A text of 44 segments (title, summary, 42 paragraphs) with 35 translated: 35 / 44 =
    79.5 % < 80 %, not published. Rounded, the switcher said "80% done, not published yet",
    the translators' page "80% translated" under its own line "published once 80% of it is
    translated", and i18n.status 80: percents are rounded down (79), never up to a
    threshold the version has not reached."""
    from content_i18n.workflow import extract_all

    from pelicanconf import MARKDOWN

    paragraphs = [f"Paragraph number {n} of the long case." for n in range(1, 43)]
    (tmp_path / "content/articles").mkdir(parents=True)
    write_article(tmp_path / "content", "case.md",
                  {**VALID, "Slug": "case", "Summary": "About the case."}, "\n\n".join(paragraphs))
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    extract_all(tmp_path, tmp_path / "content", tmp_path / "po", ["en", "ru", "de", "fr"], "en",
                markdown=MARKDOWN)
    po = tmp_path / "po/ru/case.po"
    catalogue = polib.pofile(str(po))
    for entry in catalogue:
        if entry.msgctxt in ("title", "summary") or entry.msgid in paragraphs[:33]:
            entry.msgstr = f"Перевод: {entry.msgid}"
    catalogue.save(str(po))
    assert msgfmt_statistics(po) == (35, 0, 9)
    build_ = build(tmp_path)
    assert build_.returncode == 0, build_.output
    assert not (tmp_path / "out/ru/articles/case/index.html").exists()
    assert switcher_percent(build_) == "79"
    row = build_.html("ru/translate/index.html").select_one("#text-case")
    assert re.findall(r"\d+%", row.select_one("progress + span").get_text()) == ["79%"], row
    assert page_row(build_) == (35, 0, 9)
    from content_i18n.workflow import format_status, status

    rows = status(tmp_path / "po", ROOT / "translations", ["en", "ru", "de", "fr"], "en",
                  tmp_path / "content", {"MARKDOWN": MARKDOWN})
    assert "| ru | articles | 35 | 0 | 9 | 79 |" in format_status(rows)


THIRD = 'msgid "Third paragraph."\nmsgstr "Третий абзац."\n'
BY_HAND = {  # Third's entry (keeping its `#:` reference) as a translator may leave it
    "plural": ('msgid "Third paragraph."\nmsgid_plural "Third paragraphs."\n'
               'msgstr[0] "Третий абзац."\nmsgstr[1] "Третьи абзацы."\n'
               'msgstr[2] "Третьих абзацев."\n'),
    "blank": 'msgid "Third paragraph."\nmsgstr " "\n',
}


@pytest.mark.parametrize("kind", list(BY_HAND))
def test_entries_the_build_never_shows_do_not_publish_through_the_entries_extract_wrote(
        project, kind):  # noqa: F811
    """Title, summary, First, Second and Third translated, Fourth empty (5 of 6 = 83 %), then
    Third's entry made a plural entry or given a msgstr of one space by hand: msgfmt counts
    it translated, the build shows Third in English (a segment has one text; a blank msgstr
    is none). 4 of 6 = 67 %: not published. The 'entries extract wrote' rule counted them as
    msgfmt does (5 of 6) and published the version, and extract recorded X-Published: yes."""
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items() if k != "Fourth paragraph."})
    po = project / "po/ru/case.po"
    text = po.read_text(encoding="utf-8")
    assert THIRD in text
    po.write_text(text.replace(THIRD, BY_HAND[kind]), encoding="utf-8")
    assert msgfmt_statistics(po) == (5, 0, 1)
    built_and_counted(project, (4, 0, 2), published=False, percent="66")
    extract(project)
    assert "X-Published" not in po.read_text(encoding="utf-8")


def test_entries_copied_from_another_texts_catalogue_do_not_publish(project):  # noqa: F811
    """Title, summary, First and Second translated (4 of 6 = 66.7 %), then ten translated
    entries of another text's catalogue added with msgcat (a translator reusing earlier
    work; they keep their `#:` references to that text's file): they translate no segment
    of this text, so 4 of 6 everywhere and not published, before and after the next
    extract. The 'entries extract wrote' rule counted them (14 of 16) and published it."""
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items()
                              if k not in ("Third paragraph.", "Fourth paragraph.")})
    po = project / "po/ru/case.po"
    other = polib.POFile()
    other.metadata = polib.pofile(str(po)).metadata
    for n in range(10):
        other.append(polib.POEntry(msgctxt="paragraph", msgid=f"Other text, paragraph {n}.",
                                   msgstr=f"Другой текст, абзац {n}.",
                                   occurrences=[("content/articles/other.md", str(2 * n + 9))]))
    other.save(str(project / "other.po"))
    subprocess.run(["msgcat", "--use-first", "-o", str(po), str(po), str(project / "other.po")],
                   check=True)
    assert msgfmt_statistics(po) == (14, 0, 2)
    built_and_counted(project, (4, 0, 2), published=False)
    extract(project)
    assert "X-Published" not in po.read_text(encoding="utf-8")


def test_a_blank_msgstr_in_a_registry_catalogue_shows_the_english_text(tmp_path):
    """A case's name and summary and a person's bio, each translated into Russian as one
    space (msgfmt counts such an entry translated): the Russian case page's heading was
    blank and the profile's bio empty, and the page and i18n.status counted them
    translated. A blank msgstr is no translation, as for documents (build.lookup): the
    English texts show, and the case counts 0 of 2, the person 0 of 1."""
    from content_i18n.workflow import extract_all

    from tests.test_registry import CASE, person, write_yaml

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    write_yaml(content, "cases", CASE)
    write_yaml(content, "prisoners", person(bio={"en": "A test person."}))
    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru", "de", "fr"], "en")
    for path in (tmp_path / "po/ru/cases/test-case.po", tmp_path / "po/ru/prisoners/anna-test.po"):
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            entry.msgstr = " "
        catalogue.save(str(path))
        assert msgfmt_statistics(path) == ((2, 0, 0) if "cases" in str(path) else (1, 0, 0))
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    build_ = run_pelican(content, tmp_path / "out", settings)
    assert build_.returncode == 0, build_.output
    assert build_.html("ru/cases/test-case/index.html").select_one("h1").get_text() == "Test case"
    bio = build_.html("ru/prisoners/anna-test/index.html").select_one(".bio")
    assert bio.get_text(strip=True) == "A test person.", bio
    assert page_row(build_, "#text-test-case") == (0, 0, 2)
    assert page_row(build_, "#text-anna-test") == (0, 0, 1)
    assert status_row(tmp_path, part="cases") == (0, 0, 2)
    assert status_row(tmp_path, part="prisoners") == (0, 0, 1)


def test_a_drafts_broken_catalogue_is_one_line_never_a_traceback(project):  # noqa: F811
    """A draft has no language versions, so its Russian catalogue is counted only for the
    translators' page (workflow.document_stats); one msgfmt refuses (a closing quote
    missing) stopped the build with a traceback. Now one line: file, line, what to fix."""
    source = project / "content/articles/case.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Title:", "Status: draft\nTitle:", 1), encoding="utf-8")
    write_article(project / "content", "other.md", {**VALID, "Slug": "other"}, "Other.")
    extract(project)
    po = project / "po/ru/case.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    broken = next(n for n, line in enumerate(lines) if line == 'msgid "Third paragraph."') + 1
    lines[broken] = 'msgstr "Третий абзац.'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    said = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                          capture_output=True, text=True).stderr
    assert f"case.po:{broken + 2}:" in said, said  # msgfmt names the line after the string
    build_ = build(project)
    assert build_.returncode != 0
    assert "Traceback" not in build_.output, build_.output
    assert f"po/ru/case.po: line {broken + 1}: unterminated string" in build_.output, \
        build_.output


def test_a_published_version_stays_published_when_its_source_file_moves_and_changes(project):  # noqa: F811
    """Title, summary and the first three paragraphs translated (5 of 6 = 83 %): published,
    not yet recorded (no extract since). The editor moves the file into a year folder and
    rewrites Third, no extract yet: 4 of 6 by the current source, but the entries extract
    wrote (their references name the old file: the one the title's entry names) are 5 of
    6, so the version stays published, and the next extract records X-Published: yes."""
    extract(project)
    translate(project, "ru", {k: v for k, v in RU.items() if k != "Fourth paragraph."})
    build_ = build(project)
    assert (project / "out/ru/articles/case/index.html").exists()
    old = project / "content/articles/case.md"
    new = project / "content/articles/2024/case.md"
    new.parent.mkdir()
    new.write_text(old.read_text(encoding="utf-8").replace("Third paragraph.",
                                                           "Third paragraph, rewritten."),
                   encoding="utf-8")
    old.unlink()
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert (project / "out/ru/articles/case/index.html").exists()
    assert page_row(build_) == (4, 0, 2)
    extract(project)
    assert "X-Published: yes" in (project / "po/ru/case.po").read_text(encoding="utf-8")


def test_ui_catalogues_count_the_templates_messages_not_their_own_entries(tmp_path):
    """The denominator of a UI catalogue is the template's messages (messages.pot, n of them
    as msgfmt --statistics counts it). A Russian catalogue holding only its header: 0 of n
    (the page and i18n.status said 0 of 0). A German one lagging the template (three of
    its translated entries removed, as before an update-ui that added them) and holding an
    entry the template no longer has: t - 3 of n, the extra entry counting for nothing
    (they said t - 2 of n - 2)."""
    ui = ui_copy(tmp_path)
    _t, _f, n = msgfmt_statistics(ui / "messages.pot")
    ru = ui / "ru/LC_MESSAGES/messages.po"
    header_only = polib.POFile()
    header_only.metadata = polib.pofile(str(ru)).metadata
    header_only.save(str(ru))
    assert msgfmt_statistics(ru) == (0, 0, 0)
    de = ui / "de/LC_MESSAGES/messages.po"
    t, f, u = msgfmt_statistics(de)
    assert t + f + u == n
    catalogue = polib.pofile(str(de))
    for entry in [e for e in catalogue if e.translated() and not e.msgid_plural][:3]:
        catalogue.remove(entry)
    catalogue.append(polib.POEntry(msgid="A label the templates no longer have",
                                   msgstr="Eine Beschriftung, die es nicht mehr gibt"))
    catalogue.save(str(de))
    assert msgfmt_statistics(de) == (t - 2, f, u)
    build_ = build_with_ui(tmp_path, ui)
    assert build_.returncode == 0, build_.output
    assert ui_page_row(build_, "ru") == (0, 0, n)
    assert status_row(tmp_path, part="UI", ui=ui) == (0, 0, n)
    assert ui_page_row(build_, "de") == (t - 3, f, u + 3)
    assert status_row(tmp_path, lang="de", part="UI", ui=ui) == (t - 3, f, u + 3)
