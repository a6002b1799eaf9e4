"""UI strings through gettext in six languages; dates and plurals from Babel and the catalogues."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

import pelicanconf as conf
from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article

TARGETS = [lang for lang in conf.LANGUAGES if lang != conf.DEFAULT_LANG]


def _po(lang: str) -> Path:
    return ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize("lang", TARGETS)
def test_every_ui_string_is_translated(lang):
    po = polib.pofile(str(_po(lang)))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)
    assert len(po.translated_entries()) == len(
        polib.pofile(str(ROOT / "translations/messages.pot"))
    )


@pytest.mark.parametrize("lang", TARGETS)
def test_catalogue_passes_msgfmt_check(lang):
    assert shutil.which("msgfmt"), "gettext is installed by tools/install-system-deps.sh"
    proc = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(_po(lang))], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("lang", "nplurals"), [("ru", 3), ("uk", 3), ("de", 2), ("fr", 2), ("es", 2)]
)
def test_plural_forms_header(lang, nplurals):
    header = polib.pofile(str(_po(lang))).metadata["Plural-Forms"]
    assert header.startswith(f"nplurals={nplurals};")


UPDATE = "run `invoke i18n.update-ui` and commit translations/"


def _keys(entries) -> set[tuple[str, str, str]]:
    """(msgctxt, msgid, msgid_plural) of every entry but the header: what a translator
    translates. Source references and line numbers are not part of it, so a template edit
    that only moves lines does not fail the suite (update-ui refreshes them when it runs)."""
    return {(e.msgctxt or "", e.msgid, e.msgid_plural or "") for e in entries if e.msgid}


def _differ(found: set, expected: set) -> str:
    added = sorted(expected - found)[:5]
    gone = sorted(found - expected)[:5]
    return f"missing {added}, left over {gone}"


def test_template_is_up_to_date_with_theme_and_plugins():
    """messages.pot holds exactly the strings the templates and plugins mark today: msgid,
    msgctxt and plural form (a string made plural, or given a context, is a new string)."""
    from ui_i18n.extract import extract

    extracted = {(m.context or "", *([m.id, ""] if isinstance(m.id, str) else m.id[:2]))
                 for m in extract(ROOT) if m.id}
    pot = _keys(polib.pofile(str(ROOT / "translations/messages.pot")))
    assert pot == extracted, f"translations/messages.pot: {_differ(pot, extracted)}; {UPDATE}"


@pytest.mark.parametrize("lang", TARGETS)
def test_catalogue_holds_the_templates_strings(lang):
    """Each messages.po holds exactly the template's strings (obsolete #~ entries aside):
    by polib's reading, and by GNU msgcmp in both directions (msgid and msgctxt)."""
    pot = ROOT / "translations/messages.pot"
    po = polib.pofile(str(_po(lang)))
    keys = _keys(e for e in po if not e.obsolete)
    expected = _keys(polib.pofile(str(pot)))
    assert keys == expected, f"{_po(lang).relative_to(ROOT)}: {_differ(keys, expected)}; {UPDATE}"
    for definitions, references in ((_po(lang), pot), (pot, _po(lang))):
        proc = subprocess.run(["msgcmp", "-N", "--use-fuzzy", "--use-untranslated",
                               str(definitions), str(references)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, f"{proc.stderr}; {UPDATE}"


def test_update_ui_twice_changes_nothing_the_second_time(tmp_path):
    """Extracting and merging again right after `invoke i18n.update-ui` writes no file (the
    POT-Creation-Date alone would change)."""
    from ui_i18n.extract import update_catalogues, write_template

    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(
        "content", "letters"))
    pot = translations / "messages.pot"
    write_template(ROOT, pot)
    update_catalogues(pot, translations, TARGETS)
    first = {p: p.read_bytes() for p in sorted(translations.rglob("*.po*"))}
    assert write_template(ROOT, pot)[1] is False
    assert update_catalogues(pot, translations, TARGETS) == []
    assert {p: p.read_bytes() for p in sorted(translations.rglob("*.po*"))} == first


def test_update_ui_after_a_template_edit_keeps_previous_msgids_on_the_second_run(tmp_path):
    """A template edit makes entries fuzzy with their previous msgid (#| msgid, over several
    lines for a long one, #| msgid_plural for a plural). A second update-ui right after
    must leave them as they are: it turned them into translator comments (# | msgid)."""
    from ui_i18n.extract import update_catalogues

    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(
        "content", "letters"))
    pot = translations / "messages.pot"
    template = polib.pofile(str(pot), wrapwidth=100)
    long = max((e for e in template if not e.msgid_plural), key=lambda e: len(e.msgid))
    plural = next(e for e in template if e.msgid_plural)
    assert len(long.msgid) > 100  # wrapped over several lines
    edits = {long.msgid: long.msgid + " Edited.", plural.msgid: plural.msgid + " edited"}
    old_plural = plural.msgid_plural
    long.msgid += " Edited."
    plural.msgid += " edited"
    plural.msgid_plural += " edited"
    template.save(str(pot))
    update_catalogues(pot, translations, TARGETS)
    first = {p: p.read_bytes() for p in sorted(translations.rglob("*.po"))}
    assert update_catalogues(pot, translations, TARGETS) == []
    assert {p: p.read_bytes() for p in sorted(translations.rglob("*.po"))} == first
    for lang in TARGETS:
        po = polib.pofile(str(translations / lang / "LC_MESSAGES" / "messages.po"))
        fuzzy = {e.msgid: e for e in po.fuzzy_entries()}
        for old, new in edits.items():
            assert fuzzy[new].previous_msgid == old, (lang, new)
            assert not fuzzy[new].tcomment, (lang, fuzzy[new].tcomment)
        assert fuzzy[plural.msgid].previous_msgid_plural == old_plural


def test_no_compiled_catalogue_is_committed():
    files = subprocess.run(
        ["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert files.strip() == ""


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 публикация"),
        (2, "2 публикации"),
        (5, "5 публикаций"),
        (21, "21 публикация"),
        (11, "11 публикаций"),
        (22, "22 публикации"),
        (112, "112 публикаций"),
    ],
)
def test_russian_plural_forms(n, expected):
    from ui_i18n.catalogs import translator

    t = translator({"UI_TRANSLATIONS_DIR": str(ROOT / "translations"), "DEFAULT_LANG": "en"}, "ru")
    assert (
        t.ngettext("%(count)s publication", "%(count)s publications", n) % {"count": n} == expected
    )


def test_russian_plural_in_built_page(content, tmp_path):
    """21 articles in one Russian category: the page must say "21 публикация"."""
    for i in range(21):
        write_article(
            content, f"a{i}.ru.md", {**VALID, "Lang": "ru", "Slug": f"a{i}", "Category": "reports"}
        )
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    count = build.html("ru/category/reports/index.html").select_one(".count").get_text(strip=True)
    assert count == "21 публикация"


EXPECTED_DATES = {
    "en": "December 19, 2012",
    "ru": "19 декабря 2012 г.",
    "uk": "19 грудня 2012 р.",
    "de": "19. Dezember 2012",
    "fr": "19 décembre 2012",
    "es": "19 de diciembre de 2012",
}


def test_dates_are_localised_with_babel(content, tmp_path):
    for lang in conf.LANGUAGES:
        suffix = "" if lang == "en" else f".{lang}"
        write_article(content, f"day{suffix}.md", {**VALID, "Lang": lang, "Slug": "day"})
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    for lang, expected in EXPECTED_DATES.items():
        prefix = "" if lang == "en" else f"{lang}/"
        time = build.html(f"{prefix}articles/day/index.html").select_one(".meta time")
        # CLDR keeps "2012" and "г." together with a (narrow) no-break space.
        assert re.sub(r"[\u00a0\u202f]", " ", time.get_text()) == expected
        assert time["datetime"] == "2012-12-19T10:00:00+04:00"  # Europe/Moscow in 2012


def _ui_words(lang: str) -> list[str]:
    """English UI strings long enough to be unambiguous, with placeholders cut out, leaving out
    those whose translation is the same word ("Interviews" in German)."""
    words = []
    for entry in polib.pofile(str(_po(lang))):
        if entry.msgstr == entry.msgid:
            continue
        for part in re.split(r"%\(\w+\)s|%d", entry.msgid):
            part = part.strip(" .:“”")
            if len(part) >= 8:
                words.append(part)
    return words


@pytest.mark.parametrize("lang", ["ru", "de"])
def test_no_english_ui_text_on_translated_pages(site, lang):
    pages = [
        f"{lang}/index.html",
        f"{lang}/articles/free-boris-kagarlitsky/index.html",
        f"{lang}/archives/index.html",
        f"{lang}/404.html",
        f"{lang}/category/news/index.html",
    ]
    for rel in pages:
        soup = site.html(rel)
        for tag in soup.select("main .prose, .e-content"):
            tag.decompose()  # the article text itself is content, not UI
        text = soup.get_text(" ")
        attrs = " ".join(
            str(v)
            for el in soup.find_all(True)
            for k, v in el.attrs.items()
            if k in ("title", "aria-label", "content")
        )
        for words in _ui_words(lang):
            assert words not in text and words not in attrs, f"{rel}: untranslated {words!r}"


def test_broken_ui_catalogue_stops_the_build_with_file_and_line(content, tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    po = translations / "ru/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith('msgstr "Архив"'))
    lines[broken] = 'msgstr "Архив'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = settings_with(tmp_path / "settings.py", UI_TRANSLATIONS_DIR=str(translations))
    write_article(content, "a.ru.md", {**VALID, "Lang": "ru", "Slug": "a"})
    build = run_pelican(content, tmp_path / "out", settings=settings)
    assert build.returncode != 0
    assert f"ru/LC_MESSAGES/messages.po: line {broken + 1}: unterminated string" in build.output
    assert f" on {broken + 1}" not in build.output  # the line once, not again after the text
    assert "Traceback" not in build.output


def test_update_ui_leaves_a_catalogue_the_build_refuses_as_it_is(tmp_path):
    """msgmerge refuses a catalogue with a byte-order mark or a broken line; update-ui
    merged it anyway through Babel's lenient reading (which drops the first line with the
    mark, and skips a line that is not PO) and wrote that back. Now it is left as it is,
    named at msgfmt's line, and the other catalogues are merged."""
    from tests.msgfmt_lines import msgfmt_errors
    from ui_i18n.extract import UpdateProblems, update_catalogues

    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations, ignore=shutil.ignore_patterns(
        "content", "letters"))
    ru, de = (translations / lang / "LC_MESSAGES" / "messages.po" for lang in ("ru", "de"))
    ru.write_bytes(b"\xef\xbb\xbf" + ru.read_bytes())
    de.write_text(de.read_text(encoding="utf-8").replace('msgstr "Neu"\n',
                                                         'msgstr "Neu"\nNeuigkeiten\n', 1),
                  encoding="utf-8")
    before = {p: p.read_bytes() for p in (ru, de)}
    expected = {p: msgfmt_errors(p)[0][0] for p in (ru, de)}
    pot = translations / "messages.pot"
    template = polib.pofile(str(pot))
    template.append(polib.POEntry(msgid="A string added to the templates"))
    template.save(str(pot))
    with pytest.raises(UpdateProblems) as raised:
        update_catalogues(pot, translations, TARGETS)
    assert {(p, w) for p, w, _ in raised.value.problems} == {
        (p, f"line {line}") for p, line in expected.items()}
    assert {p: p.read_bytes() for p in (ru, de)} == before
    assert sorted(p.parent.parent.name for p in raised.value.written) == ["es", "fr", "uk"]
    assert any("save it as UTF-8 without a byte-order mark" in m
               for _, _, m in raised.value.problems)


_TEMPLATE = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Action closed"
msgstr ""

msgid "Back to the list"
msgstr ""

#, python-format
msgid "%(count)s letter"
msgid_plural "%(count)s letters received"
msgstr[0] ""
msgstr[1] ""

#, python-format
msgid "%(count)s hearing"
msgid_plural "%(count)s hearings"
msgstr[0] ""
msgstr[1] ""

#, python-format
msgid "%(count)s appeal"
msgid_plural "%(count)s appeals signed"
msgstr[0] ""
msgstr[1] ""
'''

_CATALOGUE = '''# Russian UI strings.
msgid ""
msgstr ""
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && \
(n%100<10 || n%100>=20) ? 1 : 2);\\n"
"X-Generator: Poedit 3.4.2\\n"
"X-Poedit-SourceCharset: UTF-8\\n"

#, fuzzy
#| msgid "Back to list"
msgid "Back to this list"
msgstr "Назад к списку"

#, python-format
msgid "%(count)s letter"
msgid_plural "%(count)s letters"
msgstr[0] "%(count)s письмо"
msgstr[1] "%(count)s письма"
msgstr[2] "%(count)s писем"

#, python-format
msgid "%(count)s hearing"
msgstr "заседаний: %(count)s"

#, python-format
msgid "%(count)s appeal"
msgid_plural "%(count)s appeals"
msgstr[0] ""
msgstr[1] ""
msgstr[2] ""

#~ msgid "Action closed"
#~ msgstr "Акция завершена"
'''


def _semantics(path: Path) -> tuple[dict, dict]:
    """What gettext means by a catalogue (entries by (obsolete, msgctxt, msgid) with their
    translation, flags and previous msgid; the header fields), without its layout."""
    po = polib.pofile(str(path))
    entries = {(e.obsolete, e.msgctxt, e.msgid): (
        e.msgid_plural, e.msgstr, dict(e.msgstr_plural), sorted(e.flags),
        e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural, e.tcomment) for e in po}
    return entries, dict(po.metadata)


def test_update_ui_merges_as_msgmerge_previous_does(tmp_path):
    """update-ui against GNU msgmerge --previous on the same template and catalogue: a
    string that comes back to the templates gets its obsolete translation back (it wrote an
    empty entry beside the obsolete one, a duplicate msgfmt refuses); a fuzzy entry that is
    matched again keeps the previous msgid its translation was made for (it put the fuzzy
    msgid there); a changed msgid_plural makes a translated entry fuzzy with its previous
    msgid (its translation was kept as done; an untranslated one stays as it is), and a
    singular translation fills every plural form (the others were left empty); the
    translator's tool headers (X-Generator, X-Poedit-*) are kept."""
    from ui_i18n.extract import update_catalogues

    translations = tmp_path / "translations"
    po = translations / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(_CATALOGUE, encoding="utf-8")
    pot = translations / "messages.pot"
    pot.write_text(_TEMPLATE, encoding="utf-8")
    expected = tmp_path / "msgmerge.po"
    subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(expected), str(po),
                    str(pot)], check=True)
    update_catalogues(pot, translations, ["ru"])
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    found, headers = _semantics(po)
    wanted, wanted_headers = _semantics(expected)
    assert found == wanted
    for name in ("X-Generator", "X-Poedit-SourceCharset", "Plural-Forms", "Language"):
        assert headers.get(name) == wanted_headers[name], name
    first = po.read_bytes()
    assert update_catalogues(pot, translations, ["ru"]) == []
    assert po.read_bytes() == first


def test_a_catalogue_msgmerge_gave_an_obsolete_previous_msgid_builds_and_merges(tmp_path):
    """msgmerge --previous (and Weblate, which runs it) keeps the previous msgid of a fuzzy
    entry that becomes obsolete: '#~| msgid'. msgfmt accepts the file; Babel's reader
    stopped at that line, so the build refused the whole catalogue ('Unknown or misformatted
    keyword') and update-ui left it as it was. Now it builds, and update-ui keeps the line
    as msgmerge does."""
    import build_errors
    from ui_i18n.catalogs import translator
    from ui_i18n.extract import update_catalogues

    translations = tmp_path / "translations"
    po = translations / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(_CATALOGUE, encoding="utf-8")
    pot = translations / "messages.pot"
    pot.write_text(_TEMPLATE.replace('msgid "Back to the list"\nmsgstr ""\n', ""),
                   encoding="utf-8")
    subprocess.run(["msgmerge", "--previous", "--quiet", "-U", "--backup=off", str(po),
                    str(pot)], check=True)
    assert '#~| msgid "Back to list"\n' in po.read_text(encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    build_errors.reset()
    t = translator({"UI_TRANSLATIONS_DIR": str(translations), "DEFAULT_LANG": "en"}, "ru")
    assert not build_errors.pending()
    assert t.gettext("Action closed") == "Акция завершена"
    update_catalogues(pot, translations, ["ru"])
    text = po.read_text(encoding="utf-8")
    assert '#, fuzzy\n#~| msgid "Back to list"\n#~ msgid "Back to this list"\n' in text, text
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert update_catalogues(pot, translations, ["ru"]) == []


def test_update_ui_makes_an_empty_catalogue_anew(tmp_path):
    """An empty messages.po (an editor that crashed while saving) has nothing to lose: msgmerge
    takes it as a catalogue with no entries, and update-ui makes it anew, as for a missing
    one, instead of leaving it with the build's 'header entry is missing' error."""
    from ui_i18n.catalogs import compile_po
    from ui_i18n.extract import update_catalogues

    translations = tmp_path / "translations"
    po = translations / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text("\n", encoding="utf-8")
    pot = translations / "messages.pot"
    pot.write_text(_TEMPLATE, encoding="utf-8")
    subprocess.run(["msgmerge", "--quiet", "-o", "/dev/null", str(po), str(pot)], check=True)
    assert update_catalogues(pot, translations, ["ru"]) == [po]
    assert {e.msgid for e in polib.pofile(str(po))} == {e.msgid for e in polib.pofile(str(pot))}
    assert not compile_po(str(po), "ru").errors
