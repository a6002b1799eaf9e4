"""HTML validity through the Nu HTML Checker (vnu.jar from npm, run with Debian's Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .model import Problem

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class ValidatorMissing(RuntimeError):
    """Java or vnu.jar is not installed; the message says how to install it."""


def require_validator(jar: Path = VNU_JAR) -> str:
    """The path of `java`; raises ValidatorMissing (saying what to install) when Java or
    vnu.jar is missing."""
    java = shutil.which("java")
    if not java:
        raise ValidatorMissing("java not found: run `make system-deps` (installs Debian's "
                               "default-jre-headless)")
    if not jar.is_file():
        raise ValidatorMissing(f"{jar} not found: run `make node-deps` (npm ci)")
    return java


def validate_html(out_dir: Path, jar: Path = VNU_JAR) -> list[Problem]:
    """Errors (not warnings) the Nu HTML Checker reports for every .html file under out_dir.
    Raises ValidatorMissing when Java or vnu.jar is missing."""
    java = require_validator(jar)
    out_dir = out_dir.resolve()
    proc = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--errors-only", "--format", "json",
         "--skip-non-html", "--exit-zero-always", str(out_dir)],
        capture_output=True, text=True, timeout=1800,
    )
    try:
        report = json.loads(proc.stderr or proc.stdout)
    except ValueError as exc:
        raise RuntimeError(f"vnu.jar gave no JSON report: {proc.stderr[:500]}") from exc
    problems = []
    for msg in report.get("messages", []):
        path = Path(unquote(urlsplit(msg.get("url", "")).path))
        rel = path.relative_to(out_dir).as_posix() if path.is_relative_to(out_dir) else str(path)
        where = f"line {msg['lastLine']}" if "lastLine" in msg else msg.get("type", "error")
        problems.append(Problem(rel, where, msg.get("message", "").strip()))
    return problems
