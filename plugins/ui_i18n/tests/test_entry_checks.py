"""A UI msgstr may carry only its msgid's markup and placeholders (issue 13, item 3); a broken
Plural-Forms expression is an error naming its line (item 8)."""

import logging

import pytest

import build_errors
from tests.msgfmt_lines import msgfmt_errors, msgfmt_line, normalise
from ui_i18n.catalogs import check_catalogues, check_plural_forms, translator
from ui_i18n.entry_checks import problems

HEADER = """msgid ""
msgstr ""
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
"n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"
"""

REFUSED = [
    ("svg tracker", "Latest", "Новое<svg><image href=\"https://tracker.example/u.png\"/></svg>",
     "adds <svg>, <image href=\"https://tracker.example/u.png\"/>, </svg>"),
    ("tag left open", "Latest", "Новое<img src=x onerror=alert(1) ", "adds <img src=x"),
    ("changed attribute", 'See <a href="%(url)s">the list</a>',
     'См. <a href="%(url)s" onclick="x()">список</a>', "drops <a href=\"%(url)s\">"),
    ("dropped tag", "Read <strong>this</strong>", "Прочтите это", "drops <strong>, </strong>"),
    ("comment", "Latest", "Новое<!--", "adds <!--"),
    ("attribute breakout", "Not translated yet", 'Нет" onmouseover="alert(1)',
     "straight double quote"),
    ("unknown name", "Published %(date)s", "Опубликовано %(datum)s",
     "it has %(datum)s, which the English text does not have (it has %(date)s)"),
    ("bare percent", "Latest", "Новое 100%", "not a valid format string"),
    ("positional for named", "Published %(date)s", "Опубликовано %s", "it has %s"),
    ("brace name", "Hello {name}", "Привет {nom}", "it has {nom}"),
]


@pytest.mark.parametrize("msgid, msgstr, expected", [c[1:] for c in REFUSED],
                         ids=[c[0] for c in REFUSED])
def test_msgstr_with_other_markup_or_placeholders_is_refused(msgid, msgstr, expected):
    found = problems(msgid, None, [msgstr])
    assert found and expected in " ".join(found), found


ACCEPTED = [
    ("plain", "Latest", "Новое"),
    ("tags reordered", "<em>a</em> and <strong>b</strong>", "<strong>б</strong> и <em>а</em>"),
    ("same link", 'See <a href="%(url)s">the list</a>', 'См. <a href="%(url)s">список</a>'),
    ("placeholder omitted", "%(count)s person", "один человек"),
    ("escaped percent", "%(percent)s%% translated", "переведено на %(percent)s%%"),
    ("a less-than sign", "Latest", "Новое < старое"),
    ("entity", "Latest", "Новое &amp; старое"),
    ("quotes of the language", "Tagged “%(tag)s”", "С тегом «%(tag)s»"),
    ("quote inside a kept tag", '<a href="%(url)s">list</a>', '<a href="%(url)s">список</a>'),
]


@pytest.mark.parametrize("msgid, msgstr", [c[1:] for c in ACCEPTED],
                         ids=[c[0] for c in ACCEPTED])
def test_msgstr_with_the_msgid_markup_and_placeholders_is_accepted(msgid, msgstr):
    assert problems(msgid, None, [msgstr]) == []


def test_plural_msgstrs_are_checked_against_singular_and_plural():
    assert problems("%(count)s person", "%(count)s people",
                    ["%(count)s человек", "%(count)s человека", "%(count)s человек"]) == []
    assert problems("%(count)s person", "%(count)s people",
                    ["%(count)s человек", "%(n)s человека", ""]) != []


def _write(tmp_path, lang, text):
    path = tmp_path / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_refused_entry_falls_back_to_the_msgid_with_a_warning_naming_file_and_line(
        tmp_path, caplog):
    """The warning names the line GNU msgfmt --check names for the entry: its msgstr's
    (msgstr[0] of a plural), where the translator fixes it."""
    build_errors.reset()
    path = _write(tmp_path, "ru", HEADER + '\nmsgid "Archives"\nmsgstr "Архив"\n\n'
                  'msgid "Latest"\nmsgstr "Новое<svg><image href=\\"https://t.example/u.png\\"/>'
                  '</svg>"\n\n#, python-format\nmsgid "Published %(date)s"\n'
                  'msgstr "Опубликовано %(datum)s"\n\n#, python-format\n'
                  'msgid "%(count)s person"\nmsgid_plural "%(count)s people"\n'
                  'msgstr[0] "%(count)s человек"\nmsgstr[1] "%(n)s человека"\n'
                  'msgstr[2] "%(count)s человек"\n')
    normalise(path)  # the layout msgfmt_line's scratch copy has
    settings = {"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}
    with caplog.at_level(logging.WARNING):
        t = translator(settings, "ru")
    assert t.gettext("Archives") == "Архив"
    assert t.gettext("Latest") == "Latest"
    assert t.gettext("Published %(date)s") == "Published %(date)s"
    assert t.ngettext("%(count)s person", "%(count)s people", 3) == "%(count)s people"
    warnings = [r.getMessage() for r in caplog.records]
    latest, published, person = (msgfmt_line(path, m) for m in (
        "Latest", "Published %(date)s", "%(count)s person"))
    # msgfmt itself names the two entries with a python-format error at the same lines.
    assert {line for line, _ in msgfmt_errors(path)} == {published, person}
    assert any(f"ru/LC_MESSAGES/messages.po: line {latest}: msgid 'Latest': its markup "
               "differs" in w for w in warnings), warnings
    assert any(f"line {published}: msgid 'Published %(date)s': it has %(datum)s" in w
               for w in warnings), warnings
    assert any(f"line {person}: msgid '%(count)s person': it has %(n)s" in w
               for w in warnings), warnings
    assert not build_errors.pending()  # a refused entry is a warning (an error in strict mode)


def test_msgstr_line_counts_lines_as_msgfmt_does(tmp_path):
    """Lines end at "\\n" only, as msgfmt (and Babel's lineno) count them: a U+2028 LINE
    SEPARATOR or U+2029 in an earlier msgstr is no line end. (The build refuses a catalogue
    holding one, safe_input.text.po_escape, so this is seen here and not through a build.)"""
    from io import BytesIO

    from babel.messages.pofile import read_po

    from ui_i18n.catalogs import msgstr_line

    text = (HEADER + '\nmsgid "Archives"\nmsgstr "Ар\u2028х\u2029ив"\n\n#, python-format\n'
            'msgid "Published %(date)s"\nmsgstr ""\n"Опубликовано "\n"%(datum)s"\n')
    path = tmp_path / "ru.po"
    path.write_text(text, encoding="utf-8")
    [(expected, _message)] = msgfmt_errors(path)
    catalog = read_po(BytesIO(text.encode()), locale="ru")
    lineno = catalog.get("Published %(date)s").lineno
    assert msgstr_line(text, lineno) == expected


BAD_PLURALS = [
    ("division by zero", "nplurals=2; plural=(n!=1) + n/(n-5)*0;",
     "fails for n=5 (ZeroDivisionError"),
    ("form out of range", "nplurals=2; plural=(n%10);", "gives form 2 for n=2"),
    ("syntax", "nplurals=2; plural=(n==1 ?);", "is not valid"),
]


@pytest.mark.parametrize("rule, expected", [c[1:] for c in BAD_PLURALS],
                         ids=[c[0] for c in BAD_PLURALS])
def test_failing_plural_forms_is_an_error_with_its_line_and_the_right_rule(
        tmp_path, rule, expected):
    build_errors.reset()
    _write(tmp_path, "de", f'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: {rule}\\n"\n'
           '\nmsgid "Archives"\nmsgstr "Archiv"\n')
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "de")
    assert t.ngettext("a", "b", 5) == "b"  # no traceback later, while pages are written
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.path.endswith("de/LC_MESSAGES/messages.po")
    assert error.where == "line 4"
    assert expected in error.message
    assert 'use the rule for this language: "Plural-Forms: nplurals=2; plural=(n != 1);' \
        in error.message


def test_correct_plural_forms_pass():
    assert check_plural_forms(3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                              "(n%100<10 || n%100>=20) ? 1 : 2)", "ru") is None


def test_missing_catalogue_of_a_site_language_is_an_error_with_the_fix(tmp_path):
    build_errors.reset()
    _write(tmp_path, "ru", HEADER)
    check_catalogues({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en",
                      "LANGUAGES": ["en", "ru", "fr"]})
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.path.endswith("fr/LC_MESSAGES/messages.po")
    assert error.message.startswith("missing: the UI catalogue of 'fr'")
    assert "invoke i18n.update-ui" in error.message


def test_a_byte_order_mark_is_an_error_at_line_1_and_the_english_text_shows(tmp_path):
    """msgfmt refuses a catalogue starting with a byte-order mark (syntax error at line 1):
    an error naming that line and the fix, and the English texts meanwhile."""
    build_errors.reset()
    path = _write(tmp_path, "ru", HEADER + '\nmsgid "Archives"\nmsgstr "Архив"\n')
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    [(line, message), *_] = msgfmt_errors(path)
    assert "syntax error" in message
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    assert t.gettext("Archives") == "Archives"
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.where == f"line {line}"
    assert "save it as UTF-8 without a byte-order mark" in error.message


def test_a_byte_order_mark_starting_a_later_line_is_named_as_one(tmp_path):
    """A U+FEFF pasted at the start of a later line (a catalogue joined from two files, the
    second saved with a byte-order mark) is msgfmt's syntax error at that line; the error
    names that line and says what it is: it said 'unterminated string' (a '#:' line) or
    showed the line with an escaped '\\ufeff' the translator cannot see in the file."""
    for case, line in enumerate(("#: theme/templates/archives.html:3", 'msgstr "Архив"')):
        build_errors.reset()
        folder = tmp_path / str(case)
        text = (HEADER + '\nmsgid "Latest"\nmsgstr "Новое"\n\n' + "\n".join(
            ['#: theme/templates/archives.html:3', 'msgid "Archives"', 'msgstr "Архив"']) + "\n")
        path = _write(folder, "ru", text.replace(line, "\ufeff" + line))
        [*_, (expected, message)] = msgfmt_errors(path)
        assert "syntax error" in message
        t = translator({"UI_TRANSLATIONS_DIR": str(folder), "DEFAULT_LANG": "en"}, "ru")
        assert t.gettext("Latest") == "Latest"  # the catalogue is refused as a whole
        [error] = build_errors.pending()
        build_errors.reset()
        assert error.where == f"line {expected}"
        assert "byte-order mark (U+FEFF)" in error.message, error.message
        assert "unterminated" not in error.message and "\\ufeff" not in error.message


def test_a_plural_entry_with_an_empty_form_shows_the_english_text_for_every_n(tmp_path):
    """A plural entry is translated when all its forms are (the translators' pages and
    i18n.status count it so, as polib does); the build used the filled forms and English for
    the empty one, so one page said '1 человек' and '5 people'. msgfmt --check refuses the
    entry when it has a placeholder the empty form lacks."""
    build_errors.reset()
    path = _write(tmp_path, "ru", HEADER + '\n#, python-format\nmsgid "%(count)s person"\n'
                  'msgid_plural "%(count)s people"\nmsgstr[0] "%(count)s человек"\n'
                  'msgstr[1] ""\nmsgstr[2] "%(count)s человек"\n')
    assert msgfmt_errors(path)  # msgfmt --check: "... doesn't exist in 'msgstr[1]'"
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    assert [t.ngettext("%(count)s person", "%(count)s people", n) for n in (1, 3, 5)] == [
        "%(count)s person", "%(count)s people", "%(count)s people"]
    assert not build_errors.pending()


@pytest.mark.parametrize("text", ["", "\n", 'msgid "Archives"\nmsgstr "Архив"\n'],
                         ids=["empty", "blank line", "header cut off"])
def test_a_catalogue_without_its_header_entry_is_an_error_with_the_fix(tmp_path, text):
    """msgfmt --check refuses a catalogue without its header entry (msgid ""), an empty
    file included; the build used it silently, so an emptied catalogue showed English on
    every page of the language with no word, and i18n.status counted 0 of 0 strings."""
    import subprocess

    build_errors.reset()
    path = _write(tmp_path, "ru", text)
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True).returncode != 0
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    assert t.gettext("Archives") == "Archives"
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.path.endswith("ru/LC_MESSAGES/messages.po")
    assert "header entry" in error.message and "git checkout" in error.message


LAYOUTS = [
    ("indented keywords", '  msgid "Archives"\n  msgstr "Архив"\n'),
    ("indented string", 'msgid "Archives"\nmsgstr ""\n    "Архив"\n'),
    ("indented comment", '   #: theme/templates/archives.html:3\nmsgid "Archives"\n'
     'msgstr "Архив"\n'),
    ("tab after keyword", 'msgid\t"Archives"\nmsgstr\t"Архив"\n'),
]


@pytest.mark.parametrize("entry", [c[1] for c in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_a_layout_msgfmt_accepts_is_accepted(tmp_path, entry):
    """Whitespace msgfmt skips (a hand edit in a text editor: an indented line, a tab after
    the keyword) refused the whole catalogue ('not PO syntax', 'Unknown or misformatted
    keyword'), and the fix the error named, `msgfmt --check`, said all was well. A refused
    entry in such a layout is named at msgfmt's line, and polib (the translators' pages,
    i18n.status) reads the same entries."""
    import subprocess

    build_errors.reset()
    path = _write(tmp_path, "ru", HEADER + '\nmsgid "Latest"\nmsgstr "Новое"\n\n' + entry
                  + '\n#, python-format\n' + entry.replace("Archives", "Published %(date)s")
                  .replace("Архив", "Опубликовано %(datum)s"))
    [(line, _message)] = msgfmt_errors(path)  # the python-format error, nothing else
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True).stderr.count("fatal error") == 1
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    assert not build_errors.pending()
    assert (t.gettext("Latest"), t.gettext("Archives")) == ("Новое", "Архив")
    assert t.gettext("Published %(date)s") == "Published %(date)s"
    from ui_i18n.catalogs import compile_po

    [warning] = compile_po(str(path), "ru").warnings
    assert f": line {line}: msgid 'Published %(date)s'" in warning, (line, warning)
    import polib

    assert {e.msgid: e.msgstr for e in polib.pofile(str(path))}["Archives"] == "Архив"


def test_a_keyword_running_into_its_string_is_an_error_saying_so(tmp_path):
    """msgfmt takes 'msgstr"Архив"', polib (the translators' pages) raises on it: refused as
    a whole, with a message that says what to do, not 'not PO syntax'."""
    build_errors.reset()
    _write(tmp_path, "ru", HEADER + '\nmsgid "Archives"\nmsgstr"Архив"\n')
    translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.where == "line 8"
    assert "put a space before the opening" in error.message


STRUCTURE = [
    ("duplicate entry", 'msgid "Archives"\nmsgstr "Архив"\n\nmsgid "Archives"\nmsgstr "Архивы"\n'),
    ("msgstr without msgid", 'msgstr "Архив"\n'),
    ("msgctxt without msgid", 'msgctxt "menu"\nmsgstr "Архив"\n'),
    ("plural index on a singular", 'msgid "Archives"\nmsgstr[0] "Архив"\n'),
    ("msgid_plural without indexes", 'msgid "Archive"\nmsgid_plural "Archives"\nmsgstr "Архив"\n'),
    ("obsolete unterminated", '#~ msgid "Gone"\n#~ msgstr "Ушло\n'),
    ("obsolete unknown keyword", '#~ msgid "Gone"\n#~ msgtsr "Ушло"\n'),
]


@pytest.mark.parametrize("entry", [c[1] for c in STRUCTURE], ids=[c[0] for c in STRUCTURE])
def test_an_entry_msgfmt_cannot_read_stops_the_build_at_msgfmts_line(tmp_path, entry):
    """What GNU msgfmt refuses as a whole (a duplicate entry, a msgstr with no msgid, a
    plural index where there is no plural, a broken obsolete entry) stops the build at the
    line msgfmt names; the build took it silently (the duplicate's second translation was
    shown, a lone msgstr vanished) or named the line before (Babel counts from 0)."""
    import subprocess

    build_errors.reset()
    path = _write(tmp_path, "ru", HEADER + '\nmsgid "Latest"\nmsgstr "Новое"\n\n' + entry)
    proc = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True,
                          text=True)
    assert proc.returncode != 0
    [(line, _message), *_] = msgfmt_errors(path)
    if "end-of-line within string" in _message:
        line -= 1  # msgfmt counts the string's closing newline as the next line's
    t = translator({"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}, "ru")
    assert t.gettext("Latest") == "Latest"
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.where == f"line {line}", (error, proc.stderr)


def test_a_line_babel_refuses_is_named_from_1():
    """Babel's read_po counts lines from 0 in the PoFileError it raises (its own printed
    warnings add 1); the error named the line before the broken one."""
    from io import BytesIO

    from babel.messages.pofile import PoFileError, read_po

    from ui_i18n.catalogs import _where

    with pytest.raises(PoFileError) as raised:
        read_po(BytesIO(b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgtsr "b"\n'), abort_invalid=True)
    assert _where(raised.value)[0] == "line 5"
