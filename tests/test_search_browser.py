"""Issue 20 in Debian's Chromium: the search pages of the built site, served on localhost with
the site's own `_headers`, searched the way a reader searches; the same pages without
JavaScript; the mirror from `file://` and from another folder."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import quote, urlparse

import pytest

from tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    CSP_LISTENER,
    _HeadersServer,
    base_url,
    mirror,
    page,
)

pytestmark = pytest.mark.browser
PREFIX = {"en": "", "ru": "ru/", "uk": "uk/", "de": "de/", "fr": "fr/", "es": "es/"}
# The smallest valid WebAssembly module: its magic number and version.
EMPTY_WASM = "new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])"


def _search(page, url: str) -> list[str]:
    """Open a search URL and return the result links' paths, best first."""
    page.goto(url)
    page.wait_for_selector(".search.search-ready")
    page.wait_for_function("() => document.querySelector('.search-status').textContent !== ''")
    return _links(page)


def _links(page) -> list[str]:
    return page.eval_on_selector_all(".search-results li .search-result-title a",
                                     "as => as.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize(("lang", "query", "slug"), [
    ("ru", "Кагарлицкого", "boris-kagarlitsky"), ("de", "Kagarlitzki", "boris-kagarlitsky"),
    ("de", "Kagarlizki", "boris-kagarlitsky"), ("en", "Kagarlitzky", "boris-kagarlitsky"),
    ("uk", "Кагарлицький", "boris-kagarlitsky"), ("uk", "Кагарлицькому", "boris-kagarlitsky"),
    ("fr", "Kagarlitski", "boris-kagarlitsky"), ("es", "Kagarlitski", "boris-kagarlitsky"),
    ("ru", "Kagarlizki", "boris-kagarlitsky"), ("en", "Кагарлицкого", "boris-kagarlitsky"),
    ("uk", "Козирєвої", "daria-kozyreva"),  # the Ukrainian press's є for Russian е
])
def test_any_spelling_of_a_name_finds_the_profile_first(page, base_url, lang, query, slug):
    links = _search(page, f"{base_url}/{PREFIX[lang]}search/?q={quote(query)}")
    assert links, query
    assert links[0] == f"/{PREFIX[lang]}prisoners/{slug}/", (query, links[:5])
    assert all(link.startswith(f"/{PREFIX[lang]}") for link in links)  # this language only


def test_a_filter_narrows_the_results(page, base_url):
    everything = _search(page, f"{base_url}/search/?q=Kagarlitsky")
    assert len(everything) > 2
    page.select_option("select[name=category]", "appeals")
    page.wait_for_function("n => document.querySelectorAll('.search-results li').length < n",
                           arg=len(everything))
    narrowed = _links(page)
    kinds = page.eval_on_selector_all(".search-result-kind", "ps => ps.map(p => p.textContent)")
    assert 0 < len(narrowed) < len(everything)
    assert set(kinds) == {"Appeals"}
    assert "category=appeals" in page.url  # the state is in the address, to share or reload
    # A filter alone lists what it selects: the profiles of imprisoned people.
    imprisoned = _search(page, f"{base_url}/ru/search/?status=imprisoned")
    assert imprisoned and all(p.startswith("/ru/prisoners/") for p in imprisoned)
    assert "/ru/prisoners/boris-kagarlitsky/" in imprisoned
    assert "/ru/prisoners/lev-skoryakin/" not in imprisoned  # fined and released


def test_a_reader_widens_the_search_to_every_language(page, base_url):
    own = _search(page, f"{base_url}/ru/search/?q=Kagarlizki")
    assert own and all(p.startswith("/ru/") for p in own)
    page.select_option("select[name=language]", "all")
    page.wait_for_function("() => [...document.querySelectorAll('.search-result-title a')]"
                           ".some(a => new URL(a.href).pathname.startsWith('/de/'))")
    every = _links(page)
    assert {p.split("/")[1] for p in every} >= {"ru", "de", "fr"}
    page.select_option("select[name=language]", "de")
    page.wait_for_function("() => [...document.querySelectorAll('.search-result-title a')]"
                           ".every(a => new URL(a.href).pathname.startsWith('/de/'))")
    assert _links(page)[0] == "/de/prisoners/boris-kagarlitsky/"
    lang = page.eval_on_selector(".search-result-title a", "a => a.lang")
    assert lang == "de"  # a result in another language is marked as such


def test_the_header_field_searches_in_the_pages_language(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/ru/articles/free-boris-kagarlitsky/")
    field = page.locator(".site-search input[name=q]")
    assert field.is_visible()
    field.fill("Кагарлицкого")
    field.press("Enter")
    page.wait_for_url(f"{base_url}/ru/search/?q=*")
    page.wait_for_selector(".search-results li")
    assert _links(page)[0] == "/ru/prisoners/boris-kagarlitsky/"
    assert page.locator(".site-search").count() == 0  # the search page has its own field
    page.screenshot(path=str(ARTIFACTS / "search-ru-1280.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_without_javascript_the_search_page_offers_links_instead(browser, base_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/{PREFIX[lang]}articles/free-boris-kagarlitsky/")
    assert not page.locator(".site-search").is_visible()  # no field that cannot work
    page.goto(f"{base_url}/{PREFIX[lang]}search/?q=Kagarlitsky")
    assert not page.locator(".search-form").is_visible()
    assert page.locator(".search-nojs").is_visible()
    for target in ("archives/", "prisoners/"):
        assert page.locator(f'.search-fallback a[href="/{PREFIX[lang]}{target}"]').is_visible()
    tags = page.locator(f'.search-fallback a[href^="/{PREFIX[lang]}tag/"]')
    assert tags.count() >= 2 and tags.first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-nojs-{lang}.png"), full_page=True)
    tags.first.click()
    page.wait_for_url(f"{base_url}/{PREFIX[lang]}tag/*/")
    assert page.locator(".card").count() >= 1
    context.close()


def test_searching_stays_on_localhost_without_a_csp_violation(browser, base_url):
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    hosts, errors = set(), []
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(f"{base_url}/uk/search/?q={quote('Кагарлицького')}")
    assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    page.wait_for_selector(".search-results li")
    page.select_option("select[name=language]", "all")
    page.select_option("select[name=category]", "appeals")
    page.wait_for_function("() => [...document.querySelectorAll('.search-result-title a')]"
                           ".some(a => a.lang !== 'uk')")
    page.wait_for_load_state("networkidle")
    assert hosts == {"127.0.0.1"}
    assert page.evaluate("window.__csp") == []
    assert errors == []
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any("/pagefind/wasm.uk" in u or "/pagefind/wasm.unknown" in u for u in fetched)
    context.close()


def test_webassembly_runs_on_the_search_page_only(page, base_url):
    compile_ = f"WebAssembly.compile({EMPTY_WASM}).then(() => 'ran', e => e.message)"
    page.goto(f"{base_url}/ru/search/")
    assert page.evaluate(compile_) == "ran"
    for path in ("/ru/archives/", "/ru/prisoners/boris-kagarlitsky/", "/"):
        page.goto(base_url + path)
        refused = page.evaluate(compile_)
        assert refused != "ran" and "Content Security Policy" in refused, path


def test_from_file_the_mirror_shows_the_links_instead_of_a_broken_box(browser, mirror):
    context = browser.new_context()
    page = context.new_page()
    page.goto((mirror / "ru/articles/free-boris-kagarlitsky/index.html").as_uri())
    page.wait_for_load_state("load")
    assert not page.locator(".site-search").is_visible()  # no field where search cannot run
    page.goto((mirror / "ru/search/index.html").as_uri() + "?q=x")
    page.wait_for_selector(".search.search-failed", timeout=25000)
    assert not page.locator(".search-form").is_visible()
    said = page.locator(".search-status").inner_text()
    assert said and said == page.locator("[data-search]").get_attribute("data-msg-failed")
    links = page.locator(".search-fallback a")
    assert links.count() >= 4
    page.screenshot(path=str(ARTIFACTS / "search-mirror-file.png"), full_page=True)
    page.click('.search-fallback a[href$="prisoners/index.html"]')
    page.wait_for_url((mirror / "ru/prisoners/index.html").as_uri())
    context.close()


def test_a_mirror_served_from_another_folder_searches_and_links_files(browser, mirror):
    handler = functools.partial(type("Handler", (_HeadersServer,), {"rules": []}),
                                directory=str(mirror.parent))  # no _headers: the meta policy
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/{mirror.name}"
        context = browser.new_context()
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        links = _search(page, f"{base}/de/search/index.html?q=Kagarlitzki")
        assert links[0] == f"/{mirror.name}/de/prisoners/boris-kagarlitsky/index.html"
        page.click(".search-result-title a")
        page.wait_for_url(f"{base}/de/prisoners/boris-kagarlitsky/index.html")
        assert page.locator("h1").inner_text() == "Boris Kagarlizki"
        assert page.evaluate("window.__csp") == []
        context.close()
    finally:
        server.shutdown()
