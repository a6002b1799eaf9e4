"""Real headless Chromium (Debian's, via Playwright) against the built site on localhost."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
# Without these Chromium phones home at start-up; the closed network here refuses that.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(_Quiet, directory=str(site.out_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "tools/install-system-deps.sh installs Debian's chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_switcher_reaches_the_same_article_in_another_language(page, base_url):
    page.goto(f"{base_url}/ru/articles/free-boris-kagarlitsky/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.click('nav.languages a[hreflang="de"]')
    page.wait_for_url(f"{base_url}/de/articles/free-boris-kagarlitsky/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text().startswith("Freiheit für Boris Kagarlizki")
    page.click('nav.languages a[hreflang="en"]')
    page.wait_for_url(f"{base_url}/articles/free-boris-kagarlitsky/")


def test_every_request_stays_on_localhost(page, base_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    for path in [
        "/",
        "/ru/",
        "/uk/articles/free-boris-kagarlitsky/",
        "/fr/archives/",
        "/de/404.html",
    ]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}


def test_site_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/es/")
    page.click('nav.main-nav a[href="/es/category/appeals/"]')
    page.wait_for_url(f"{base_url}/es/category/appeals/")
    page.click(".card-title a")
    page.wait_for_url(f"{base_url}/es/articles/free-boris-kagarlitsky/")
    assert page.locator("h1").inner_text().startswith("Libertad para Borís Kagarlitski")
    context.close()


def test_keyboard_reaches_skip_link_main_content_and_switcher(page, base_url):
    page.goto(f"{base_url}/ru/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-48px"  # visible
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    hrefs = []
    page.goto(f"{base_url}/ru/")
    for _ in range(12):
        page.keyboard.press("Tab")
        hrefs.append(page.evaluate("document.activeElement.getAttribute('hreflang')"))
    assert "de" in hrefs  # the language switcher is reachable by keyboard


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["/", "/ru/", "/ru/articles/free-boris-kagarlitsky/"])
def test_screenshots_and_no_horizontal_scroll(browser, base_url, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + path)
    ARTIFACTS.mkdir(exist_ok=True)
    name = (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_prisoner_link_opens_profile_in_same_language(page, base_url):
    page.goto(f"{base_url}/ru/prisoners/")
    page.click('a[href="/ru/prisoners/daria-kozyreva/"]')
    page.wait_for_url(f"{base_url}/ru/prisoners/daria-kozyreva/")
    assert page.locator("h1").inner_text() == "Дарья Козырева"
    page.click(".mentioned-in a")
    page.wait_for_url(f"{base_url}/ru/articles/free-daria-kozyreva/")


def test_name_filter_enhances_the_index(page, base_url):
    page.goto(f"{base_url}/uk/prisoners/")
    page.fill(".filter-label input", "Кагарл")
    visible = page.locator(".people-filter li[data-names]:visible")
    assert visible.count() == 1
    assert "Кагарлицький" in visible.first.inner_text()
    page.fill(".filter-label input", "Kuznetsov")  # Latin works on the Ukrainian page too
    assert page.locator(".people-filter li[data-names]:visible").count() == 1
    page.fill(".filter-label input", "zzz")
    assert page.locator(".people-filter p.empty:visible, .people-filter ~ p.empty:visible,"
                        " .filter-label ~ p.empty:visible").count() == 1


def test_index_without_javascript_uses_anchors(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/de/prisoners/")
    assert page.locator(".filter-label").count() == 0  # nothing that needs JS is shown
    page.click('.toc a[href="#status-imprisoned"]')
    assert page.evaluate("location.hash") == "#status-imprisoned"
    assert page.locator("#status-imprisoned li").count() >= 2
    context.close()
