"""A refused entry stays refused (shown as the source, counted untranslated once, on the
translators' page and in i18n.status alike) after a translator's tools re-save the catalogue:
msgcat (wrapping widths), CRLF line endings, reordered entries; and for hostile msgstrs
of several kinds. The build never rewrites the .po file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_content_catalogues import RU, build, extract, msgstr_line, project, translate  # noqa: F401
from tests.test_counts_agree import status_row
from tests.test_refused_counts import row_counts

IMG = "Третий <img src=https://example.org/x.png> абзац."


def counted(project: Path):  # noqa: F811
    """i18n.status's count of the Russian articles (test_counts_agree.status_row), as a
    content_i18n.catalogs.Stats (with its total)."""
    from content_i18n.catalogs import Stats

    return Stats(*status_row(project))


def msgcat(*args):
    def run(path: Path) -> None:
        subprocess.run(["msgcat", *args, "-o", str(path), str(path)], check=True)
    return run


def crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def reorder(path: Path) -> None:
    import polib
    po = polib.pofile(str(path))
    entries = list(po)[::-1]
    del po[:]
    po.extend(entries)
    po.save(str(path))


# A byte-order mark is no re-save that keeps the catalogue usable: msgfmt refuses it
# (test_a_byte_order_mark_is_refused_as_msgfmt_refuses_it).
RESAVES = {"msgcat": msgcat(), "no-wrap": msgcat("--no-wrap"), "width-20": msgcat("--width=20"),
           "crlf": crlf, "reorder": reorder}
HOSTILE = {"script": "Третий <script>alert(1)</script> абзац.",
           "iframe": "Третий <iframe src=https://evil.example/></iframe> абзац.",
           "javascript": "Третий [абзац](javascript:alert(1)).",
           "bel": "Третий \x07 абзац.", "esc": "Третий \x1b[31m абзац.",
           "passwd": "Третий [абзац](../../etc/passwd)."}


def check(project, msgstr=IMG, resave=None):  # noqa: F811

    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": msgstr})  # 5 of 6: published
    po = project / "po/ru/case.po"
    if resave:
        resave(po)
    before = po.read_bytes()
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert po.read_bytes() == before
    page = build_.html("ru/articles/case/index.html")
    text = page.select_one(".e-content").decode()
    assert "Third paragraph." in text, text
    assert msgstr.split()[1] not in text, text
    assert row_counts(build_, "ru", "case") == ("5", "6"), build_.output
    s = counted(project)
    assert (s.translated, s.fuzzy, s.untranslated) == (5, 0, 1)
    return build_


@pytest.mark.parametrize("name", list(RESAVES))
def test_a_refused_entry_stays_refused_after_a_resave(project, name):  # noqa: F811
    build_ = check(project, resave=RESAVES[name])
    assert "<img src> loads" in build_.said, build_.output


@pytest.mark.parametrize("name", ["script", "iframe", "javascript"])
def test_a_hostile_msgstr_is_shown_as_the_source_and_counted_untranslated(project, name):  # noqa: F811
    build_ = check(project, msgstr=HOSTILE[name])
    assert "the entry is not used" in build_.said, build_.output



@pytest.mark.parametrize("name", ["bel", "esc", "passwd"])
def test_a_msgstr_the_build_stops_on_is_named_in_one_line_by_build_and_status(project, name):  # noqa: F811
    """A control character or a changed link target (../../etc/passwd) is not refused but
    stops the build with one line; i18n.status names the same file and line, it never counts
    the catalogue as translated (it said 6 of 6 for the changed link target)."""
    from content_i18n.catalogs import CatalogueError

    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": HOSTILE[name]})
    po = project / "po/ru/case.po"
    before = po.read_bytes()
    build_ = build(project)
    assert build_.returncode == 1, build_.output
    line = "line {}".format(msgstr_line(po, 'msgid "Third paragraph."'))
    assert f"case.po: {line}: " in build_.output, build_.output
    assert po.read_bytes() == before
    with pytest.raises(CatalogueError) as raised:
        status_row(project)
    assert raised.value.path == po and raised.value.where == line, raised.value


def test_a_byte_order_mark_is_refused_as_msgfmt_refuses_it(project):  # noqa: F811
    """GNU msgfmt refuses a catalogue that starts with a UTF-8 byte-order mark (a syntax
    error at line 1), and so does the build, with the same rule as for UI catalogues
    (safe_input.text.po_byte_order_mark): one line naming the file, msgfmt's line and the
    fix; i18n.status names the same; the file is not rewritten. (The build accepted it.)"""
    from content_i18n.catalogs import CatalogueError

    from tests.msgfmt_lines import bom_refused_by_build

    extract(project)
    translate(project, "ru", RU)
    po = project / "po/ru/case.po"
    build_, line = bom_refused_by_build(po, "case.po", lambda: build(project))
    assert build_.returncode == 1, build_.output
    with pytest.raises(CatalogueError) as raised:
        status_row(project)
    assert raised.value.path == po and raised.value.where == f"line {line}", raised.value


def mark(flag):
    def run(path: Path) -> None:
        import polib
        po = polib.pofile(str(path))
        entry = next(e for e in po if e.msgid == "Third paragraph.")
        if flag == "fuzzy":
            entry.flags.append("fuzzy")
        else:
            entry.obsolete = True
        po.save(str(path))
    return run


@pytest.mark.parametrize("flag", ["fuzzy", "obsolete"])
def test_a_refused_entry_made_fuzzy_or_obsolete(project, flag):  # noqa: F811

    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": IMG})
    po = project / "po/ru/case.po"
    mark(flag)(po)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    before = po.read_bytes()
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert po.read_bytes() == before
    assert "<img src> loads" not in build_.said, build_.output  # not used: nothing to refuse
    text = build_.html("ru/articles/case/index.html").select_one(".e-content").decode()
    assert "Third paragraph." in text and "example.org/x.png" not in text, text
    s = counted(project)
    page = row_counts(build_, "ru", "case")
    assert page == (str(s.translated), str(s.total))
    # 5 of 6 either way: Third shows in English. Made fuzzy, it is one fuzzy segment; made
    # obsolete (#~) while Third is still in the source, it is untranslated (both said 5 of 5
    # for it, counting catalogue entries, while the version's threshold said 5 of 6).
    assert page == ("5", "6")
    assert (s.fuzzy, s.untranslated) == ((1, 0) if flag == "fuzzy" else (0, 1))


@pytest.mark.parametrize("edited", ["Fourth paragraph.", "Third paragraph."])
def test_msgmerge_previous_after_a_source_edit(project, edited):  # noqa: F811
    """The source edited and extracted, then the translator's msgmerge --previous against a
    template made from the catalogue: the refused entry stays refused (or turns fuzzy when
    its own paragraph changed), the page and i18n.status agree, the file is not rewritten."""
    import polib

    extract(project)
    translate(project, "ru", {**RU, "Third paragraph.": IMG})
    source = project / "content/articles/case.md"
    source.write_text(source.read_text().replace(edited, edited[:-1] + ", edited."))
    extract(project)
    po = project / "po/ru/case.po"
    pot = polib.pofile(str(po))
    for entry in [e for e in pot if e.obsolete]:
        pot.remove(entry)
    for entry in pot:
        entry.msgstr, entry.flags = "", []
        entry.previous_msgid = entry.previous_msgctxt = None
    pot.save(str(project / "case.pot"))
    subprocess.run(["msgmerge", "-q", "--previous", "-U", "--backup=none", str(po),
                    str(project / "case.pot")], check=True)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    before = po.read_bytes()
    build_ = build(project)
    assert build_.returncode == 0, build_.output
    assert po.read_bytes() == before
    s = counted(project)
    assert row_counts(build_, "ru", "case") == (str(s.translated), str(s.total))
    assert (s.translated, s.fuzzy, s.untranslated) == (4, 1, 1) if edited[0] == "F" else \
        (s.translated, s.fuzzy, s.untranslated) == (5, 1, 0)
