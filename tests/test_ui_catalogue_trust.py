"""UI catalogues and templates named by editors, through real builds (issue 13, items 3 and 8):
a msgstr with markup or placeholders its msgid lacks is refused with a warning naming file and
line (the English text shows; strict mode stops the build); a failing Plural-Forms
expression, a missing catalogue and a bad `Template:` each stop the build with one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from tests.msgfmt_lines import WRAP, add_bom, bom_refused_by_build, msgfmt_errors, msgfmt_line
from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

TRACKER = '<svg><image href="https://tracker.example/u.png"/></svg>'


def one_line(output: str) -> str:
    """The console wraps long lines (also inside a path) and puts the logging call's place
    ("catalogs.py:148") at the end of a message's first line: both undone."""
    lines = [re.sub(r"\s[\w.]+\.py:\d+\s*$", "", line) for line in output.splitlines()]
    return "".join("".join(lines).split())


def said(build, text: str) -> bool:
    return one_line(text) in one_line(build.output)


@pytest.fixture
def project(tmp_path) -> Path:
    """Sample content in English and Russian, and a copy of the UI catalogues to break."""
    content = tmp_path / "content"
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    write_article(content, "a.ru.md", {**VALID, "Lang": "ru", "Slug": "a",
                                       "Title": "Заявление"})
    (content / "pages").mkdir()
    shutil.copytree(ROOT / "translations", tmp_path / "translations",
                    ignore=shutil.ignore_patterns("content"))
    return tmp_path


def settings(project: Path, **extra) -> Path:
    return settings_with(project / "settings.py",
                         UI_TRANSLATIONS_DIR=str(project / "translations"), **extra)


def set_msgstr(project: Path, lang: str, changes: dict[str, str]) -> dict[str, int]:
    """Give msgids new msgstrs; returns the line GNU msgfmt --check names for each entry in
    the saved file (its msgstr's), the line the build's warning must name."""
    path = project / "translations" / lang / "LC_MESSAGES" / "messages.po"
    po = polib.pofile(str(path), wrapwidth=WRAP)
    for entry in po:
        if entry.msgid in changes:
            entry.msgstr = changes[entry.msgid]
    po.save(str(path))
    return {msgid: msgfmt_line(path, msgid) for msgid in changes}


def build(project: Path, **extra):
    out = project / "out"
    shutil.rmtree(out, ignore_errors=True)
    return run_pelican(project / "content", out, settings=settings(project, **extra))


def test_msgstr_adding_markup_is_refused_on_pages_and_in_feeds(project):
    lines = set_msgstr(project, "ru", {
        "Latest": "Новое" + TRACKER, "Site:": "Сайт:" + TRACKER,
        "Languages": 'Языки" onfocus="alert(1)" autofocus data-x="'})
    site = build(project)
    assert site.returncode == 0, site.output
    assert said(site, f"ru/LC_MESSAGES/messages.po: line {lines['Latest']}: msgid 'Latest': "
                      "its markup differs from the English text (adds <svg>"), site.output
    assert said(site, f"line {lines['Site:']}: msgid 'Site:'")
    assert "Traceback" not in site.output
    assert said(site, f"line {lines['Languages']}: msgid 'Languages': it has a straight double "
                      "quote")
    ru = site.html("ru/index.html")
    assert ru.select_one("nav.languages")["aria-label"] == "Languages"
    assert not ru.select("[onfocus], [autofocus]")
    assert ru.select_one(".main-nav a").get_text() == "Latest"  # the msgid, until it is fixed
    for path in [*site.out_dir.rglob("*.html"), *site.out_dir.rglob("*.xml"),
                 *site.out_dir.rglob("*.json")]:
        assert "tracker.example" not in path.read_text(encoding="utf-8"), path


def test_msgstr_with_a_placeholder_its_msgid_lacks_is_refused_not_a_traceback(project):
    lines = set_msgstr(project, "ru", {"Published %(date)s": "Опубликовано %(datum)s"})
    # The entry is python-format: msgfmt --check refuses it itself, at the same line.
    path = project / "translations/ru/LC_MESSAGES/messages.po"
    assert [line for line, _ in msgfmt_errors(path)] == [lines["Published %(date)s"]]
    site = build(project)
    assert site.returncode == 0, site.output
    assert "Traceback" not in site.output and "KeyError" not in site.output
    assert said(site, f"line {lines['Published %(date)s']}: msgid 'Published %(date)s': it "
                      "has %(datum)s, which the English text does not have (it has %(date)s)")
    meta = site.html("ru/articles/a/index.html").select_one(".document-header .meta")
    assert meta.get_text().strip().startswith("Published ")


def test_strict_mode_turns_a_refused_msgstr_into_an_error(project):
    set_msgstr(project, "ru", {"Latest": "Новое" + TRACKER})
    site = build(project, STRICT_WARNINGS=True)
    assert site.returncode != 0
    assert said(site, "strict mode: 1 warning treated as error"), site.output
    assert said(site, "msgid 'Latest': its markup differs")
    assert "Traceback" not in site.output


def test_failing_plural_forms_stops_the_build_with_its_line(project):
    path = project / "translations/ru/LC_MESSAGES/messages.po"
    text = path.read_text(encoding="utf-8")
    header = next(i for i, line in enumerate(text.splitlines(), 1) if "Plural-Forms:" in line)
    start = text.index('"Plural-Forms:')
    end = text.index("\\n\"", start) + 3
    path.write_text(text[:start] + '"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : '
                    '1 + 0*n/(n%10-5));\\n"' + text[end:], encoding="utf-8")
    site = build(project)
    assert site.returncode != 0
    assert said(site, f"ru/LC_MESSAGES/messages.po: line {header}: the Plural-Forms "
                      "expression fails for n=5 (ZeroDivisionError"), site.output
    assert said(site, "use the rule for this language")
    assert "Traceback" not in site.output
    assert not list(site.out_dir.rglob("*.html"))


def test_missing_ui_catalogue_stops_the_build_with_the_fix(project):
    (project / "translations/fr/LC_MESSAGES/messages.po").unlink()
    site = build(project)
    assert site.returncode != 0
    assert said(site, "fr/LC_MESSAGES/messages.po: catalogue: missing: the UI catalogue of "
                      "'fr'"), site.output
    assert said(site, "invoke i18n.update-ui")
    assert "Traceback" not in site.output
    assert not list(site.out_dir.rglob("*.html"))


@pytest.mark.parametrize("name, kind, message", [
    ("nonexistent", "article", "'nonexistent' is not an article template; use one of: article"),
    ("prisoner", "article", "'prisoner' is not an article template; use one of: article"),
    ("article", "page", "'article' is not a page template; use one of: page"),
])
def test_template_naming_a_missing_or_wrong_template_is_refused(content, tmp_path, name, kind,
                                                                message):
    if kind == "article":
        path = write_article(content, "t.md", {**VALID, "Slug": "t", "Template": name})
    else:
        write_article(content, "a.md", {**VALID, "Slug": "a"})
        path = content / "pages" / "t.md"
        path.write_text(f"Title: T\nLang: en\nTemplate: {name}\n\nText.\n", encoding="utf-8")
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode != 0
    rel = path.relative_to(content.parent)
    assert said(site, f"{rel}: Template: {message}"), site.output
    assert "Traceback" not in site.output
    assert not list(site.out_dir.rglob("*.html"))


def test_template_naming_the_default_template_builds(content, tmp_path):
    write_article(content, "t.md", {**VALID, "Slug": "t", "Template": "article"})
    site = run_pelican(content, tmp_path / "out")
    assert site.returncode == 0, site.output


def ui_status(project: Path):
    """`invoke i18n.status`'s rows for the project (English and Russian), with the build's
    settings."""
    from content_i18n.workflow import status

    from pelicanconf import MARKDOWN

    ui = project / "translations"
    return status(project / "po", ui, ["en", "ru"], "en", project / "content",
                  {"MARKDOWN": MARKDOWN, "UI_TRANSLATIONS_DIR": str(ui)})


def _plural_forms(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(
        "plural=(n%10==1", "plural=(n%0==1", 1), encoding="utf-8")


def _unterminated(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "Новое"\n', 'msgstr "Новое\n', 1), encoding="utf-8")


BROKEN = {"byte-order mark": add_bom, "plural forms": _plural_forms, "unterminated": _unterminated}


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_ui_catalogue_the_build_refuses_is_refused_by_status_at_the_same_line(project, how):
    """A UI catalogue the build refuses as a whole stops the build with one line; i18n.status
    takes the build's decision (ui_i18n.catalogs.problem) and names the same file and line
    instead of counting the catalogue (it compiled the catalogue itself: it counted a
    catalogue with a byte-order mark or a failing Plural-Forms expression as translated and
    raised a traceback for an unterminated string)."""
    from content_i18n.catalogs import CatalogueError

    path = project / "translations/ru/LC_MESSAGES/messages.po"
    BROKEN[how](path)
    site = build(project)
    assert site.returncode != 0, site.output
    assert "Traceback" not in site.output
    found = re.search(r"ru/LC_MESSAGES/messages\.po:line(\d+):", one_line(site.output))
    assert found, site.output
    with pytest.raises(CatalogueError) as raised:
        ui_status(project)
    assert raised.value.path == path and raised.value.where == f"line {found.group(1)}", \
        raised.value


def test_a_byte_order_mark_is_refused_as_msgfmt_refuses_it(project):
    """GNU msgfmt refuses a catalogue that starts with a UTF-8 byte-order mark (a syntax
    error at line 1); so does the build, in one line with the file, msgfmt's line and the fix.
    The file is not rewritten and nothing is written."""
    path = project / "translations/ru/LC_MESSAGES/messages.po"
    site, _line = bom_refused_by_build(path, "ru/LC_MESSAGES/messages.po", lambda: build(project))
    assert one_line(site.output).count("messages.po") == 1, site.output
    assert not list(site.out_dir.rglob("*.html"))
