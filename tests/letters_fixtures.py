"""Invented people for the letters kit's tests (issue 19): nobody in the real registry may get
an invented address, so every writable person here is made up, in a temporary content folder
with the real kit (content/letters.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.sitebuild import ROOT, Build, run_pelican
from tests.test_registry import CASE, person, write_yaml

SOURCE = {"publication": "Example support group", "date": "2024-04"}
POSTAL = {"patronymic": "Петровна", "facility": "ФКУ ИК-7 УФСИН России по Выдуманной области",
          "street": "ул. Лесная, д. 12", "locality": "пос. Примерный",
          "region": "Выдуманная область", "postal_code": "614000"}


def writable(slug: str, **letters) -> dict:
    return person(slug, born=1991, consent={"address": True, "photo": False},
                  letters={"state": "can-write", "channels": ["post", "fsin-pismo"], **letters})


PEOPLE = [
    # a sheet; the newest known letter: listed last
    writable("vera-pisma", postal=POSTAL,
             received={"count": 2, "last_letter": "2024-03", "source": SOURCE}),
    # a sheet; an older last letter
    writable("oleg-adresov", postal={**POSTAL, "patronymic": "Иванович",
                                     "postal_code": 301000},
             received={"last_letter": "2023-11", "source": SOURCE}),
    # no date known, no count: after those with a count
    writable("nina-bezotveta", address="ИК-2, ул. Тихая, 3, г. Тестовск, 123456"),
    # no date known, a count of none: first
    writable("petr-schet", address="ИК-3, ул. Полевая, 8, г. Тестовск, 123457",
             received={"count": 0, "source": SOURCE}),
    # can write, but no consent to publish the address: nothing shown anywhere
    person("anna-skryta", born=1980,
           letters={"state": "can-write", "channels": ["post"], "postal": POSTAL}),
    # asks for no letters
    person("ivan-molchit", letters={"state": "do-not-write"}),
]
# "Who needs a letter now": no date known (count 0, then unknown), then the oldest last letter.
NEED_ORDER = ["petr-schet", "nina-bezotveta", "oleg-adresov", "vera-pisma"]
SHEETS = ["oleg-adresov", "vera-pisma"]  # writable with the envelope given field by field


def letters_content(content: Path) -> Path:
    """`content` with the real kit and the invented people."""
    shutil.copy(ROOT / "content/letters.yaml", content / "letters.yaml")
    write_yaml(content, "cases", CASE)
    for data in PEOPLE:
        write_yaml(content, "prisoners", data)
    return content


def build_letters_site(base: Path) -> Build:
    """The letters site (letters_content) built into ``base``/out; the build must succeed."""
    content = base / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    build = run_pelican(letters_content(content), base / "out")
    assert build.returncode == 0, build.output
    return build
