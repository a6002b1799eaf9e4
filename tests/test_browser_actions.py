"""The action box in Debian's Chromium (Playwright): at the top of the page in English and
Russian, with its deadline, state and mailto: link; screenshots in ru and de for the issue."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

import pytest

from tests.actions_fixture import extract, settings, translate, write_site
from tests.sitebuild import run_pelican
from tests.test_browser import ARTIFACTS, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def action_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("actions-browser")
    write_site(root)
    catalogues = extract(root)
    for lang in ("ru", "de"):
        translate(catalogues, lang)
    build = run_pelican(root / "content", root / "out", settings(root, "2025-03-01"))
    assert build.returncode == 0, build.output
    with served(build.out_dir) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  java_script_enabled=False)  # works without JavaScript
    page = context.new_page()
    yield page
    context.close()


CASES = [
    ("en", "", "Open", "Deadline: March 31, 2025", "Dear Minister,"),
    ("ru", "ru/", "Открыта", "31 марта 2025", "Уважаемый министр!"),
]


@pytest.mark.parametrize("lang, prefix, state, deadline, letter", CASES,
                         ids=[c[0] for c in CASES])
def test_the_action_box_is_at_the_top_with_deadline_state_and_mailto(
        page, action_url, lang, prefix, state, deadline, letter):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(f"{action_url}/{prefix}articles/free-anna/")
    box = page.locator("section.action-box")
    assert box.is_visible()
    top = box.bounding_box()
    text = page.locator(".e-content").bounding_box()
    assert top["y"] < text["y"], "the box comes before the text"
    assert top["y"] < 900, "the box starts on the first screen"
    assert page.locator(".action-box .action-state").inner_text() == state
    assert deadline in page.locator(".action-box .action-status").inner_text()
    href = page.locator(".action-box a.action-mailto").get_attribute("href")
    assert href.startswith("mailto:minister@ministry.example?subject=")
    assert unquote(href.split("&body=")[1]).startswith(letter)
    assert page.locator(".action-box .sample-text").is_visible()  # <details open>, no script
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("lang", ["ru", "de"])
def test_screenshot_of_the_action_box(page, action_url, lang):
    page.goto(f"{action_url}/{lang}/articles/free-anna/")
    box = page.locator("section.action-box")
    assert page.locator("html").get_attribute("lang") == lang
    assert box.locator(".action-ask").get_attribute("lang") is None  # translated
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"action-box-{lang}.png"
    box.screenshot(path=str(path))
    assert path.stat().st_size > 5_000
