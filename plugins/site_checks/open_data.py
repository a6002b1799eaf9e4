"""Open data at the site root (prisoners.json, mentions.json): partners put its URLs into their
own pages, so a javascript:, data: or vbscript: URL in a URL field is an error here too."""

from __future__ import annotations

import json
from pathlib import Path

from .links import json_urls
from .model import Problem
from .urls import forbidden_scheme, normalise


def check_open_data(out_dir: Path) -> list[Problem]:
    """Every *.json file at the top of out_dir: parses, and no URL field (see json_urls) uses
    a forbidden scheme."""
    problems = []
    for path in sorted(out_dir.resolve().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(Problem(path.name, "file", f"does not parse: {exc}"))
            continue
        for url in json_urls(data):
            if forbidden_scheme(url):
                problems.append(Problem(path.name, "url field", (
                    f"{normalise(url)[:80]!r}: javascript:, data: and vbscript: URLs are never "
                    "allowed; fix the registry entry it comes from")))
    return problems
