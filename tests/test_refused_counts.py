"""A translation the build refuses (it shows the source text instead) is not counted as
translated where translators look: the translators' pages and `invoke i18n.status`. The
decision is the build's own (content_i18n.build.unusable_entries, content_i18n.registry's
table, ui_i18n.catalogs.compile_po); these tests only see its result through real builds."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from tests.sitebuild import VALID, run_pelican, settings_with, write_article
from tests.test_content_catalogues import RU, build, extract, project, translate  # noqa: F401
from tests.test_counts_agree import build_with_ui, status_row, ui_copy, ui_page_row
from tests.test_registry import person, write_yaml

# Third paragraph's msgstr, refused by the sanitiser, or by the block check (it adds a heading).
REFUSED = [
    ("sanitiser", "Третий <img src=https://example.org/x.png> абзац.", "<img src> loads"),
    ("block check", "Третий абзац.\n\n# Заголовок", "the entry is not used"),
]


def row_counts(build_, lang: str, slug: str) -> tuple[str, str]:
    row = build_.html(f"{lang}/translate/index.html").select_one(f"#text-{slug}")
    progress = row.select_one("progress")
    return progress["value"], progress["max"]


@pytest.mark.parametrize("how, msgstr, warning", REFUSED, ids=[c[0] for c in REFUSED])
def test_a_refused_content_entry_is_not_counted_as_translated(project, how, msgstr, warning):  # noqa: F811
    """Five of six entries have a msgstr, one of them refused: 4 of 6 translated on the
    translators' page (row and language total), in the overview and in i18n.status."""
    extract(project)
    translate(project, "ru", {**{k: v for k, v in RU.items() if k != "Fourth paragraph."},
                              "Third paragraph.": msgstr})
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert warning in build_.said, build_.output  # the build refuses it
    assert row_counts(build_, "ru", "case") == ("4", "6")
    page = build_.html("ru/translate/index.html")
    said = page.select_one(".progress-table tbody tr").get_text()
    assert "66%" in said and "2 без перевода" in said, said  # 66.7 %, rounded down
    total = page.select("#h-docs ~ p progress")[0]
    assert (total["value"], total["max"]) == ("4", "6")
    overview = build_.html("translate/index.html")
    ru = next(tr for tr in overview.select(".progress-table tbody tr")
              if tr.select_one('a[hreflang="ru"]'))
    assert (ru.select("progress")[1]["value"], ru.select("progress")[1]["max"]) == ("4", "6")
    assert status_row(project) == (4, 0, 2)


def test_a_refused_registry_entry_is_not_counted_as_translated(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    write_yaml(content, "prisoners", person(bio={"en": "A test person."}))
    po_dir = tmp_path / "po"
    (po_dir / "de/prisoners").mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgctxt="bio", msgid="A test person.",
                            msgstr="Text [Spenden](javascript:alert(3))"))
    po.save(str(po_dir / "de/prisoners/anna-test.po"))
    settings = settings_with(tmp_path / "s.py", CONTENT_TRANSLATIONS_DIR=str(po_dir))
    build_ = run_pelican(content, tmp_path / "out", settings)
    assert build_.returncode == 0, build_.output
    assert "msgctxt bio: a javascript: URL" in build_.said, build_.output
    value, maximum = row_counts(build_, "de", "anna-test")
    assert (value, maximum) == ("0", "1")


def ui_catalogue(tmp_path: Path) -> tuple[Path, str]:
    """The project's UI catalogues with one Russian msgstr whose placeholder is mistyped."""
    ui = ui_copy(tmp_path)
    path = ui / "ru/LC_MESSAGES/messages.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid == "%(percent)s%% translated")
    entry.msgstr = entry.msgstr.replace("%(percent)s", "%(procent)s")
    po.save(str(path))
    return ui, entry.msgid


def test_a_refused_ui_entry_is_not_counted_as_translated(tmp_path):
    from content_i18n.catalogs import stats

    ui, _msgid = ui_catalogue(tmp_path)
    build_ = build_with_ui(tmp_path, ui)
    assert build_.returncode == 0, build_.output
    assert "%(procent)s" in build_.said, build_.output  # the build refuses it
    counted = stats(polib.pofile(str(ui / "ru/LC_MESSAGES/messages.po")))
    page = ui_page_row(build_)
    assert (page[0], sum(page)) == (counted.translated - 1, counted.total)
    said = status_row(tmp_path, part="UI", ui=ui)
    assert (said[0], sum(said)) == (counted.translated - 1, counted.total)


def test_a_refused_entry_of_a_drafts_catalogue_is_not_counted_as_translated(project):  # noqa: F811
    """A draft (`Status: draft`) has catalogues too (extract writes them), but the build
    makes no language versions of it, so its refusals were never decided there: the
    translators' page showed 6 of 6 translated while `i18n.status` said 5 of 6, and the
    translator learnt of the refused entry only once the text was published."""
    source = project / "content/articles/case.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Lang: en\n", "Lang: en\nStatus: draft\n", 1), encoding="utf-8")
    write_article(project / "content", "other.md", {**VALID, "Slug": "other"})
    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": REFUSED[0][1]})
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert row_counts(build_, "ru", "case") == ("5", "6")
    said = status_row(project)
    assert said[0] == 5, said  # the other text's catalogue is untranslated
