"""A rebuild with no content change rewrites no output file (ETag/Last-Modified stay, partners
get 304, rsync sends nothing); a change rewrites only what it changes."""

from __future__ import annotations

import os
import shutil

from tests.sitebuild import ROOT, run_pelican
from tests.test_tasks import invoke, project  # noqa: F401 (fixture)


def _mark(out) -> dict:
    files = {}
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1, 1))
            files[path] = path.read_bytes()
    return files


def test_rebuild_into_the_same_folder_rewrites_nothing(tmp_path, site):
    out = tmp_path / "out"
    shutil.copytree(site.out_dir, out)
    # The search bundle is left out: this folder is new to the indexer, so Pagefind runs, and
    # 1.5.2 gives different bytes from two runs (tests/test_search.py holds "not reindexed
    # when no indexed page changed" for a folder it has indexed).
    shutil.rmtree(out / "pagefind", ignore_errors=True)
    before = _mark(out)
    build = run_pelican(ROOT / "content", out)
    assert build.returncode == 0, build.output
    touched = [p for p in before if p.stat().st_mtime_ns != 1]  # pages, feeds, data, theme
    assert touched == [], touched[:5]
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert changed == []
    assert not list(out.rglob("*.partial"))


def test_atomic_build_keeps_timestamps_of_unchanged_files(project):  # noqa: F811
    assert invoke(project, "build").returncode == 0
    out = project / "output"
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(5, 5))
    article = project / "content/articles/2024/mikheev-detained.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "remains in custody.", "remains in custody (as last confirmed)."), encoding="utf-8")
    assert invoke(project, "build").returncode == 0
    changed = out / "articles/mikheev-detained/index.html"
    unchanged = out / "articles/knif-conference/index.html"
    assert changed.stat().st_mtime_ns != 5 and "last confirmed" in changed.read_text()
    assert unchanged.stat().st_mtime_ns == 5
    assert (out / "ru/prisoners/daria-kozyreva/index.html").stat().st_mtime_ns == 5
