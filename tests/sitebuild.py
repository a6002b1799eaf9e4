"""Helpers for tests: real Pelican builds (the CLI in a subprocess) into temporary folders."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


_PLACE = re.compile(r"\s[\w.]+\.py:\d+\s*$")  # rich's column: the logging call's place


@dataclass
class Build:
    returncode: int
    output: str  # stdout and stderr together, as an editor sees them
    out_dir: Path

    @property
    def said(self) -> str:
        """The output as one line of single spaces, as an editor reads it: the console wraps
        a long message and puts the logging call's place ("build.py:235") at the end of its
        first line, in the middle of the sentence; both undone, so a test can look for a
        whole message wherever the temp folder's path makes the line break. (A word longer
        than the message column, about 165 characters at COLUMNS=200, would be cut.)"""
        lines = (_PLACE.sub("", line) for line in self.output.splitlines())
        return " ".join(" ".join(lines).split())

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.out_dir / rel).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.out_dir.rglob("*.html"))


def run_pelican(content: Path, out_dir: Path, settings: Path | None = None) -> Build:
    """`python -m pelican CONTENT -s pelicanconf.py -o OUT`, exactly as the contract gives it."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONHASHSEED": "0"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(settings or ROOT / "pelicanconf.py"),
            "-o",
            str(out_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, out_dir)


def write_article(content: Path, name: str, header: dict[str, str], body: str = "Text.") -> Path:
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key}: {value}" for key, value in header.items()]
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


VALID = {"Title": "A test", "Date": "2012-12-19 10:00", "Lang": "en", "Category": "news"}


def settings_with(path: Path, **overrides: object) -> Path:
    """A settings file: the project's pelicanconf.py with some settings overridden."""
    lines = [f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *"]
    lines += [f"{key} = {value!r}" for key, value in overrides.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
