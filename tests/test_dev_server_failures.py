"""`make serve` (tools/dev_server.py) when a build fails after its pages are written: the
Pagefind run that started on those pages is stopped then, as the `pelican` command's exit
stops it (indexer.start_index's atexit), not left running until the next build or exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.sitebuild import ROOT, VALID, write_article

# A plugin of the test's own: one output (written after the pages, like a feed) whose
# rendering fails, so the build fails once Pagefind has started on the pages.
FAILING_PLUGIN = '''
from pelican import signals
from pelican.generators import Generator


def _broken():
    raise ValueError("a broken output")


class BrokenOutput(Generator):
    def generate_output(self, writer):
        writer.write("broken.json", None, _broken)


def _generators(_pelican):
    return BrokenOutput


def register():
    signals.get_generators.connect(_generators)
'''

# One build through the dev server's Site, in a process of its own; then this process's
# children (a Pagefind left running is one, or a zombie until it is waited for) and the
# unfinished bundle folders Pagefind writes into.
BUILD = '''
import json, os, sys
from pathlib import Path
sys.path.insert(0, {tools!r})
import dev_server

site = dev_server.Site(Path({settings!r}), Path({content!r}), Path({out!r}))
ok = site.build()
children = []
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            with open(f"/proc/{{pid}}/stat") as fp:
                fields = fp.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{{pid}}/comm") as fp:
                name = fp.read().strip()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            children.append(name)
runs = sorted(p.name for p in [*Path({cache!r}).glob("site-search/run-*"),
                               *Path({out!r}).glob("pagefind.partial")])
print("RESULT " + json.dumps({{"ok": ok, "children": children, "runs": runs}}))
'''


def test_a_build_that_fails_after_its_pages_stops_pagefind(content, tmp_path):
    write_article(content, "appeal.md", {**VALID, "Slug": "appeal"}, body="Write to him.")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra/broken_output.py").write_text(FAILING_PLUGIN, encoding="utf-8")
    cache = tmp_path / "cache"
    settings = tmp_path / "s.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PLUGIN_PATHS = [{str(tmp_path / 'extra')!r}]\n"
        "PLUGINS = [*PLUGINS, 'broken_output']\n"
        f"CACHE_PATH = {str(cache)!r}\nPARALLEL_WORKERS = 1\n", encoding="utf-8")
    script = BUILD.format(tools=str(ROOT / "tools"), settings=str(settings),
                          content=str(content), out=str(tmp_path / "out"), cache=str(cache))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout + done.stderr
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["ok"] is False, done.stdout + done.stderr
    assert "a broken output" in done.stdout + done.stderr
    assert list((tmp_path / "out").rglob("appeal/index.html")), "the pages were written"
    assert not [name for name in result["children"] if "pagefind" in name], result
    assert result["runs"] == []
