"""Finding and reading the action file an article names in its header (`Action: NAME.yaml`).

The value is a file name in the article's own folder (no path, no `..`), ending in `.yaml`; it
is read with the input rules every registry file obeys (safe_input: size cap, UTF-8, no
control characters, YAML without anchors or aliases)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from safe_input import text as input_text
from safe_input import urls, yaml_safe

from .model import Action, Problems, parse

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$")
_HEADER_ACTION = re.compile(r"^action:[ \t]*(.*?)\s*$", re.I | re.M)
_DEADLINE_LINE = re.compile(r"^deadline:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})['\"]?[ \t]*(#.*)?$",
                            re.M)


def declared(source_text: str) -> str:
    """The `Action:` value of a Markdown source's header, "" when there is none."""
    found = _HEADER_ACTION.search(source_text.replace("\r\n", "\n").split("\n\n", 1)[0])
    return found.group(1) if found else ""


def path_of(name: str, source_path: str | os.PathLike,
            content_root: str | os.PathLike) -> tuple[Path | None, Problems]:
    """The action file `name` beside `source_path`, or the problem with the `Action:` field."""
    name = name.strip()
    if not _NAME.match(name) or ".." in name:
        return None, [("Action", f"'{name}' must be the name of a .yaml file in the same "
                                 "folder as this text, such as free-x.action.yaml")]
    path = Path(source_path).parent / name
    if not path.is_file():
        return None, [("Action", f"'{name}' does not exist next to this text; create it "
                                 "(see README, 'Action blocks') or correct the name")]
    if not urls.inside(path, content_root):
        return None, [("Action", f"'{name}' resolves outside the content folder (a symbolic "
                                 "link); copy the file into content/")]
    return path, []


def read(path: Path) -> tuple[Action | None, Problems]:
    """The checked action in `path`, or every problem found (field or "line N", message)."""
    text, problems = input_text.read(path, input_text.MAX_YAML_BYTES, "MAX_YAML_BYTES")
    if text is None:
        return None, problems
    # YAML makes 2025-02-30 a date and fails without saying where: check the day first.
    for found in _DEADLINE_LINE.finditer(text):
        try:
            from datetime import date

            date.fromisoformat(found.group(1))
        except ValueError:
            return None, [("deadline", f"'{found.group(1)}' is not a day of the calendar; "
                                       "write it as YYYY-MM-DD")]
    try:
        data = yaml_safe.load(text)
    except yaml_safe.Refused as exc:
        return None, [(f"line {exc.line}", str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        return None, [(where, f"is not valid YAML ({getattr(exc, 'problem', None) or exc}); "
                              "check the indentation and quotes")]
    except ValueError as exc:  # a value YAML could not construct (a timestamp)
        return None, [("file", f"holds a value YAML cannot read ({exc}); put it in quotes")]
    return parse(data)


def load(source_path: str | os.PathLike, content_root: str | os.PathLike
         ) -> tuple[Action | None, str, Problems]:
    """(action or None, the action file's path relative to the content folder's parent or "",
    problems) for a Markdown source; (None, "", []) when its header names no action.
    Problems with the `Action:` field itself are reported on the source (path "")."""
    source_text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    name = declared(source_text.removeprefix("\ufeff"))
    if not name:
        return None, "", []
    path, problems = path_of(name, source_path, content_root)
    if path is None:
        return None, "", problems
    action, problems = read(path)
    rel = os.path.relpath(path, os.path.dirname(os.path.abspath(content_root).rstrip("/")))
    return action, rel, problems


def segments(source_path: str | os.PathLike, content_root: str | os.PathLike) -> list:
    """The action's texts as content_i18n segments (kind "action-…", the line of the
    `Action:` header field), for the article's catalogue; [] when there is no valid action
    (the build reports why)."""
    from content_i18n.segments import Segment

    try:
        action, _rel, _problems = load(source_path, content_root)
    except OSError:
        return []
    if action is None:
        return []
    text = Path(source_path).read_text(encoding="utf-8", errors="replace")
    head = text.split("\n\n", 1)[0]
    found = _HEADER_ACTION.search(head)
    line = head.count("\n", 0, found.start()) + 1 if found else 1
    return [Segment(kind, value, line) for kind, value in action.texts()]
