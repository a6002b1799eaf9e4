"""Plugin settings are declared once (plugins/<plugin>/settings.py, site_settings): a mistyped
name or a value of the wrong type stops the build with one line naming the settings file,
the setting and what is expected, and the README's table is the declarations'."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import site_settings
from site_settings import REQUIRED, Setting, declare
from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article


def _refused(build, line: str) -> None:
    assert build.returncode != 0, build.output
    said = build.said  # the console wraps long lines
    assert " ".join(line.split()) in said, build.output
    assert "Traceback" not in build.output
    assert not build.out_dir.exists() or not any(build.out_dir.iterdir())


@pytest.mark.parametrize("overrides, line", [
    ({"FEED_MAX_ITEM": 20},
     "s.py: FEED_MAX_ITEM: not a setting of plugins/feeds; did you mean FEED_MAX_ITEMS?"),
    ({"PRISONER_LINKS_EVERY": True},
     "s.py: PRISONER_LINKS_EVERY: not a setting of plugins/prisoner_links; plugins/"
     "prisoner_links has PRISONER_LINKS_EVERY_MENTION, PRISONER_LINKS_CACHE"),
    ({"STATUS_STALE_AFTER_MONTH": 6},
     "s.py: STATUS_STALE_AFTER_MONTH: not a setting of plugins/prisoner_registry; did you "
     "mean STATUS_STALE_AFTER_MONTHS?"),
], ids=["typo", "unknown in namespace", "another plugin"])
def test_an_unknown_setting_in_a_plugins_namespace_stops_the_build(content, tmp_path,
                                                                   overrides, line):
    write_article(content, "a.md", VALID)
    settings = settings_with(tmp_path / "s.py", **overrides)
    _refused(run_pelican(content, tmp_path / "out", settings), line)


@pytest.mark.parametrize("overrides, line", [
    ({"FEED_MAX_ITEMS": "twenty"},
     "s.py: FEED_MAX_ITEMS: 'twenty' is not int (≥ 0); entries in a feed document; older ones "
     "go to RFC 5005 archive pages (0: all)"),
    ({"MIRRORS": "https://mirror.example/"},
     "s.py: MIRRORS: 'https://mirror.example/' is not list[str]; mirror addresses shown"),
    ({"PRISONER_LINKS_EVERY_MENTION": "yes"},
     "s.py: PRISONER_LINKS_EVERY_MENTION: 'yes' is not bool"),
    ({"LANGUAGES": ["en", "ru"]},
     "s.py: LANGUAGES: ['en', 'ru'] differs from plugins/site_scheme"),
    ({"ARTICLE_URL": "posts/{slug}.html"},
     "s.py: ARTICLE_URL: 'posts/{slug}.html' differs from plugins/site_scheme "
     "('articles/{slug}/'), the one source of the site's addresses"),
    ({"FEED_MAX_ITEMS": -5},
     "s.py: FEED_MAX_ITEMS: -5 is not int (≥ 0); entries in a feed document"),
    ({"TRANSLATION_THRESHOLD": 800},
     "s.py: TRANSLATION_THRESHOLD: 800 is not int | float (0 to 100); percent of a text's"),
], ids=["text for a number", "text for a list", "text for a flag", "languages",
        "an address", "a negative count", "a percentage over 100"])
def test_a_setting_of_the_wrong_type_stops_the_build(content, tmp_path, overrides, line):
    write_article(content, "a.md", VALID)
    settings = settings_with(tmp_path / "s.py", **overrides)
    _refused(run_pelican(content, tmp_path / "out", settings), line)


def test_declared_types_are_checked_strictly():
    schema = declare("x", ("X_",), Setting("X_N", int, 1, "A number."),
                     Setting("X_ON", bool, False, "A flag."),
                     Setting("X_NAMES", list[str], [], "Names."),
                     Setting("X_HUB", str | None, None, "A hub."),
                     Setting("X_DIR", str, REQUIRED, "A folder."))
    found = site_settings.problems(
        {"X_N": True, "X_ON": 1, "X_NAMES": ("a",), "X_HUB": None, "X_EXTRA": 1}, [schema])
    assert found == [
        "pelicanconf.py: X_N: True is not int; a number",
        "pelicanconf.py: X_ON: 1 is not bool; a flag",
        "pelicanconf.py: X_NAMES: ('a',) is not list[str]; names",
        "pelicanconf.py: X_DIR: missing; a folder",
        "pelicanconf.py: X_EXTRA: not a setting of plugins/x; plugins/x has X_N, X_ON, "
        "X_NAMES, X_HUB, X_DIR",
    ]
    assert schema.get({}, "X_N") == 1 and schema.get({"X_N": 3}, "X_N") == 3
    # Outside every namespace and unlike any declared name: another tool's setting.
    assert site_settings.problems({"X_DIR": "d", "DEPLOY_TARGET": "h:/x"}, [schema]) == []


def test_the_readme_lists_every_declared_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- settings: start.*?-->\n(.*?)<!-- settings: end -->", readme, re.S)
    assert found, "README.md has no generated settings table"
    made = subprocess.run([sys.executable, "-m", "site_settings", "-s", "pelicanconf.py"],
                          cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    assert found.group(1) == made.stdout, "run `python -m site_settings` and paste its table"


def test_every_enabled_plugins_settings_file_declares_a_schema():
    import pelicanconf

    declared = site_settings.schemas(pelicanconf.PLUGINS)
    names = [s.name for schema in declared for s in schema.settings]
    assert len(names) == len(set(names)), "a setting is declared by two plugins"
    assert {"FEED_MAX_ITEMS", "STRICT_WARNINGS", "CSP_DIRECTIVES", "MIRRORS"} <= set(names)
    assert site_settings.problems(vars(pelicanconf), declared) == []
