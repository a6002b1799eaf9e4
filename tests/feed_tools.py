"""The W3C Feed Validation Service's code (in the shared folder beside the repository) and a
small HTTP server for the real feed reader."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from tests.sitebuild import ROOT

SHARED_PLACES = (ROOT.parent / "shared", Path("/work/shared"))


def shared_folder(places: tuple[Path, ...] = SHARED_PLACES) -> Path:
    """`../shared` beside the repository (a clean clone), else /work/shared (a worktree).
    Raises FileNotFoundError naming the first place (README, "The two commands"): the
    validator is part of the suite, so a missing copy fails the tests instead of skipping
    them."""
    for folder in places:
        if (folder / "tools/feedvalidator/validate_feeds.py").is_file():
            return folder
    raise FileNotFoundError(
        f"the W3C feed validator is missing: expected {places[0]}"
        "/tools/feedvalidator/validate_feeds.py (or /work/shared/…); see README.md, "
        "\"The two commands\"")


def validate_feeds(out: Path, siteurl: str, *globs: str) -> tuple[str, str]:
    """Run `validate_feeds.py OUT SITEURL` at the "AA" level (what validator.w3.org/feed
    shows). Returns (its summary line "feeds=N with_events=K events=E", everything it printed)."""
    runner = shared_folder() / "tools/feedvalidator/validate_feeds.py"
    args = [sys.executable, str(runner), str(out), siteurl, "--level", "AA"]
    if globs:
        args += ["--glob", *globs]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=1800)
    lines = proc.stdout.strip().splitlines()
    assert lines and lines[-1].startswith("feeds="), proc.stdout + proc.stderr
    return lines[-1], proc.stdout + proc.stderr


@contextmanager
def serve(folder: Path):
    """Serve `folder` on 127.0.0.1 (a free port); yields the base URL without a slash."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def newsboat(home: Path, *args: str, urls: list[str] | None = None) -> Path:
    """Run Debian's newsboat (installed by tools/install-system-deps.sh) with its own config,
    urls file and cache database in `home` and the given arguments, e.g. `-x reload` or
    `-i FILE.opml`. `urls` (if given) is written to the urls file first. Returns the cache
    database (SQLite). Raises AssertionError with newsboat's output when it fails."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config").write_text("download-retries 1\ndownload-timeout 30\n", encoding="utf-8")
    if urls is not None or not (home / "urls").exists():
        (home / "urls").write_text("".join(u + "\n" for u in urls or []), encoding="utf-8")
    cache = home / "cache.db"
    proc = subprocess.run(
        ["newsboat", "-C", str(home / "config"), "-u", str(home / "urls"), "-c", str(cache),
         *args], capture_output=True, text=True, timeout=300,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return cache
