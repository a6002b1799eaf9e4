"""Issue 18, item 5: builds into a fresh folder leave no cache behind that no later build
reads; `invoke clean` removes every cache; the plugins import one another without sys.path
edits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import ROOT, VALID, run_pelican, settings_with, write_article
from tests.test_tasks import invoke, project  # noqa: F401 (fixture)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_invoke_build_leaves_no_cache_that_no_later_build_reads(project):  # noqa: F811
    """Each `invoke build` renders into a new folder and swaps it in as output/: the writer's
    keys are kept for output/ (the next build reads them), never for the temporary folder. A
    second build leaves exactly the caches the first left: nothing piles up."""
    first = invoke(project, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    after_first = _files(project / "cache")
    assert after_first, "the build caches reading and linking (read by the next build)"
    second = invoke(project, "build")
    assert second.returncode == 0, second.stdout + second.stderr
    assert _files(project / "cache") == after_first
    assert len([f for f in after_first if "render-memo" in f and f.endswith(".pickle")]) == 1
    assert not [f for f in _files(project / "output") if f.endswith((".partial", ".pickle"))]


def test_render_keys_of_an_output_folder_go_with_the_folder(content, tmp_path):
    """`pelican … -o DIR`: DIR's render keys are kept for the next build into DIR, and are
    removed by the next build once DIR is gone."""
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    settings = settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"))
    assert run_pelican(content, tmp_path / "one", settings).returncode == 0
    memo = next((tmp_path / "cache").rglob("render-memo"))
    kept = _files(memo)
    assert kept and all(name.split(".")[0] == sorted(kept)[0].split(".")[0] for name in kept)
    again = run_pelican(content, tmp_path / "one", settings)  # reads them
    assert again.returncode == 0 and _files(memo) == kept
    import shutil

    shutil.rmtree(tmp_path / "one")
    assert run_pelican(content, tmp_path / "two", settings).returncode == 0
    left = _files(memo)
    assert left and not left & kept, "the keys of the deleted folder were kept"


def test_invoke_clean_removes_every_cache(project):  # noqa: F811
    publish = project / "publishconf.py"
    publish.write_text(publish.read_text(encoding="utf-8")
                       + "\nCACHE_PATH = str(Path(__file__).parent / 'cache-publish')\n"
                         "PRISONER_LINKS_CACHE = str(Path(__file__).parent / 'matcher')\n",
                       encoding="utf-8")
    planted = [project / "cache/pelican/reader-0123/render-memo/x.0.pickle",
               project / "cache-publish/reader-4567/summaries.pickle",
               project / "matcher/matcher.pickle",
               project / ".pytest_cache/v/cache/nodeids",
               project / ".ruff_cache/0.1/x",
               project / "plugins/feeds/__pycache__/build.cpython-311.pyc"]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    proc = invoke(project, "clean")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [p for p in planted if p.exists()] == []
    assert (project / "content").is_dir() and (project / "plugins/feeds/build.py").is_file()


def test_plugins_import_one_another_without_sys_path_edits(tmp_path):
    """They are the project's installed packages (`make`: pip install --editable .): a fresh
    interpreter, in another folder, with no PYTHONPATH, imports them from this checkout."""
    names = ["pipeline", "build_errors", "safe_input.slugs", "content_model.reader",
             "prisoner_links.linker", "site_checks"]
    proc = subprocess.run(
        [sys.executable, "-I", "-c",
         "import importlib, sys\n"
         f"for name in {names!r}:\n"
         "    print(importlib.import_module(name).__file__)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr + "\n(run: .venv/bin/pip install --no-deps " \
        "--no-build-isolation --editable . — `make` does)"
    for line in proc.stdout.splitlines():
        assert Path(line).is_relative_to(ROOT / "plugins"), \
            f"{line}: the venv's plugins are another checkout's; run pip install -e . here"
    edits = re.compile(r"sys\.path.*plugins|PYTHONPATH.*plugins|PLUGIN_PATHS")
    sources = [ROOT / "pelicanconf.py", ROOT / "publishconf.py", ROOT / "tasks.py",
               *(p for p in ROOT.glob("plugins/**/*.py") if "tests" not in p.parts),
               *ROOT.glob("bench/*.py")]  # a plugin's own tests may load a planted plugin
    assert [f"{p}:{n}" for p in sources
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if edits.search(line)] == []
