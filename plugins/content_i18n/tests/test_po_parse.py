"""po_parse.parse gives, field for field, what polib.pofile gives, on the catalogues the build
reads (the project's own, and ones written by msgmerge --previous, msgcat and msgattrib, and as
Poedit saves them: CRLF and a byte-order mark), and refuses (to polib) what polib refuses.
msgfmt --check is run on each input, so the comparison is made on what the build would parse."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from content_i18n import po_parse, summaries
from content_i18n.catalogs import CatalogueError, check

ROOT = Path(__file__).resolve().parents[3]
FIELDS = ("msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "comment",
          "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
          "previous_msgid_plural", "linenum", "fuzzy")

HEADER = ('# German translations, written for this test.\n#\nmsgid ""\nmsgstr ""\n'
          '"Project-Id-Version: test\\n"\n"Last-Translator: Erika Muster <e@example.invalid>\\n"\n'
          '"Language: de\\n"\n"MIME-Version: 1.0\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"X-Published: yes\\n"\n\n')

# Old catalogue and new template, for msgmerge --previous: changed texts become fuzzy with #|
# lines, removed ones obsolete #~ entries (with #~| previous lines once merged twice).
OLD = HEADER + '''#. Document: Letters
#: content/articles/letters.md:3
msgctxt "title"
msgid "Letters to the \\"prisoners\\""
msgstr "Briefe an die \\"Gefangenen\\""

# A translator's note
# over two lines.
#: content/articles/letters.md:5
msgctxt "paragraph"
msgid ""
"Write by hand, in Russian if you can; letters are read by the censor before "
"they are handed over.\\n"
"Tab\\there and a backslash \\\\ too."
msgstr ""
"Schreiben Sie von Hand, wenn möglich auf Russisch; Briefe liest der Zensor, "
"bevor sie ausgehändigt werden.\\n"
"Tab\\there und ein Backslash \\\\ auch."

#: content/articles/letters.md:9
msgctxt "item"
msgid "Do not write about the case."
msgstr "Schreiben Sie nicht über das Verfahren."

#: content/articles/letters.md:11
msgid "one letter"
msgid_plural "%d letters"
msgstr[0] "ein Brief"
msgstr[1] "%d Briefe"

#: content/articles/letters.md:12 content/pages/about.md:4 no-line-number
#, fuzzy, c-format
msgctxt "cell"
msgid "Address"
msgstr "Anschrift"
'''
POT = '''msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

#. Document: Letters
#: content/articles/letters.md:3
msgctxt "title"
msgid "Letters to the \\"political prisoners\\""
msgstr ""

#: content/articles/letters.md:5
msgctxt "paragraph"
msgid ""
"Write by hand, in Russian if you can; every letter is read by the censor "
"before it is handed over.\\n"
"Tab\\there and a backslash \\\\ too."
msgstr ""

#: content/articles/letters.md:11
msgid "one letter"
msgid_plural "%d letters"
msgstr[0] ""
msgstr[1] ""

#: content/articles/letters.md:14
msgctxt "heading"
msgid "A very long heading that msgcat and msgmerge wrap because it is longer than the line width"
msgstr ""
'''
SECOND_POT = POT.replace("A very long heading", "A changed very long heading").replace(
    '#: content/articles/letters.md:11\nmsgid "one letter"\nmsgid_plural "%d letters"\n'
    'msgstr[0] ""\nmsgstr[1] ""\n\n', "").replace(
    '#: content/articles/letters.md:3\nmsgctxt "title"\n'
    'msgid "Letters to the \\"political prisoners\\""\nmsgstr ""\n\n', "")


def _tool(*args: str, cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, timeout=60)


def _view(po) -> tuple:
    return ([tuple(getattr(e, f) for f in FIELDS) for e in po], dict(po.metadata),
            po.metadata_is_fuzzy, po.header)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, str]:
    """Catalogues as the gettext tools write them, by name."""
    tmp = tmp_path_factory.mktemp("po")
    (tmp / "old.po").write_text(OLD, encoding="utf-8")
    (tmp / "t.pot").write_text(POT, encoding="utf-8")
    (tmp / "t2.pot").write_text(SECOND_POT, encoding="utf-8")
    _tool("msgmerge", "--quiet", "--previous", "-o", "merged.po", "old.po", "t.pot", cwd=tmp)
    _tool("msgmerge", "--quiet", "--previous", "-o", "twice.po", "merged.po", "t2.pot", cwd=tmp)
    _tool("msgcat", "-o", "msgcat.po", "twice.po", cwd=tmp)
    _tool("msgcat", "--no-wrap", "-o", "nowrap.po", "twice.po", cwd=tmp)
    _tool("msgattrib", "--set-fuzzy", "--only-obsolete", "-o", "attrib.po", "twice.po", cwd=tmp)
    found = {name: (tmp / f"{name}.po").read_text(encoding="utf-8")
             for name in ("old", "merged", "twice", "msgcat", "nowrap", "attrib")}
    assert "#| msgid" in found["merged"] and "#~ msgid" in found["twice"]
    assert "#~| msgid" in found["twice"] and "#, fuzzy" in found["twice"]
    # As Poedit saves on Windows: CRLF line ends and a byte-order mark.
    found["poedit"] = "\ufeff" + found["twice"].replace("\n", "\r\n")
    found["crlf"] = found["twice"].replace("\n", "\r\n")
    found["trailing-comment"] = found["twice"] + "\n# a comment after the last entry\n"
    found["obsolete-last"] = found["twice"].rstrip("\n") + '\n\n#~ msgid "gone"\n#~ msgstr "weg"\n'
    found["no-header"] = OLD[len(HEADER):]
    found["header-continued"] = HEADER.replace('"X-Published: yes\\n"\n',
                                               '"X-Published: yes\\n"\n"a line without colon"\n')
    found["context-empty-msgid"] = OLD + '\nmsgctxt "note"\nmsgid ""\nmsgstr "x"\n'
    found["lone-hash"] = OLD.replace("# over two lines.", "#\n##double")
    return found


def _project_catalogues() -> list[Path]:
    return sorted((ROOT / "translations").glob("**/*.po"))


def test_the_tools_outputs_parse_as_polib_parses_them(written):
    for name, text in written.items():
        expected = _view(polib.pofile(text, wrapwidth=79, encoding="utf-8"))
        try:
            got = _view(po_parse.parse(text))
        except po_parse.Unsupported:
            got = _view(po_parse.read(text))  # left to polib: the same by construction
            assert name in ("context-empty-msgid",), name
        assert got == expected, name


def test_what_msgfmt_accepts_parses_as_polib_parses_it(written, tmp_path):
    """On the text catalogs.check gives the build (CRLF made LF): the same. msgfmt refuses
    a byte-order mark, and so does check."""
    checked = 0
    for name, text in written.items():
        path = tmp_path / f"{name}.po"
        path.write_bytes(text.encode("utf-8"))
        try:
            accepted = check(path)
        except CatalogueError:
            # msgfmt --check wants the header, and refuses a byte-order mark (syntax error).
            assert name in ("no-header", "poedit"), name
            continue
        checked += 1
        assert _view(po_parse.read(accepted)) == _view(
            polib.pofile(accepted, wrapwidth=79, encoding="utf-8")), name
    assert checked >= 8


def test_the_projects_catalogues_parse_as_polib_parses_them():
    paths = _project_catalogues()
    assert len(paths) > 50
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _view(po_parse.parse(text)) == _view(polib.pofile(text)), path


@pytest.mark.parametrize("text", [
    'msgid "a" "b"\nmsgstr "c"\n',  # two strings on one line: msgfmt reads it, polib refuses
    'msgid "a"\nmsgstr "b"\nbogus\n',
    'msgid "a"\nmsgstr "b"\n#|\n',
    'msgid "a"\nmsgstr "b"\n#| msgid\n',
    'msgid "a"\nmsgstr "b"\n#| msgkey "x"\n',
    'msgstr "b"\n',  # a msgstr with no msgid: no transition
    '"continued"\n',
    'msgid "a"\nmsgstr[x] "b"\n',
])
def test_what_polib_refuses_is_left_to_polib(text):
    with pytest.raises(po_parse.Unsupported):
        po_parse.parse(text)
    with pytest.raises(OSError):
        polib.pofile(text)
    with pytest.raises(OSError):
        po_parse.read(text)


def test_a_summary_is_the_same_from_either_parser(written):
    for name in ("merged", "twice", "poedit", "attrib"):
        text = written[name]
        assert summaries._summary(po_parse.parse(text)) == summaries._summary(
            polib.pofile(text, wrapwidth=79, encoding="utf-8")), name
