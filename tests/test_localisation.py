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


def test_template_is_up_to_date_with_theme_and_plugins():
    from ui_i18n.extract import extract

    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract(ROOT) if m.id}
    pot = {e.msgid for e in polib.pofile(str(ROOT / "translations/messages.pot"))}
    assert extracted == pot, "run `invoke i18n.update-ui`"


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
