"""Defence in depth, in Chromium: hostile markup planted straight into built pages (as if
escaping or sanitising had failed) is stopped by the Content-Security-Policy each page carries
in its <meta>, with no `_headers` file in play: the site served by a plain static server that
sends no security headers, and the mirror build opened from file://.

Every request Chromium would send to another host goes through a recording proxy on localhost
(loopback requests go directly), so "no request leaves localhost" is measured on the wire, not
inferred from the page. The proxy also sees Chromium's own calls to Google services
(accounts.google.com, content-autofill…), which no page causes; a request counts as the page's
when its host is one the page asked for (Playwright's request events)."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from tests.test_browser import CHROMIUM, CSP_LISTENER, FLAGS, mirror  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

# Each would run script or make the browser contact another host if the page had no policy.
# (A <meta http-equiv=refresh> or preconnect hint is not something any CSP stops: site_checks
# refuses those before a site goes live.)
HOSTILE = """
<script>document.title = 'pwned'; window.__pwned = 'inline script';</script>
<img alt="" src="missing.png" onerror="window.__pwned = 'event handler'">
<img alt="" src="http://tracker.example/pixel.png">
<img alt="" src="missing.png" srcset="http://tracker.example/srcset.png 1x">
<svg><image href="http://tracker.example/svg-image.png" width="1" height="1"/></svg>
<script src="http://tracker.example/script.js"></script>
<link rel="stylesheet" href="http://tracker.example/style.css">
<style>@import "http://tracker.example/import.css";
main { background: url(http://tracker.example/bg.png) }</style>
<div style="background-image: url(http://tracker.example/style-attr.png)">x</div>
<iframe src="http://tracker.example/frame.html"></iframe>
<iframe src="javascript:parent.window.__pwned = 'javascript url'"></iframe>
<object data="http://tracker.example/object"></object>
<embed src="http://tracker.example/embed">
<video poster="http://tracker.example/poster.png" src="http://tracker.example/v.mp4"></video>
<input type="image" alt="" src="http://tracker.example/input.png">
"""
PAGES = ["index.html", "ru/articles/free-boris-kagarlitsky/index.html",
         "uk/prisoners/index.html"]


class _Trap(BaseHTTPRequestHandler):
    """A proxy that forwards nothing: it records each request and answers 204."""

    seen: list[str] = []

    def _record(self):
        self.seen.append(f"{self.command} {self.path}")
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = do_OPTIONS = _record

    def log_message(self, *args):
        pass


def _serve(handler) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture(scope="module")
def trap():
    handler = type("Trap", (_Trap,), {"seen": []})
    server, port = _serve(handler)
    yield handler.seen, f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(trap):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS,
                                     proxy={"server": trap[1], "bypass": "127.0.0.1"})
        yield browser
        browser.close()


def _plant(site: Path) -> dict[str, str]:
    """Put HOSTILE into PAGES (right after <main …>); returns each page's own title."""
    titles = {}
    for rel in PAGES:
        page = site / rel
        html = page.read_text(encoding="utf-8")
        titles[rel] = lxml.html.fromstring(html).findtext(".//title")
        start = html.index("<main")
        end = html.index(">", start) + 1
        page.write_text(html[:end] + HOSTILE + html[end:], encoding="utf-8")
    return titles


@pytest.fixture(scope="module")
def hostile_site(site, tmp_path_factory):
    """The sample site with HOSTILE planted, without `_headers`, behind a plain static server."""
    out = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(site.out_dir, out)
    (out / "_headers").unlink()
    titles = _plant(out)
    plain = functools.partial(type("Plain", (SimpleHTTPRequestHandler,),
                                   {"log_message": lambda *a: None}), directory=str(out))
    server, port = _serve(plain)
    yield f"http://127.0.0.1:{port}", titles
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_mirror(mirror, tmp_path_factory):  # noqa: F811
    out = tmp_path_factory.mktemp("hostile-mirror") / "site"
    shutil.copytree(mirror, out)
    return out, _plant(out)


def _visit(browser, trap, url: str) -> dict:
    """Open url with a fresh context; what ran, what the policy reported, what left."""
    seen = trap[0]
    seen.clear()
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER + "window.__pwned = undefined;")
    page = context.new_page()
    asked = set()
    page.on("request", lambda r: asked.add(urlsplit(r.url).netloc))
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # frames and media settle
    result = {
        "headers": response.headers if response else {},
        "title": page.title(),
        "pwned": page.evaluate("window.__pwned === undefined ? null : window.__pwned"),
        "violations": page.evaluate("window.__csp"),
        "styled": page.evaluate(
            "getComputedStyle(document.querySelector('.skip-link')).position"),
        "asked": asked - {"", urlsplit(url).netloc},
        "left": [line for line in seen
                 if urlsplit("//" + line.split()[1].split("//")[-1]).hostname
                 in {urlsplit("//" + a).hostname for a in asked}],
    }
    context.close()
    return result


def _assert_contained(result: dict, title: str) -> None:
    assert result["asked"] == {"tracker.example"}, "the planted markup did ask"
    # nothing ran (no global set, title unchanged) and nothing reached another host
    assert (result["pwned"], result["title"], result["left"]) == (None, title, [])
    blocked = {v.split()[0] for v in result["violations"]}
    # the policy, not luck, stopped them: scripts, images, styles, frames, objects, media
    assert {"script-src-elem", "img-src", "style-src-elem", "frame-src", "object-src",
            "media-src"} <= blocked, result["violations"]
    assert result["styled"] == "absolute", "the site's own stylesheet still loads"


@pytest.mark.parametrize("rel", PAGES)
def test_planted_markup_neither_runs_nor_calls_out_without_headers(browser, trap, hostile_site,
                                                                   rel):
    base, titles = hostile_site
    result = _visit(browser, trap, f"{base}/{rel.removesuffix('index.html')}")
    assert "content-security-policy" not in result["headers"]  # no `_headers` in play
    _assert_contained(result, titles[rel])


@pytest.mark.parametrize("rel", PAGES)
def test_planted_markup_neither_runs_nor_calls_out_in_the_mirror_from_file_urls(
        browser, trap, hostile_mirror, rel):
    out, titles = hostile_mirror
    _assert_contained(_visit(browser, trap, (out / rel).as_uri()), titles[rel])


def test_the_mirror_keeps_working_under_its_meta_policy_from_file_urls(browser, trap,
                                                                       hostile_mirror):
    """'self' on file:// covers the mirror's own stylesheet and script (Chromium)."""
    out, _ = hostile_mirror
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto((out / "de/prisoners/index.html").as_uri())
    page.fill(".filter-label input", "Kagarlizki")  # the filter script loaded and runs
    assert page.locator(".people-filter li[data-names]:visible").count() == 1
    assert page.evaluate("window.__csp") == []
    context.close()
