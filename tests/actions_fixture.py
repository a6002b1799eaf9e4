"""A small site with one appeal that carries an action, translated into Russian and German
through its catalogue (texts written for these tests; the people and offices are invented)."""

from __future__ import annotations

from pathlib import Path

import polib

import pelicanconf as conf
from tests.sitebuild import settings_with

ACTION = """\
target:
  name: Ministry of Invented Affairs
  role: Office of the Minister
  postal: |
    1 Example Street
    Testtown 000000
  email: minister@ministry.example
ask: Release Anna Testova and drop the charges.
sample: |
  Dear Minister,

  Anna Testova is in prison for a poem. Please release her.
deadline: 2025-03-31
state: open
"""

HEADER = {"Title": "Free Anna Testova", "Date": "2025-03-01 10:00", "Lang": "en",
          "Slug": "free-anna", "Category": "appeals", "Summary": "An appeal for a poet.",
          "Action": "free-anna.action.yaml"}
BODY = "Anna Testova wrote a poem and went to prison for it.\n\nWrite to the minister."

TRANSLATIONS = {
    "ru": {
        "Free Anna Testova": "Свободу Анне Тестовой",
        "An appeal for a poet.": "Призыв в защиту поэтессы.",
        "Anna Testova wrote a poem and went to prison for it.":
            "Анна Тестова написала стихотворение и попала за него в тюрьму.",
        "Write to the minister.": "Напишите министру.",
        "Office of the Minister": "Канцелярия министра",
        "Release Anna Testova and drop the charges.":
            "Освободите Анну Тестову и снимите с неё обвинения.",
        "Dear Minister,\n\nAnna Testova is in prison for a poem. Please release her.":
            "Уважаемый министр!\n\nАнна Тестова в тюрьме за стихотворение. Прошу вас "
            "освободить её.",
    },
    "de": {
        "Free Anna Testova": "Freiheit für Anna Testowa",
        "An appeal for a poet.": "Ein Aufruf für eine Dichterin.",
        "Anna Testova wrote a poem and went to prison for it.":
            "Anna Testowa hat ein Gedicht geschrieben und sitzt dafür im Gefängnis.",
        "Write to the minister.": "Schreiben Sie dem Minister.",
        "Office of the Minister": "Büro des Ministers",
        "Release Anna Testova and drop the charges.":
            "Lassen Sie Anna Testowa frei und stellen Sie das Verfahren ein.",
        "Dear Minister,\n\nAnna Testova is in prison for a poem. Please release her.":
            "Sehr geehrter Herr Minister,\n\nAnna Testowa ist wegen eines Gedichts in Haft. "
            "Bitte lassen Sie sie frei.",
    },
}


def write_site(root: Path, action: str = ACTION, header: dict | None = None) -> Path:
    """content/ under `root` with the appeal and its action file; returns the content folder."""
    content = root / "content"
    folder = content / "articles" / "2025"
    folder.mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    lines = [f"{k}: {v}" for k, v in (header or HEADER).items()]
    (folder / "free-anna.md").write_text("\n".join(lines) + "\n\n" + BODY + "\n",
                                         encoding="utf-8")
    (folder / "free-anna.action.yaml").write_text(action, encoding="utf-8")
    return content


def extract(root: Path) -> Path:
    """`invoke i18n.extract` for the site under `root`; returns the catalogue folder."""
    from content_i18n.workflow import extract_all

    out = root / "translations"
    extract_all(root, root / "content", out, conf.LANGUAGES, conf.DEFAULT_LANG)
    return out


def translate(catalogues: Path, lang: str) -> Path:
    """Fill the article's catalogue in `lang` from TRANSLATIONS; returns its path."""
    path = catalogues / lang / "free-anna.po"
    po = polib.pofile(str(path), wrapwidth=79)
    for entry in po:
        entry.msgstr = TRANSLATIONS[lang][entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    return path


def settings(root: Path, today: str, name: str = "s.py") -> Path:
    return settings_with(root / name, ACTIONS_TODAY=today,
                         CONTENT_TRANSLATIONS_DIR=str(root / "translations"))
