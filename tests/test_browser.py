"""Real headless Chromium (Debian's, via Playwright) against the built site on localhost."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


AXE = ROOT / "node_modules/axe-core/axe.min.js"


def parse_headers_file(path: Path) -> list[tuple[str, dict[str, str]]]:
    """The site's own `_headers` file (Netlify/Cloudflare Pages format): [(pattern, headers)]."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class _HeadersServer(SimpleHTTPRequestHandler):
    """Serves the built site with the headers its `_headers` file gives, as a static host
    would: the browser tests then run under the real Content-Security-Policy."""

    rules: list[tuple[str, dict[str, str]]] = []

    def end_headers(self):
        # As Netlify applies `_headers`: a later matching rule's header replaces an earlier
        # one's (the search pages' wider policy replaces the site-wide one).
        path = urlparse(self.path).path
        merged: dict[str, str] = {}
        for pattern, headers in self.rules:
            if _matches(pattern, path):
                merged.update(headers)
        for name, value in merged.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):  # keep pytest output readable
        pass


@contextmanager
def served(out: Path) -> Iterator[str]:
    """The built site in `out` on a localhost port, with the headers its `_headers` gives;
    yields the base URL (no trailing slash). Shared by every browser test module."""
    rules = parse_headers_file(out / "_headers")
    handler = functools.partial(type("Handler", (_HeadersServer,), {"rules": rules}),
                                directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def chromium_browser() -> Iterator:
    """Debian's Chromium driven by Playwright, with the suite's flags."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "tools/install-system-deps.sh installs Debian's chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def base_url(site):
    rules = parse_headers_file(site.out_dir / "_headers")
    assert rules and "Content-Security-Policy" in rules[0][1]
    with served(site.out_dir) as url:
        yield url


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
@pytest.mark.parametrize("path", ["/", "/ru/", "/ru/articles/free-boris-kagarlitsky/",
                                  "/prisoners/boris-kagarlitsky/",
                                  "/ru/prisoners/boris-kagarlitsky/"])
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
    # Under his status and under his case ("By case" is filtered too).
    assert page.locator(".people-filter li[data-names]:visible").count() == 2
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


# Records CSP violations the page reports (an init script runs outside the page's CSP).
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


def test_pages_run_under_the_strict_csp_without_a_violation(browser, base_url):
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    for path in ["/", "/ru/articles/free-boris-kagarlitsky/", "/ru/prisoners/boris-kagarlitsky/",
                 "/uk/prisoners/", "/de/translate/", "/blocked/", "/fr/subscribe/"]:
        response = page.goto(base_url + path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-content-type-options"] == "nosniff"
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == [], path
        # the stylesheet and the script were allowed, not silently blocked
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")\
            == "absolute"
    page.goto(f"{base_url}/uk/prisoners/")
    page.fill(".filter-label input", "Кагарл")  # the deferred script runs under the CSP
    assert page.locator(".people-filter li[data-names]:visible").count() == 1
    assert page.evaluate("window.__csp") == []
    assert console == []
    context.close()


def test_the_csp_really_blocks_an_inline_script(browser, base_url, site):
    """The policy is live in these tests: a planted inline script is refused and reported."""
    planted = site.out_dir / "csp-probe.html"
    planted.write_text("<!DOCTYPE html><html lang=en><title>p</title><p id=p>before</p>"
                       "<script>document.getElementById('p').textContent='ran'</script>",
                       encoding="utf-8")
    try:
        context = browser.new_context()
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.goto(f"{base_url}/csp-probe.html")
        assert page.locator("#p").inner_text() == "before"
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        context.close()
    finally:
        planted.unlink()


def test_feed_discovery_links_lead_to_feeds(page, base_url):
    page.goto(f"{base_url}/ru/articles/free-boris-kagarlitsky/")
    feeds = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert feeds.count() >= 1
    href = feeds.first.get_attribute("href")
    response = page.request.get(href if href.startswith("http") else base_url + href)
    assert response.ok and b"<feed" in response.body()
    assert page.locator('link[rel="alternate"][type="application/rss+xml"]').count() >= 1


def axe_run(page) -> dict:
    """axe-core run on the page (its context must bypass the CSP): {"violations": [{id,
    impact, nodes (up to 5 selectors)}], "rules": how many rules ran}."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return {violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                 nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})),
                rules: r.passes.length + r.violations.length + r.incomplete.length};
    }""")


AXE_PAGES = ["/", "/articles/free-boris-kagarlitsky/", "/prisoners/boris-kagarlitsky/",
             "/prisoners/"]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser, base_url, lang, path):
    # axe is injected by the test, so this context alone lets an injected script past the CSP.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + ("" if lang == "en" else f"/{lang}") + path)
    result = axe_run(page)
    context.close()
    assert result["rules"] > 20  # axe really ran its rule set
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad


def test_axe_does_report_a_planted_violation(browser, base_url, site):
    planted = site.out_dir / "axe-probe.html"
    planted.write_text('<!DOCTYPE html><html lang="en"><title>p</title><main>'
                       '<img src="x.png"><a href="/"></a></main>', encoding="utf-8")
    try:
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(f"{base_url}/axe-probe.html")
        page.add_script_tag(path=str(AXE))
        ids = page.evaluate("async () => (await axe.run()).violations"
                            ".filter(v => ['serious', 'critical'].includes(v.impact))"
                            ".map(v => v.id)")
        context.close()
    finally:
        planted.unlink()
    assert {"image-alt", "link-name"} <= set(ids)


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """The mirror build (`invoke build --mirror` runs the same Pelican command)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("mirror") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(out),
         "-e", "MIRROR_BUILD=true"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_mirror_works_from_file_urls_across_languages(browser, mirror):
    context = browser.new_context()
    page = context.new_page()
    schemes = set()
    page.on("request", lambda r: schemes.add(urlparse(r.url).scheme))
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto((mirror / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") \
        == "absolute", "the stylesheet loads from file://"
    page.click('nav.languages a[hreflang="ru"]')
    page.wait_for_url((mirror / "ru/index.html").as_uri())
    page.click('nav.main-nav a[href$="prisoners/index.html"]')
    page.wait_for_url((mirror / "ru/prisoners/index.html").as_uri())
    page.click('a[href="boris-kagarlitsky/index.html"]')
    page.wait_for_url((mirror / "ru/prisoners/boris-kagarlitsky/index.html").as_uri())
    assert page.locator("h1").inner_text() == "Борис Кагарлицкий"
    page.click('nav.languages a[hreflang="de"]')
    page.wait_for_url((mirror / "de/prisoners/boris-kagarlitsky/index.html").as_uri())
    page.click(".mentioned-in a")
    assert page.url.startswith((mirror / "de/articles").as_uri())
    assert page.locator("h1").count() == 1
    assert schemes == {"file"} and failed == []
    context.close()


# ---- Issue 17B: small screens, print, favicon, the name filter, language homes ---------------
PHONE, DESKTOP = 375, 1280
LANG_PREFIX = {"en": "", "ru": "ru/", "uk": "uk/"}


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
@pytest.mark.parametrize("kind", ["", "articles/free-boris-kagarlitsky/",
                                  "prisoners/boris-kagarlitsky/", "prisoners/"])
def test_header_takes_at_most_160px_on_a_phone_and_opens_without_javascript(browser, base_url,
                                                                           lang, kind):
    context = browser.new_context(viewport={"width": PHONE, "height": 800},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{LANG_PREFIX[lang]}{kind}")
    header = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert header <= 160, f"{header}px of header before the main content"
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"header-{lang}-{kind.strip('/').replace('/', '_') or 'home'}-{PHONE}.png"
    page.screenshot(path=str(ARTIFACTS / name))
    nav = page.locator("nav.main-nav a").first
    assert not nav.is_visible()  # behind the "Menu" disclosure
    page.click(".nav-menu > summary")
    assert nav.is_visible()
    assert page.locator(f'nav.main-nav a[href="/{LANG_PREFIX[lang]}prisoners/"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    context.close()


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_navigation_is_open_on_wide_screens(browser, base_url, lang):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/{LANG_PREFIX[lang]}")
    assert not page.locator(".nav-menu > summary").is_visible()
    links = page.locator("nav.main-nav a")
    assert links.count() >= 10 and all(links.nth(i).is_visible() for i in range(links.count()))
    page.screenshot(path=str(ARTIFACTS / f"header-{lang}-home-{DESKTOP}.png"))
    context.close()


def test_favicon_svg_and_ico_and_no_404_on_a_visit(page, base_url):
    statuses = {}
    page.on("response", lambda r: statuses.setdefault(urlparse(r.url).path, r.status))
    page.goto(f"{base_url}/ru/")
    page.wait_for_load_state("networkidle")
    icons = page.eval_on_selector_all('link[rel="icon"]', "ls => ls.map(l => l.href)")
    assert any(i.endswith(".svg") for i in icons) and any(i.endswith(".ico") for i in icons)
    for href in [*icons, f"{base_url}/favicon.ico"]:
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith("image/"), href
    ico = page.request.get(f"{base_url}/favicon.ico").body()
    assert ico[:4] == b"\0\0\1\0"  # an ICO container (ICONDIR, type 1)
    assert 404 not in statuses.values(), statuses


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_print_drops_navigation_and_footer_links_and_prints_address_and_date(browser, base_url,
                                                                            lang):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    path = f"/{LANG_PREFIX[lang]}articles/free-boris-kagarlitsky/"
    page.goto(base_url + path)
    assert not page.locator(".print-source").is_visible()  # on screen: not shown
    page.emulate_media(media="print")
    assert not page.locator("nav.main-nav a, nav.languages a").first.is_visible()
    footer_links = page.locator(".site-footer a")
    assert not any(footer_links.nth(i).is_visible() for i in range(footer_links.count()))
    assert page.locator(".site-footer .footer-license").is_visible()
    source = page.locator(".print-source")
    assert source.is_visible()
    text = source.inner_text()
    assert path in text and text.startswith("http")
    date = page.locator("article time, .meta time").first.inner_text()
    assert date in text, (date, text)
    page.pdf(path=str(ARTIFACTS / f"print-{lang}-article.pdf"))
    context.close()


def test_name_filter_covers_every_section_and_both_scripts(page, base_url):
    page.goto(f"{base_url}/ru/prisoners/")
    field = page.locator(".filter-label input")
    field.fill("Zzz")
    assert page.locator("main li[data-names]:visible").count() == 0
    assert not page.locator("#by-case").is_visible()
    assert page.locator(".filter-label ~ p.empty").is_visible()
    field.fill("Kurlow")  # the German spelling, on the Russian page
    names = page.locator("main li[data-names]:visible")
    assert names.count() == 2  # under its status and under its case
    assert all("Курлов" in names.nth(i).inner_text() for i in range(2))
    assert page.locator("#case-kuznetsov-case").is_visible()
    assert not page.locator("#case-ufa-marxist-circle").is_visible()
    field.fill("")
    assert page.locator("#case-ufa-marxist-circle").is_visible()
    page.goto(f"{base_url}/prisoners/")
    page.locator(".filter-label input").fill("Чувилин")  # Cyrillic on the English page
    visible = page.locator("main li[data-names]:visible")
    assert visible.count() == 2 and "Dmitry Chuvilin" in visible.first.inner_text()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_language_home_shows_newer_texts_not_yet_translated(browser, base_url, width, lang):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/{LANG_PREFIX[lang]}")
    section = page.locator("section.not-translated")
    assert section.is_visible()
    # Above the language's own list, so the news is what the reader sees first.
    first_card = page.locator("main .card").first
    assert section.locator(".card").first.bounding_box()["y"] == first_card.bounding_box()["y"]
    title = section.locator(".card-title").first
    assert title.get_attribute("lang") == "en"
    page.screenshot(path=str(ARTIFACTS / f"home-not-translated-{lang}-{width}.png"),
                    full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    section.locator('a[href*="/translate/"]').first.click()
    page.wait_for_url(f"{base_url}/{LANG_PREFIX[lang]}translate/#text-*")
    anchor = page.evaluate("location.hash")
    assert page.locator(f"tr{anchor}").is_visible()
    context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_profiles_say_how_old_a_status_is_and_what_to_do_instead_of_writing(browser, base_url,
                                                                           lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    prefix = LANG_PREFIX[lang]
    page.goto(f"{base_url}/{prefix}prisoners/alexey-kurlov/")
    stale = page.locator(".status-line .stale-note")
    assert stale.is_visible() and "2021" in stale.inner_text()
    assert page.locator(".status-line .status-stale").is_visible()
    assert page.locator('#write .support-groups a[href="https://ovd.info/"]').is_visible()
    page.screenshot(path=str(ARTIFACTS / f"profile-stale-{lang}-{width}.png"), full_page=True)
    page.goto(f"{base_url}/{prefix}prisoners/lev-skoryakin/")
    write = page.locator("#write")
    assert write.locator(".letters-closed").is_visible()
    assert write.locator(f'a[href="/{prefix}how-to-write/"]').count() == 0
    assert write.locator("ul.instead a").count() >= 3
    write.locator('ul.instead a[href="#h-mentioned"]').click()
    assert page.evaluate("location.hash") == "#h-mentioned"
    shot = ARTIFACTS / f"profile-do-not-write-{lang}-{width}.png"
    page.locator("#write").screenshot(path=str(shot))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


# Every page kind, for the English-leak scan (issue 17, item 1; tests/english_leaks.py);
# chilikin-released is a catalogue translation in ru and uk, the others are Markdown files.
LEAK_SCAN_PAGES = ["", "articles/free-boris-kagarlitsky/", "articles/chilikin-released/",
                   "about/", "category/appeals/", "tag/{tag}/", "archives/", "404.html",
                   "prisoners/", "prisoners/boris-kagarlitsky/", "prisoners/azat-miftakhov/",
                   "cases/tyumen-case/", "subscribe/", "partners/", "blocked/", "translate/"]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_english_leak_scan_in_chromium(browser, base_url, site, lang, width):
    """What Chromium renders (text and shown attributes, by each node's nearest `lang`) has
    no English UI or registry string outside lang="en"; a screenshot of every page kind is
    kept. English pages are rendered and photographed (nothing there can leak English)."""
    from tests.english_leaks import SCRIPT, SHOWN, english_strings, leaks_in_text

    strings = english_strings(lang) if lang != "en" else ()
    prefix = "" if lang == "en" else f"{lang}/"
    tag = site.html(f"{prefix}articles/free-boris-kagarlitsky/index.html").select_one(
        'a[rel="tag"]')["href"].rstrip("/").rsplit("/", 1)[-1]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for path in LEAK_SCAN_PAGES:
        path = path.format(tag=tag)
        page.goto(f"{base_url}/{prefix}{path}")
        assert page.locator("html").get_attribute("lang") == lang, path
        text = page.evaluate(SCRIPT, list(SHOWN))
        assert lang == "en" or len(text) > 40, path  # the scan saw the page
        leaks = leaks_in_text(text, strings)
        if leaks:
            found[path] = leaks
        name = (path.strip("/").replace("/", "_").replace(".html", "") or "home")
        page.screenshot(path=str(ARTIFACTS / f"leak-scan-{lang}-{name}-{width}.png"),
                        full_page=True)
    context.close()
    assert not found, found
