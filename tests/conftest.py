from __future__ import annotations

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
