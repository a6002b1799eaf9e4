"""Catalogue files exactly as translators' tools write them, and strict, lossless reading:
msgcat (the reference for gettext-based editors such as Poedit) and Translate Toolkit (Weblate)
re-save them without a diff; a polib save followed by extract changes only the edited entry;
extract on a clean clone changes nothing; headers pass `msgfmt --check-header`; a catalogue
msgfmt refuses is refused by extract and never rewritten; what it accepts is accepted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

CONTENT_CATALOGUES = sorted((ROOT / "translations/content").rglob("*.po"))


def test_msgcat_resave_changes_no_catalogue(tmp_path):
    changed = []
    for path in CONTENT_CATALOGUES:
        out = tmp_path / "resaved.po"
        subprocess.run(["msgcat", "-o", str(out), str(path)], check=True)
        if out.read_bytes() != path.read_bytes():
            changed.append(path.relative_to(ROOT).as_posix())
    assert changed == []


def test_translate_toolkit_resave_changes_no_catalogue():
    from translate.storage import pypo

    changed = [p.relative_to(ROOT).as_posix() for p in CONTENT_CATALOGUES
               if bytes(pypo.pofile.parsefile(str(p))) != p.read_bytes()]
    assert changed == []


def test_headers_are_complete_and_msgfmt_check_header_is_quiet():
    noisy = {}
    for path in CONTENT_CATALOGUES:
        proc = subprocess.run(["msgfmt", "--check-header", "-o", "/dev/null", str(path)],
                              capture_output=True, text=True)
        if proc.returncode or proc.stderr:
            noisy[path.relative_to(ROOT).as_posix()] = proc.stderr
        header = polib.pofile(str(path)).metadata
        assert header["Language-Team"].startswith(("Russian", "Ukrainian", "German", "French",
                                                   "Spanish", "English")), path
        for key in ("Last-Translator", "PO-Revision-Date", "Plural-Forms", "Language"):
            assert header.get(key), (path, key)
        text = path.read_text(encoding="utf-8")
        for placeholder in ("YEAR-MO-DA", "LL@li.org", "EMAIL@ADDRESS", "# #", "Generated-By"):
            assert placeholder not in text, (path, placeholder)
    assert noisy == {}


# --- extract on a project of its own -------------------------------------------------------

BODY = "First paragraph.\n\nSecond paragraph, to be edited.\n\nThird paragraph."


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "content/articles").mkdir(parents=True)
    write_article(tmp_path / "content", "case.md", {**VALID, "Slug": "case"}, BODY)
    settings_with(tmp_path / "settings.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    return tmp_path


def extract(project: Path) -> None:
    from content_i18n.workflow import extract_all

    extract_all(project, project / "content", project / "po", ["en", "ru"], "en")


def fill(path: Path) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "Перевод: " + entry.msgid * 3  # long enough to be wrapped
    po.save(str(path))
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)  # as Poedit saves


def test_polib_save_then_extract_changes_only_the_edited_entry(project):
    extract(project)
    po_path = project / "po/ru/case.po"
    fill(po_path)
    extract(project)  # records that the version is published (X-Published)
    before = po_path.read_text(encoding="utf-8").splitlines()
    po = polib.pofile(str(po_path))
    po.find("Third paragraph.").msgstr = "Третий абзац, исправленный переводчиком."
    po.save(str(po_path))
    extract(project)
    after = po_path.read_text(encoding="utf-8").splitlines()
    import difflib

    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        '-msgstr "Перевод: Third paragraph.Third paragraph.Third paragraph."',
        '+msgstr "Третий абзац, исправленный переводчиком."']


def test_repeated_extract_changes_nothing_and_a_source_edit_only_its_entry(project):
    extract(project)
    po_path = project / "po/ru/case.po"
    fill(po_path)
    extract(project)
    first = po_path.read_bytes()
    stamp = po_path.stat().st_mtime_ns
    extract(project)
    assert po_path.read_bytes() == first and po_path.stat().st_mtime_ns == stamp
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("to be edited.", "now edited."))
    extract(project)
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po.fuzzy_entries()] == ["Second paragraph, now edited."]
    assert po.fuzzy_entries()[0].previous_msgid == "Second paragraph, to be edited."


def test_extract_counts_what_it_made_and_leaves_catalogues_a_markdown_file_replaces(project):
    """extract says what it made, updated and left unchanged (a catalogue it has just made
    is not "up to date"). Once the text is translated as a Markdown file (`case.ru.md`), the
    Russian catalogue has no effect (the file wins): extract leaves it exactly as the
    translator left it, also when the source changes, and names it as unused; it never
    deletes it."""
    from content_i18n.workflow import extract_all

    def run():
        return extract_all(project, project / "content", project / "po", ["en", "ru", "de"],
                           "en")

    first = run()
    po = project / "po/ru/case.po"
    assert sorted(first.created) == [project / "po/de/case.po", po]
    assert first.updated == [] and first.unchanged == [] and first.unused == []
    again = run()
    assert again.created == [] and sorted(again.unchanged) == [project / "po/de/case.po", po]
    fill(po)
    kept = po.read_bytes()
    md = write_article(project / "content", "case.ru.md",
                       {**VALID, "Slug": "case", "Lang": "ru", "Title": "Дело"}, "Текст.")
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("Third paragraph.", "Third, edited."))
    after = run()
    assert po.read_bytes() == kept
    assert after.unused == [(po, md)]
    assert after.updated == [project / "po/de/case.po"] and after.created == []


def test_extract_refuses_a_catalogue_msgfmt_refuses_and_never_rewrites_it(project):
    from content_i18n.workflow import ExtractProblems

    extract(project)
    po_path = project / "po/ru/case.po"
    fill(po_path)
    lines = po_path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith('msgid "First'))
    lines[n + 1] = lines[n + 1].rstrip('"')  # the closing quote is missing
    po_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = po_path.read_bytes()
    with pytest.raises(ExtractProblems) as caught:
        extract(project)
    assert str(caught.value) == (f"{po_path}: line {n + 2}: unterminated string "
                                 '(a closing " is missing)')
    assert po_path.read_bytes() == broken


def test_extract_refuses_a_header_msgfmt_check_refuses(project):
    """`msgfmt --check` also checks the header: a Plural-Forms a translator broke is refused
    by extract as well (and never rewritten), not only by msgfmt."""
    from content_i18n.workflow import ExtractProblems

    extract(project)
    po_path = project / "po/ru/case.po"
    text = po_path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index('\\n"', start) + 3
    po_path.write_text(text[:start] + '"Plural-Forms: nplurals=3; plural=(n%10==1 && ;\\n"'
                       + text[end:], encoding="utf-8")
    broken = po_path.read_bytes()
    with pytest.raises(ExtractProblems) as caught:
        extract(project)
    assert caught.value.problems[0].problem == "invalid plural expression"
    assert po_path.read_bytes() == broken


def test_obsolete_previous_msgid_and_crlf_are_accepted_by_extract_and_build(project):
    extract(project)
    po_path = project / "po/ru/case.po"
    fill(po_path)
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace("to be edited.", "now edited."))
    extract(project)
    source.write_text(source.read_text().replace("Second paragraph, now edited.\n\n", ""))
    extract(project)  # the fuzzy entry with its #| lines becomes obsolete: #~| msgid
    text = po_path.read_text(encoding="utf-8")
    assert '#~| msgid "Second paragraph, to be edited."' in text
    po_path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # msgfmt accepts CRLF
    build = run_pelican(project / "content", project / "out", settings=project / "settings.py")
    assert build.returncode == 0, build.output
    page = build.html("ru/articles/case/index.html")
    assert "Перевод: First paragraph." in page.select_one(".e-content").get_text()
    extract(project)
    assert po_path.read_text(encoding="utf-8") == text  # written back as msgmerge writes


def test_a_byte_order_mark_is_refused_by_extract_as_msgmerge_refuses_it(project):
    """msgmerge (and msgfmt) refuse a catalogue that starts with a byte-order mark: so does
    extract, naming msgfmt's line and the fix, and leaves the file as it is (it removed the
    mark and rewrote the file)."""
    from content_i18n.workflow import ExtractProblems

    from tests.msgfmt_lines import msgfmt_errors

    extract(project)
    po_path = project / "po/ru/case.po"
    fill(po_path)
    po_path.write_bytes(b"\xef\xbb\xbf" + po_path.read_bytes())
    broken = po_path.read_bytes()
    [(line, message), *_] = msgfmt_errors(po_path)
    assert "syntax error" in message
    with pytest.raises(ExtractProblems) as caught:
        extract(project)
    [problem] = caught.value.problems
    assert (problem.path, problem.where) == (po_path, f"line {line}")
    assert "save it as UTF-8 without a byte-order mark" in problem.problem
    assert po_path.read_bytes() == broken


def test_extract_on_a_clean_clone_changes_nothing(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
                   check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    subprocess.run(["git", "checkout", "--quiet", head], cwd=clone, check=True)
    proc = subprocess.run([sys.executable, "-m", "invoke", "i18n.extract"], cwd=clone,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout
    assert status == ""


@pytest.mark.parametrize("escape", [r"\a", r"\007", r"\x07", r"\f", r"\v", r"\b", r"\x41"])
def test_every_catalogue_reader_refuses_an_escape_msgfmt_reads_as_a_character(tmp_path, escape):
    """One rule (safe_input.text.po_escape) for the UI (Babel), content and letters (polib)
    catalogues: an escape msgfmt --check accepts and compiles into a character, but Babel and
    polib show as typed (or, for \\b \\f \\v, polib turns into a control character), is
    refused with the catalogue's line; the five escapes all three read alike pass."""
    from content_i18n.catalogs import CatalogueError, check

    from letters_kit.catalog import glosses
    from ui_i18n.catalogs import check_syntax

    head = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: de\\n"\n\n#. Comment with \\a is not read.\nmsgctxt "rules.language"\n'
            'msgid "Пишите"\n')
    path = tmp_path / "de.po"
    path.write_text(head + f'msgstr "Sch{escape}reiben"\n', encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)]).returncode == 0
    assert check_syntax(path.read_text(encoding="utf-8"))[0] == 9
    for refuse in (check, glosses):
        with pytest.raises(CatalogueError) as caught:
            refuse(path)
        assert (caught.value.where, caught.value.problem.split(";")[0]) == (
            "line 9", f"the escape {escape} is read by msgfmt as a character but not by the site")
    path.write_text(head + 'msgstr "Sch\\\\areiben \\"\\n\\t"\n', encoding="utf-8")
    assert check_syntax(path.read_text(encoding="utf-8")) is None
    assert glosses(path) == {("rules.language", "Пишите"): 'Sch\\areiben "\n\t'}
    # \r all three read alike, as a carriage return: a control character, refused as typed.
    path.write_text(head + 'msgstr "Schreiben\\r Sie"\n', encoding="utf-8")
    assert check_syntax(path.read_text(encoding="utf-8")) == (
        9, "the escape \\r stands for a carriage return, a control character, which is not "
           "allowed; remove it (a line break is \\n)")
    with pytest.raises(CatalogueError):
        glosses(path)
