"""Chromium on the numbers page (en, ru; screenshots of ru and de) and on the calendar
subscribe links, under the site's real Content-Security-Policy (served with `_headers`)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests import test_browser
from tests.test_browser import ARTIFACTS, AXE, CSP_LISTENER

# The served site, shared with tests/test_browser.py (a module-scoped fixture).
base_url = test_browser.base_url

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_numbers_page_shows_its_charts_without_leaving_the_site(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    hosts, failed = set(), []
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(f"{base_url}/{'' if lang == 'en' else lang + '/'}numbers/")
    page.wait_for_load_state("networkidle")
    charts = page.locator("figure.chart svg")
    assert charts.count() == 4
    for i in range(4):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 300 and box["height"] > 150, box  # drawn, not collapsed
        assert charts.nth(i).locator("text").count() > 3
    # The bars are painted in their colour: the presentation attributes are not blocked.
    fill = page.evaluate("getComputedStyle(document.querySelector("
                         "'figure.chart svg path[fill=\"#c0392b\"]')).fill")
    assert fill == "rgb(192, 57, 43)"
    assert page.locator("table.chart-data").count() == 4
    assert page.evaluate("window.__csp") == []
    assert hosts == {"127.0.0.1"} and failed == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    if lang in ("ru", "de"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"numbers-{lang}.png"), full_page=True)
    context.close()


def test_numbers_page_fits_a_phone_and_passes_axe(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base_url}/ru/numbers/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3))""")
    context.close()
    assert result == []


@pytest.mark.parametrize("path", ["/ru/prisoners/anton-orlov/", "/cases/ufa-marxist-circle/",
                                  "/de/subscribe/"])
def test_calendar_links_lead_to_calendars(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + path)
    links = page.locator('a[href$=".ics"]')
    assert links.count() >= 1
    for i in range(min(links.count(), 5)):
        href = links.nth(i).get_attribute("href")
        response = page.request.get(base_url + href)
        assert response.ok, href
        assert response.headers["content-type"].startswith("text/calendar")
        body = response.body()
        assert body.startswith(b"BEGIN:VCALENDAR\r\n"), href
    context.close()


def test_the_orlov_calendar_carries_his_hearing(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/ru/prisoners/anton-orlov/")
    href = page.locator('.follow a[href$=".ics"]').get_attribute("href")
    body = page.request.get(base_url + href).text()
    context.close()
    assert "DTSTART;VALUE=DATE:20240626" in body
    assert "UID:hearing-anton-orlov-20240626-ru@" in body
