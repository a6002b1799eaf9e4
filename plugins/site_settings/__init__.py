"""Plugin settings declared once: each plugin lists its settings (name, type, default, what it
does) in ``plugins/<plugin>/settings.py`` as ``SCHEMA = declare(...)``, and reads them with
``SCHEMA.get(settings, NAME)``, which gives the declared default for an unset one.

When Pelican starts (signal ``initialized``) every enabled plugin's declared settings are
checked against the settings file: a value of the wrong type, or a name in a plugin's
namespace (its prefixes, e.g. ``FEED_``) or close to a declared name that no plugin declares
(a typo such as ``FEED_MAX_ITEM``), stops the build with one line each —
``pelicanconf.py: FEED_MAX_ITEMS: 'twenty' is not int; entries per feed …`` — and no
traceback. Unset settings get their declared defaults.

The README's settings table is generated from the declarations (``python -m site_settings``);
tests/test_site_settings.py checks that the two match.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from build_errors import CleanFailure

REQUIRED = object()  # a declared default meaning "must be set in the settings file"

# Pelican's documented settings that its DEFAULT_CONFIG leaves out (docs/settings.rst); a name
# in a plugin's namespace that Pelican knows is Pelican's, not a typo.
PELICAN_EXTRA = frozenset({
    "FEED_ATOM", "FEED_ATOM_URL", "FEED_RSS", "FEED_RSS_URL", "FEED_ALL_ATOM_URL",
    "FEED_ALL_RSS", "FEED_ALL_RSS_URL", "FEED_DOMAIN", "CATEGORY_FEED_RSS",
    "TRANSLATION_FEED_RSS", "TAG_FEED_ATOM", "TAG_FEED_RSS", "ARCHIVES_SAVE_AS",
    "AUTHORS_SAVE_AS", "CATEGORIES_SAVE_AS", "TAGS_SAVE_AS",
})


@dataclass(frozen=True)
class Setting:
    """One setting: its name, type (a typing annotation, checked strictly: 20 is an int, "20"
    is not), default (REQUIRED: none) and what it does, in one sentence for the README."""

    name: str
    type: object
    default: object
    doc: str
    bounds: tuple[float | None, float | None] = (None, None)  # a number's (least, most)

    def type_name(self) -> str:
        """The type as written in Python, with a number's bounds: int, list[str],
        str | None, int (0 to 100)."""
        name = self.type.__name__ if isinstance(self.type, type) else \
            str(self.type).replace("typing.", "")
        least, most = self.bounds
        if least is not None and most is not None:
            return f"{name} ({least} to {most})"
        if least is not None:
            return f"{name} (≥ {least})"
        return f"{name} (≤ {most})" if most is not None else name

    def problem(self, value: object) -> str | None:
        """What is wrong with ``value`` for this setting, or None."""
        try:
            TypeAdapter(self.type).validate_python(value, strict=True)
        except ValidationError:
            return f"{_shown(value)} is not {self.type_name()}; {_said(self.doc)}"
        least, most = self.bounds
        if isinstance(value, int | float) and not isinstance(value, bool) and (
                (least is not None and value < least) or (most is not None and value > most)):
            return f"{_shown(value)} is not {self.type_name()}; {_said(self.doc)}"
        return None


@dataclass(frozen=True)
class Schema:
    """A plugin's settings and its namespace: the prefixes its setting names start with."""

    plugin: str
    prefixes: tuple[str, ...]
    settings: tuple[Setting, ...]

    def __getitem__(self, name: str) -> Setting:
        for setting in self.settings:
            if setting.name == name:
                return setting
        raise KeyError(f"{name} is not declared in plugins/{self.plugin}/settings.py")

    def get(self, settings: Mapping, name: str):
        """The setting ``name`` from Pelican's settings, or its declared default when unset.
        Raises KeyError when the plugin did not declare ``name`` (a bug, not a user error)."""
        declared = self[name]
        if name in settings:
            return settings[name]
        if declared.default is REQUIRED:
            raise KeyError(f"{name} is required (plugins/{self.plugin}/settings.py)")
        return declared.default


def declare(plugin: str, prefixes: Iterable[str], *settings: Setting) -> Schema:
    """The schema of ``plugin`` (its folder name under plugins/)."""
    return Schema(plugin, tuple(prefixes), tuple(settings))


def _plain(value: object) -> object:
    """``value`` with every tuple made a list, so ("en", "ru") and ["en", "ru"] compare equal."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


class SettingsError(CleanFailure):
    """Wrong settings: printed as one line each, without a traceback (build_errors)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def schemas(plugins: Iterable[str]) -> list[Schema]:
    """The declared schemas of the named plugins (those with a settings.py), in that order."""
    found = []
    for plugin in plugins:
        name = getattr(plugin, "__name__", plugin)
        try:
            spec = importlib.util.find_spec(f"{name}.settings")
        except ModuleNotFoundError:  # a plugin that is one module, not a package
            spec = None
        if spec is not None:
            found.append(importlib.import_module(f"{name}.settings").SCHEMA)
    return found


def _said(doc: str) -> str:
    """A declared doc as the second half of a message: "A number." -> "a number"."""
    doc = doc.rstrip(".")
    return doc if doc[1:2].isupper() else doc[:1].lower() + doc[1:]  # "CSP …" stays


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _pelican_names() -> frozenset[str]:
    from pelican.settings import DEFAULT_CONFIG

    return frozenset(DEFAULT_CONFIG) | PELICAN_EXTRA


def problems(settings: Mapping, declared: list[Schema], source: str = "pelicanconf.py"
             ) -> list[str]:
    """One line per wrong setting: ``source: NAME: what is wrong; what is expected``."""
    lines = []
    known = {s.name: s for schema in declared for s in schema.settings}
    for name, setting in known.items():
        if name in settings:
            problem = setting.problem(settings[name])
            if problem:
                lines.append(f"{source}: {name}: {problem}")
        elif setting.default is REQUIRED:
            lines.append(f"{source}: {name}: missing; {_said(setting.doc)}")
    import site_scheme

    # One source: plugins/site_scheme makes these (pelicanconf.py takes them from it); a
    # settings file that sets one differently would split the site's addresses in two.
    for name, expected in site_scheme.pelican_settings().items():
        value = settings.get(name, expected)
        if name.startswith("DRAFT_") and "SAVE_AS" in name and value == "":
            continue  # publishconf.py: drafts are not written at all
        if _plain(value) != _plain(expected):
            what = "languages" if name in ("DEFAULT_LANG", "LANGUAGES") else "addresses"
            lines.append(f"{source}: {name}: {_shown(value)} differs from "
                         f"plugins/site_scheme ({_shown(expected)}), the one source of the "
                         f"site's {what}; change it there, not here")
    pelican = _pelican_names()
    for name in sorted(k for k in settings if k.isupper() and k not in known
                       and k not in pelican):
        owner = next((s for s in declared if name.startswith(s.prefixes)), None)
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.85)
        if owner is None and not close:
            continue  # outside every plugin's namespace: not ours to judge
        hint = (f"did you mean {close[0]}?" if close else
                f"plugins/{owner.plugin} has " + ", ".join(s.name for s in owner.settings))
        where = f"plugins/{owner.plugin}" if owner else "any plugin"
        lines.append(f"{source}: {name}: not a setting of {where}; {hint}")
    return lines


def settings_file(argv: list[str] | None = None) -> str:
    """The settings file's name as given to pelican (-s/--settings), for messages."""
    argv = sys.argv if argv is None else argv
    for i, arg in enumerate(argv):
        if arg in ("-s", "--settings") and i + 1 < len(argv):
            return os.path.basename(argv[i + 1])
        if arg.startswith("--settings="):
            return os.path.basename(arg.split("=", 1)[1])
    return "pelicanconf.py"


def check(pelican) -> None:
    """Signal ``initialized``: stop on wrong settings, then fill in declared defaults."""
    declared = schemas(pelican.settings.get("PLUGINS") or [])
    lines = problems(pelican.settings, declared, settings_file())
    if lines:
        raise SettingsError(lines)
    for schema in declared:
        for setting in schema.settings:
            if setting.default is not REQUIRED:
                pelican.settings.setdefault(setting.name, setting.default)


def markdown_table(declared: list[Schema]) -> str:
    """The README's settings table: plugin, setting, type, default, what it does."""
    rows = ["| plugin | setting | type | default | what it does |", "|---|---|---|---|---|"]
    for schema in declared:
        for s in schema.settings:
            default = "(required)" if s.default is REQUIRED else f"`{s.default!r}`"
            cells = [f"`{schema.plugin}`", f"`{s.name}`", f"`{s.type_name()}`", default,
                     s.doc.replace("<", "&lt;")]
            # GitHub's tables split cells at "|", even inside code.
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def register() -> None:
    from pelican import signals

    signals.initialized.connect(check)
