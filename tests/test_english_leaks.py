"""Nothing in English outside content that exists only in English (issue 17, item 1): every
page kind of the sample site in every language, plus a catalogue translation's authors and
signatories. The same scan runs in Chromium in tests/test_browser.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

import pelicanconf as conf
from tests.english_leaks import english_strings, leaks_in_html
from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

TARGETS = [lang for lang in conf.LANGUAGES if lang != conf.DEFAULT_LANG]
# One page of each kind; every page of the build is scanned, these must be among them.
KINDS = ["index.html", "articles/free-boris-kagarlitsky/index.html", "about/index.html",
         "category/appeals/index.html", "archives/index.html", "404.html",
         "prisoners/index.html", "prisoners/boris-kagarlitsky/index.html",
         "prisoners/alexander-kupriyanov/index.html", "cases/tyumen-case/index.html",
         "subscribe/index.html", "partners/index.html", "blocked/index.html",
         "translate/index.html", "how-to-write/index.html"]


def test_the_scan_finds_english_only_outside_lang_en():
    strings = english_strings("ru")
    assert "Editorial collective" in strings and "Left Front" in strings
    html = ('<html lang="ru"><body><p>Автор: Editorial collective</p>'
            '<p lang="en">Left Front</p><p title="Left Front">х</p></body></html>')
    assert leaks_in_html(html, "ru", strings) == ["Editorial collective", "Left Front"]


@pytest.mark.parametrize("lang", TARGETS)
def test_no_english_outside_lang_en_on_any_page(site, lang):
    pages = sorted((site.out_dir / lang).rglob("*.html"))
    rels = {p.relative_to(site.out_dir / lang).as_posix() for p in pages}
    assert set(KINDS) <= rels, set(KINDS) - rels
    strings = english_strings(lang)
    found = {}
    for page in pages:
        leaks = leaks_in_html(page.read_text(encoding="utf-8"), lang, strings)
        if leaks:
            found[page.relative_to(site.out_dir).as_posix()] = leaks
    assert not found, found


def test_registry_names_are_shown_in_the_page_language(site):
    ru = site.html("ru/prisoners/alexander-kupriyanov/index.html")
    assert "«Действие» (профсоюз медицинских работников)" in ru.select_one(".facts").get_text()
    # A magazine's own title has no translation: shown as it is, marked English.
    kagarlitsky = site.html("ru/prisoners/boris-kagarlitsky/index.html")
    sources = [s.get_text() for s in kagarlitsky.select(".provenance span[lang='en']")]
    assert "International Viewpoint" in sources
    subscribe = site.html("ru/subscribe/index.html").get_text()
    assert "Левые политзаключённые: Обращения" in subscribe
    assert "Левые политзаключённые (все языки)" in subscribe


def test_catalogue_translation_names_authors_and_signatories_in_its_language(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "names.yaml", content / "names.yaml")
    write_article(content, "appeal.md", {
        **VALID, "Slug": "appeal", "Category": "appeals", "Authors": "Editorial collective",
        "Signatories": "Left Front; Workers of the Zavod plant"},
        "One paragraph.\n\nAnother paragraph.")
    settings = settings_with(tmp_path / "settings.py",
                             CONTENT_TRANSLATIONS_DIR=str(tmp_path / "po"))
    from content_i18n.workflow import extract_all

    extract_all(tmp_path, content, tmp_path / "po", ["en", "ru"], "en")
    po = polib.pofile(str(tmp_path / "po/ru/appeal.po"))
    for entry in po:
        entry.msgstr = {"title": "Обращение"}.get(entry.msgctxt, "Абзац.")
    po.save()
    build = run_pelican(content, tmp_path / "out", settings=settings)
    assert build.returncode == 0, build.output
    ru = build.html("ru/articles/appeal/index.html")
    author = ru.select_one(".p-author")
    assert author.get_text() == "Редакционный коллектив" and not author.get("lang")
    items = ru.select(".signatories li")
    assert [(li.get_text(), li.get("lang")) for li in items] == [
        ("Левый фронт", None), ("Workers of the Zavod plant", "en")]
    assert Path(build.out_dir / "ru/articles/appeal/index.html").exists()


def test_a_broken_names_file_stops_the_build_with_one_line(tmp_path):
    content = tmp_path / "content"
    write_article(content, "a.md", VALID)
    (content / "names.yaml").write_text(
        "names:\n- en: Left Front\n  ru: Левый фронт\n- ru: Без английского\n"
        "- en: Left Front\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0
    assert "content/names.yaml: names.1" in build.output and "'en'" in build.output
    assert "Traceback" not in build.output
