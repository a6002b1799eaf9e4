"""tasks.py: `invoke new` scaffolds a buildable article; `invoke build` swaps output/ atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

PROJECT_FILES = [
    "content",
    "theme",
    "plugins",
    "translations",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, so tasks can write into content/ and output/."""
    for name in PROJECT_FILES:
        src = ROOT / name
        dst = tmp_path / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")  # vnu.jar, axe-core
    return tmp_path


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_new_scaffolds_an_article_with_every_field_that_builds(project):
    proc = invoke(
        project,
        "new",
        "--title",
        "Свободу всем",
        "--lang",
        "ru",
        "--category",
        "appeals",
        "--slug",
        "free-all",
    )
    assert proc.returncode == 0, proc.stderr
    [path] = list((project / "content/articles").rglob("free-all.ru.md"))
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    fields = [line.split(":", 1)[0] for line in header.splitlines()]
    assert fields == [
        "Title",
        "Date",
        "Modified",
        "Lang",
        "Slug",
        "Category",
        "Status",
        "Summary",
        "Tags",
        "Authors",
        "Signatories",
        "Source",
        "SourceURL",
        "OriginalLanguage",
        "TranslatedBy",
        "License",
        "Prisoners",
        "Action",
    ]
    proc = invoke(project, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # A draft: previewed under drafts/, not published as an article.
    page = (project / "output/ru/drafts/free-all/index.html").read_text(encoding="utf-8")
    assert "Свободу всем" in page
    assert not (project / "output/ru/articles/free-all").exists()


def test_new_takes_a_language_and_category_in_any_case_as_the_build_does(project):
    """The build reads `Lang: RU` and `Category: Appeals` as ru and appeals
    (content_model.reader): `invoke new` takes them the same way and writes them lower case."""
    proc = invoke(project, "new", "--title", "Case test", "--lang", "RU", "--category",
                  "Appeals", "--slug", "case-test")
    assert proc.returncode == 0, proc.stderr
    [path] = list((project / "content/articles").rglob("case-test.*"))
    assert path.name == "case-test.ru.md"
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    assert "Lang: ru" in header and "Category: appeals" in header, header


def test_new_refuses_an_unknown_language(project):
    proc = invoke(project, "new", "--title", "x", "--lang", "pl")
    assert proc.returncode != 0
    assert "--lang: 'pl' is not one of en, ru, uk, de, fr, es" in proc.stderr


@pytest.mark.parametrize("slug", ["../../../escape", "My Slug", 'odd";touch X;"'])
def test_new_refuses_a_slug_outside_the_slug_alphabet_before_writing(project, slug):
    """--slug is the file name too: one outside the build's slug rule is refused before any
    file is written (a `..` would put the article outside content/)."""
    before = sorted(p for p in project.rglob("*") if ".venv" not in p.parts)
    proc = invoke(project, "new", "--title", "Escape test", "--slug", slug)
    assert proc.returncode != 0
    assert f"--slug: '{slug}' may hold only lowercase letters a-z, digits and hyphens" \
        in proc.stderr
    assert sorted(p for p in project.rglob("*") if ".venv" not in p.parts) == before


def test_failed_build_leaves_previous_output_untouched(project):
    assert invoke(project, "build").returncode == 0
    index = project / "output/index.html"
    before = index.read_bytes()
    (project / "content/articles/broken.md").write_text(
        "Title: Broken\nDate: someday\nLang: en\nCategory: news\n\nText.\n", encoding="utf-8"
    )
    proc = invoke(project, "build")
    assert proc.returncode != 0
    assert (
        "content/articles/broken.md: Date: 'someday' is not a valid date"
        in proc.stdout + proc.stderr
    )
    assert index.read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


def test_a_file_name_with_shell_syntax_is_one_argument_not_a_command(project):
    """Tasks pass file names to commands as arguments, never inside a shell string."""
    draft = project / 'content/a";touch PWNED;"b.md'
    draft.write_text("Title: Draft\nDate: 2024-05-01\nLang: ru\nCategory: news\n\n"
                     "Суд продлил арест Бориса Кагарлицкого.\n", encoding="utf-8")
    proc = invoke(project, "mentions", str(draft.relative_to(project)))
    assert not (project / "PWNED").exists(), "the file name ran as a shell command"
    assert not list(project.rglob("PWNED"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "'Бориса Кагарлицкого' -> boris-kagarlitsky" in proc.stdout


def _one_clear_line(proc: subprocess.CompletedProcess, text: str) -> None:
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0, said
    assert "Traceback" not in said, said
    assert [line for line in said.splitlines() if text in line], said


def test_a_file_in_the_way_of_output_is_one_line_and_stays(project):
    (project / "output").write_text("notes I keep here", encoding="utf-8")
    proc = invoke(project, "build")
    _one_clear_line(proc, "output is in the way: it is a file or a link, not a folder; move it "
                          "away and build again")
    assert (project / "output").read_text(encoding="utf-8") == "notes I keep here"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


def test_an_output_folder_that_cannot_be_replaced_is_one_line_and_left_alone(project):
    assert invoke(project, "build").returncode == 0
    before = (project / "output/index.html").read_bytes()
    output = project / "output"
    if os.geteuid() == 0:  # root ignores permissions; the immutable flag stops even root
        locked, unlock = output, ["chattr", "-i", str(output)]
        subprocess.run(["chattr", "+i", str(output)], check=True)
        expected = "Built and checked, but output/ cannot be replaced: Operation not permitted"
    else:  # nobody may create or rename anything in the project folder
        locked, unlock = project, ["chmod", "755", str(project)]
        project.chmod(0o555)
        expected = "Cannot create a build folder beside output/: Permission denied"
    try:
        proc = invoke(project, "build")
    finally:
        subprocess.run(unlock, check=True)
    _one_clear_line(proc, expected)
    assert locked.exists() and (project / "output/index.html").read_bytes() == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("output")) == ["output"]


@pytest.mark.parametrize(("folder", "canonical", "settings", "siteurl"), [
    ("output-mirror", None, "publishconf.py", None),
    ("output", None, "pelicanconf.py", None),
    ("output", "/", "pelicanconf.py", None),  # a development build's relative links
    # invoke publish built output/ with publishconf.py for SITEURL=https://newcomer.test:
    # checked against pelicanconf.py, every page loading its CSS from there was "a
    # third-party host" (7,334 false problems), and against publishconf.py's default address too.
    ("output", "https://newcomer.test/", "publishconf.py", "https://newcomer.test"),
    ("output-mirror", "https://site.example/sub/", "publishconf.py", "https://site.example/sub"),
])
def test_check_reads_a_folder_with_the_settings_that_built_it(monkeypatch, tmp_path, folder,
                                                              canonical, settings, siteurl):
    # `invoke build --mirror` builds output-mirror/ with publishconf.py: checked against
    # pelicanconf.py, its canonical links to the published domain read as another host's
    # (435 false errors on the sample site).
    sys.path.insert(0, str(ROOT))
    try:
        import tasks
    finally:
        sys.path.remove(str(ROOT))
    built = tmp_path / folder
    built.mkdir()
    link = "" if canonical is None else f'<link rel="canonical" href="{canonical}">'
    (built / "index.html").write_text(f"<!doctype html><html><head>{link}</head></html>",
                                      encoding="utf-8")
    seen = []
    monkeypatch.setattr(tasks, "_site_checks",
                        lambda s, d, html, siteurl: seen.append((s, d.name, siteurl)))
    tasks.check.body(None, dir=str(built), html=False)
    assert seen == [(settings, folder, siteurl)]


def test_check_names_a_folder_given_with_its_slash_once(monkeypatch, tmp_path, capsys):
    """`invoke check --dir output-mirror/` (as a shell completes it) said
    'output-mirror//: all site checks passed'."""
    sys.path.insert(0, str(ROOT))
    try:
        import tasks
    finally:
        sys.path.remove(str(ROOT))
    built = tmp_path / "output-mirror"
    built.mkdir()
    (built / "index.html").write_text("<!doctype html><html></html>", encoding="utf-8")
    monkeypatch.setattr(tasks, "_site_checks", lambda s, d, html, siteurl: None)
    tasks.check.body(None, dir=f"{built}/", html=False)
    assert capsys.readouterr().out == f"{built}/: all site checks passed\n"


@pytest.mark.parametrize(("where", "what"), [
    ("missing", "is no folder"),
    ("empty", "is empty"),
    ("output", "is no folder"),  # the default, in a clean clone before any build
    ("stray", "holds no built site (no index.html)"),
])
def test_check_of_a_folder_with_no_built_site_is_one_line_and_fails(project, where, what):
    """`invoke check` of a missing or empty folder, or of output/ before any build, found
    nothing to complain of and said "all site checks passed" (found by a newcomer)."""
    if where == "empty":
        (project / "empty").mkdir()
    if where == "stray":
        (project / "stray").mkdir()
        (project / "stray" / "notes.txt").write_text("not a site\n", encoding="utf-8")
    proc = invoke(project, "check", *(() if where == "output" else ("--dir", where)))
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert proc.returncode != 0 and lines == [
        f"invoke check: {where}/ {what}; build the site first: make build (or invoke build), "
        "then invoke check"], lines


@pytest.mark.parametrize(("arg", "shown", "build"), [
    # make build and invoke build write output/, never output-mirror/.
    ("output-mirror", "output-mirror", "invoke build --mirror"),
    ("output-mirror/", "output-mirror", "invoke build --mirror"),
    ("output/", "output", "make build (or invoke build)"),  # was named 'output//'
])
def test_check_before_a_build_names_the_build_that_writes_that_folder(project, arg, shown,
                                                                      build):
    """`invoke check --dir output-mirror` before `invoke build --mirror` sent the editor to
    make build, which builds output/, so the same refusal came back."""
    proc = invoke(project, "check", "--dir", arg)
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert proc.returncode != 0 and lines == [
        f"invoke check: {shown}/ is no folder; build the site first: {build}, then invoke "
        "check"], lines


@pytest.mark.parametrize(("args", "line"), [
    (("--help",), "invoke new: '--help' is an option, not a title; give the article's title, "
                  'e.g. invoke new --title "Free them all" (this task\'s help: invoke --help new)'),
    (("--title", "-x"), "invoke new: '-x' is an option, not a title; give the article's title, "
                        'e.g. invoke new --title "Free them all" (this task\'s help: '
                        "invoke --help new)"),
    # slugify("!!!") is empty: the draft was written as untitled.md, and the error never fired.
    (("--title", "!!!"), "--title gives no slug (no letters or digits); give one with --slug"),
])
def test_new_refuses_a_title_it_cannot_use_before_writing(project, args, line):
    """`invoke new --help` wrote content/articles/<year>/help.md titled `--help`."""
    before = sorted(p for p in project.rglob("*") if ".venv" not in p.parts)
    proc = invoke(project, "new", *args)
    lines = [text for text in (proc.stdout + proc.stderr).splitlines() if text.strip()]
    assert proc.returncode != 0 and lines == [line], lines
    assert sorted(p for p in project.rglob("*") if ".venv" not in p.parts) == before


@pytest.mark.parametrize(("title", "slug"), [
    ("-1 year for Boris", "1-year-for-boris"),  # a hyphen-minus typed for a minus sign
    ("-20° in the punishment cell", "20deg-in-the-punishment-cell"),
    ("- a letter from the camp", "a-letter-from-the-camp"),  # a hyphen typed for a dash
])
def test_new_takes_a_title_that_starts_with_a_dash_but_is_no_option(project, title, slug):
    """A title beginning with '-' was refused as 'an option, not a title', even given as
    --title "..." as the refusal advised: such an article could not be started at all."""
    proc = invoke(project, "new", "--title", title, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    [path] = (project / "content" / "articles").glob(f"*/{slug}.md")
    assert f"Title: {title}\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("arg", "what"), [("--help", "is an option, not a draft"),
                                           ("no/such/draft.md", "is no file")])
def test_mentions_without_a_draft_is_one_line_before_any_install(arg, what):
    """`invoke mentions --help` took '--help' for the draft's path and installed natasha
    (54 MB) before failing (found by the newcomer)."""
    proc = subprocess.run([sys.executable, "-m", "invoke", "mentions", arg], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert proc.returncode != 0 and lines == [
        f"invoke mentions: {arg!r} {what}; give a draft's path, e.g. invoke mentions "
        "content/articles/draft.md (this task's help: invoke --help mentions)"], lines


def test_status_names_a_broken_catalogue_in_one_line(project):
    """`invoke i18n.status` (TRANSLATING.md sends translators to it) ended in a 26-line
    traceback on a catalogue msgfmt refuses, where the build names the file and line."""
    po = project / "translations" / "content" / "ru" / "chilikin-released.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and i > 20)
    lines[at] = lines[at].rstrip('"')  # the closing quote lost
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = invoke(project, "i18n.status")
    _one_clear_line(proc, f"translations/content/ru/chilikin-released.po: line {at + 1}: ")


def test_status_refuses_a_letters_catalogue_with_a_byte_order_mark_in_one_line(project):
    """TRANSLATING.md: status refuses a byte-order mark in every catalogue, letters too; it
    never read translations/letters/ and printed its table, exit 0 (found by a newcomer)."""
    po = project / "translations" / "letters" / "fr.po"
    po.write_bytes(b"\xef\xbb\xbf" + po.read_bytes())
    proc = invoke(project, "i18n.status")
    _one_clear_line(proc, "translations/letters/fr.po: line 1: the file starts with a "
                          "byte-order mark (U+FEFF)")
    assert "| fr |" not in proc.stdout, proc.stdout


def test_status_without_the_ui_template_says_how_to_restore_it_and_nothing_else(project):
    """No translations/messages.pot (the UI counts' denominator): one line with its own fix
    (restore it, or invoke i18n.update-ui); it ended with "fix it, then check with msgfmt
    --check", advice for a broken catalogue, not a missing template."""
    (project / "translations" / "messages.pot").unlink()
    proc = invoke(project, "i18n.status")
    _one_clear_line(proc, "translations/messages.pot: template: missing")
    assert proc.stderr.rstrip().endswith("`invoke i18n.update-ui`"), proc.stderr
    assert "msgfmt" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_status_refuses_a_linked_letters_catalogue_with_the_links_fix(project, tmp_path, linked):
    """translations/letters/fr.po, or translations/letters/ itself, a link to a copy outside:
    status read the linked folder (no root given), and its line for a link ended with
    "fix it, then check with msgfmt --check", advice that does not fix a link."""
    letters = project / "translations" / "letters"
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(letters, elsewhere)
    if linked == "file":
        (letters / "fr.po").unlink()
        (letters / "fr.po").symlink_to(elsewhere / "fr.po")
    else:
        shutil.rmtree(letters)
        letters.symlink_to(elsewhere, target_is_directory=True)
    proc = invoke(project, "i18n.status")
    _one_clear_line(proc, "translations/letters/")
    assert "is a symbolic link" in proc.stderr, proc.stderr
    assert proc.stderr.rstrip().endswith("replace the link with the file itself"), proc.stderr
    assert "msgfmt" not in proc.stderr, proc.stderr


def test_status_counts_the_letters_kit_as_msgfmt_does(project):
    """A row per language for the letters kit, counted as the build uses its catalogues: one
    translation made fuzzy and one emptied are checked against msgfmt --statistics."""
    po_path = project / "translations" / "letters" / "de.po"
    text = po_path.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    entries[1] = entries[1].replace("\nmsgctxt", "\n#, fuzzy\nmsgctxt", 1)
    head, _, _ = entries[2].rpartition("msgstr ")
    entries[2] = head + 'msgstr ""'
    po_path.write_text("\n\n".join(entries), encoding="utf-8")
    counted = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(po_path)],
                             capture_output=True, text=True, check=True, env={**os.environ,
                                                                              "LC_ALL": "C"})
    numbers = [int(word) for word in counted.stderr.replace(".", " ").split() if word.isdigit()]
    assert len(numbers) == 3, counted.stderr  # translated, fuzzy, untranslated: one of each
    translated, fuzzy, untranslated = numbers
    assert (fuzzy, untranslated) == (1, 1), counted.stderr
    proc = invoke(project, "i18n.status")
    assert proc.returncode == 0, proc.stderr
    percent = 100 * translated // (translated + 2)
    assert f"| de | letters | {translated} | 1 | 1 | {percent} |" in proc.stdout.splitlines()
    for lang in ("en", "uk", "fr", "es"):
        assert f"| {lang} | letters | {translated + 2} | 0 | 0 | 100 |" in proc.stdout, lang
    assert "| ru | letters |" not in proc.stdout  # the kit's source language


def test_status_names_a_duplicate_ui_entry_once_with_both_lines(project):
    """A UI entry pasted twice (msgfmt: 'duplicate message definition...', '...this is the
    location of the first definition'): i18n.status names the file, the second entry's line
    and the first's, and says the fix once (it said it twice: the build's wording, then its
    own)."""
    from tests.msgfmt_lines import msgfmt_errors

    po = project / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgid "Archives"\nmsgstr "Архивы"\n', encoding="utf-8")
    [(second, duplicate), (first, location)] = msgfmt_errors(po)
    assert "duplicate" in duplicate and "first definition" in location
    proc = invoke(project, "i18n.status")
    _one_clear_line(proc, f"translations/ru/LC_MESSAGES/messages.po: line {second}: "
                          f"duplicate message definition (the first is at line {first})")
    assert (proc.stdout + proc.stderr).count("msgfmt --check") == 1, proc.stderr
