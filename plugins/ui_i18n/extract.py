"""Extracting the UI catalogue (messages.pot) with Babel and merging it into every messages.po.

Merging works like msgmerge: unchanged strings keep their translation, changed ones become fuzzy
with the previous msgid kept (#| msgid), removed ones become obsolete. Nothing is lost.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

PROJECT = "left-political-prisoners"
SOURCES = (
    (
        "theme/templates",
        [("**.html", "jinja2.ext:babel_extract")],
        {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}},
    ),
    ("plugins", [("**/tests/**", "ignore"), ("**.py", "python")], {}),
)


def extract(root: Path) -> Catalog:
    catalog = Catalog(project=PROJECT, msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for folder, method_map, options_map in SOURCES:
        base = root / folder
        for filename, lineno, message, comments, context in extract_from_dir(
            str(base), method_map, options_map
        ):
            location = (os.path.join(folder, filename).replace(os.sep, "/"), lineno)
            catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def write_template(root: Path, pot: Path) -> Catalog:
    catalog = extract(root)
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as fp:
        write_po(fp, catalog, width=100, sort_output=True)
    return catalog


def update_catalogues(pot: Path, translations: Path, languages: Sequence[str]) -> list[Path]:
    """Merge the template into each <lang>/LC_MESSAGES/messages.po, creating missing ones."""
    with pot.open("rb") as fp:
        template = read_po(fp)
    written = []
    for lang in languages:
        po = translations / lang / "LC_MESSAGES" / "messages.po"
        if po.exists():
            with po.open("rb") as fp:
                catalog = read_po(fp, locale=lang)
            catalog.update(template, update_header_comment=False)
        else:
            catalog = Catalog(locale=lang, project=PROJECT, charset="utf-8", fuzzy=False)
            catalog.update(template)
        from .catalogs import save_po

        save_po(catalog, po, sort=True)
        written.append(po)
    return written
