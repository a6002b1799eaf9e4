"""A catalogue that is a symbolic link is never read nor published for download: read
through the link, any file of the build machine would be copied into the site (GUIDE:
nothing may copy a file of the build machine into the site). Content, registry, UI and
letters catalogues alike, in the build and in `invoke i18n.status`: one line naming the
file and the fix (safe_input.urls.link_problem, the rule content Markdown follows)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article
from tests.test_content_catalogues import RU, build, extract, project, translate  # noqa: F401
from tests.test_counts_agree import build_with_ui, ui_copy

SECRET = "build machine secret 7f3a"
FIX = "replace the link with the file itself"


def outside_catalogue(folder: Path, source: Path) -> Path:
    """A copy of the catalogue `source` outside the project, with SECRET in a translator
    comment (a file of the build machine the site must never copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "secret.po"
    target.write_text(f"# {SECRET}\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def published(out: Path) -> list[Path]:
    """Every file of the built site holding SECRET."""
    return [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def status_of(project_: Path, ui: Path = ROOT / "translations"):
    from content_i18n.workflow import status

    from pelicanconf import MARKDOWN

    return status(project_ / "po", ui, ["en", "ru", "de", "fr"], "en", project_ / "content",
                  {"MARKDOWN": MARKDOWN, "UI_TRANSLATIONS_DIR": str(ui)})


def refused_everywhere(build_, po: Path, shown: str, status) -> None:
    """The build stopped with one line naming the catalogue (`shown`, as the build names
    it) and the fix, without a traceback, and published nothing of the linked file; and
    `status()` (i18n.status) raises CatalogueError naming `po` and the fix."""
    from content_i18n.catalogs import CatalogueError

    assert build_.returncode != 0, build_.output
    assert f"{shown}: catalogue: is a symbolic link" in build_.said, build_.output
    assert build_.said.rstrip().endswith(FIX) and "Traceback" not in build_.output, build_.output
    assert not build_.out_dir.exists() or not published(build_.out_dir)
    with pytest.raises(CatalogueError) as said:
        status()
    assert said.value.path == po and FIX in said.value.problem


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_content_catalogue_that_is_a_link_outside_is_not_read_nor_published(
        project, tmp_path, linked):  # noqa: F811
    """po/ru/case.po replaced by a link to a catalogue outside the project, or po/ru by a
    link to the folder holding it: the build published the file as
    translations/ru/case.po (and used its entries), i18n.status counted it."""

    extract(project)
    translate(project, "ru", RU)
    po = project / "po/ru/case.po"
    target = outside_catalogue(tmp_path / "elsewhere", po)
    if linked == "file":
        po.unlink()
        po.symlink_to(target)
    else:
        target.rename(target.with_name("case.po"))
        shutil.rmtree(po.parent)
        po.parent.symlink_to(target.parent, target_is_directory=True)
    build_ = build(project)
    refused_everywhere(build_, po, "po/ru/case.po", lambda: status_of(project))


def test_a_ui_catalogue_that_is_a_link_outside_is_not_read_nor_published(tmp_path):
    """translations/ru/LC_MESSAGES/messages.po a link to a catalogue outside: the build
    published it as translations/ru/messages.po."""

    ui = ui_copy(tmp_path)
    po = ui / "ru/LC_MESSAGES/messages.po"
    target = outside_catalogue(tmp_path / "elsewhere", po)
    po.unlink()
    po.symlink_to(target)
    build_ = build_with_ui(tmp_path, ui)
    refused_everywhere(build_, po, "ru/LC_MESSAGES/messages.po", lambda: status_of(tmp_path, ui))


def test_a_letters_catalogue_that_is_a_link_is_not_read(tmp_path):
    """letters_kit.catalog.glosses of a link to a catalogue outside: it read the file."""
    from content_i18n.catalogs import CatalogueError

    from letters_kit.catalog import glosses

    source = next((ROOT / "translations/letters").glob("*.po"))
    target = outside_catalogue(tmp_path / "elsewhere", source)
    po = tmp_path / "letters" / source.name
    po.parent.mkdir()
    po.symlink_to(target)
    with pytest.raises(CatalogueError) as said:
        glosses(po)
    assert said.value.path == po and FIX in said.value.problem


def test_a_registry_catalogue_that_is_a_link_outside_is_not_read_nor_published(tmp_path):
    """po/ru/cases/test-case.po a link to a catalogue outside: the build used and
    published it."""
    from content_i18n.workflow import extract_all

    from tests.test_registry import CASE, write_yaml

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    write_yaml(content, "cases", CASE)
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru", "de", "fr"], "en")
    po = tmp_path / "po/ru/cases/test-case.po"
    target = outside_catalogue(tmp_path / "elsewhere", po)
    po.unlink()
    po.symlink_to(target)
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    build_ = run_pelican(content, tmp_path / "out", settings)
    refused_everywhere(build_, po, "po/ru/cases/test-case.po", lambda: status_of(tmp_path))
