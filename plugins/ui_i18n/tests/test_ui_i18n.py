import build_errors
from ui_i18n.catalogs import translator
from ui_i18n.jinja import language_name, text_direction

PO = """msgid ""
msgstr ""
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
"n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Archives"
msgstr "Архив"

#, fuzzy
msgid "Older"
msgstr "Старее"
"""


def _settings(tmp_path):
    return {"UI_TRANSLATIONS_DIR": str(tmp_path), "DEFAULT_LANG": "en"}


def _write(tmp_path, lang, text):
    path = tmp_path / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_po_is_compiled_in_memory_and_fuzzy_entries_are_left_out(tmp_path):
    path = _write(tmp_path, "ru", PO)
    t = translator(_settings(tmp_path), "ru")
    assert t.gettext("Archives") == "Архив"
    assert t.gettext("Older") == "Older"  # fuzzy: not trusted, as msgfmt does
    assert not list(path.parent.glob("*.mo"))


def test_broken_catalogue_is_reported_with_file_and_line(tmp_path):
    build_errors.reset()
    _write(tmp_path, "de", 'msgid "Archives"\nmsgstr "Archiv\n\nmsgid "x"\nmsgstr "y"\n')
    t = translator(_settings(tmp_path), "de")
    assert t.gettext("Archives") == "Archives"
    [error] = build_errors.pending()
    build_errors.reset()
    assert error.path.endswith("de/LC_MESSAGES/messages.po")
    assert error.where == "line 2"
    assert error.message.startswith("unterminated string")


def test_default_language_needs_no_catalogue(tmp_path):
    assert translator(_settings(tmp_path), "en").gettext("Archives") == "Archives"


def test_language_names_and_direction_come_from_babel():
    assert language_name("ru") == "Русский"
    assert language_name("uk") == "Українська"
    assert language_name("fr") == "Français"
    assert language_name("en", "ru") == "английский"
    assert text_direction("de") == "ltr"
    assert text_direction("ar") == "rtl"


def test_an_escape_msgfmt_reads_but_babel_shows_as_typed_is_refused_with_its_line(tmp_path):
    """`\\a`, `\\007`, `\\x07`, `\\f`: msgfmt --check accepts them and compiles the character
    they stand for, Babel leaves them as typed, so the page showed "Arch\\aiv". The one rule
    for every catalogue (safe_input.text.po_escape) refuses them with the line; an escaped
    backslash before a letter is text and stays allowed."""
    import subprocess

    for n, escape in enumerate([r"\a", r"\007", r"\x07", r"\f"]):
        build_errors.reset()
        folder = tmp_path / str(n)
        path = _write(folder, "de", PO.replace("Language: ru", "Language: de")
                      .replace('"Архив"', f'"Arch{escape}iv"'))
        compiled = subprocess.run(["msgfmt", "--check", "-o", "-", str(path)],
                                  capture_output=True, check=True).stdout
        assert b"Arch" + bytes([0x07 if escape != r"\f" else 0x0C]) in compiled
        t = translator(_settings(folder), "de")
        assert t.gettext("Archives") == "Archives"
        [error] = build_errors.pending()
        build_errors.reset()
        line = PO.splitlines().index('msgstr "Архив"') + 1
        assert (error.where, error.message.split(";")[0]) == (
            f"line {line}", f"the escape {escape} is read by msgfmt as a character but not by "
                            "the site")
    folder = tmp_path / "text"
    _write(folder, "de", PO.replace("Language: ru", "Language: de")
           .replace('"Архив"', r'"C:\\archiv"'))
    assert translator(_settings(folder), "de").gettext("Archives") == "C:\\archiv"
    assert not build_errors.pending()
