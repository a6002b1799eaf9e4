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


PUBLIC_URL = "https://left-prisoners.example.org"  # publishconf.py's SITEURL when unset


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Build:
    """The sample site built with publishconf.py (absolute URLs, strict warnings), as
    `invoke publish` builds it, with FEED_MAX_ITEMS = 5 and FEED_ARCHIVE_ITEMS = 3 so that
    feeds have chains of RFC 5005 archive pages too."""
    import os

    os.environ.pop("SITEURL", None)  # publishconf.py's default address, PUBLIC_URL
    base = tmp_path_factory.mktemp("published")
    settings = base / "published.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                        "from publishconf import *\nFEED_MAX_ITEMS = 5\n"
                        "FEED_ARCHIVE_ITEMS = 3\n", encoding="utf-8")
    build = run_pelican(ROOT / "content", base / "out", settings=settings)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (tests/test_browser.py: chromium_browser), one per
    test module."""
    from tests.test_browser import chromium_browser

    with chromium_browser() as browser:
        yield browser
