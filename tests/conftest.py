from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, Build, run_pelican


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The project's own sample site, built once per test session."""
    build = run_pelican(ROOT / "content", tmp_path_factory.mktemp("site") / "out")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def content(tmp_path) -> Path:
    path = tmp_path / "content"
    (path / "articles").mkdir(parents=True)
    (path / "pages").mkdir()
    return path


PROJECT_FILES = [
    "content",
    "theme",
    "plugins",
    "translations",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, so tasks can write into content/ and output/."""
    for name in PROJECT_FILES:
        src = ROOT / name
        dst = tmp_path / name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")  # vnu.jar, axe-core
    return tmp_path
