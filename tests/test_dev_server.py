"""`make serve` (tools/dev_server.py): a saved article's page is written first, then the rest
of the site; the open tab reloads itself through a same-origin script that only the dev server
adds to its responses, never to a built or published site."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from bench.serve import DevServer
from tests.sitebuild import ROOT, settings_with
from tests.test_tasks import invoke, project  # noqa: F401 (a fixture)

ARTICLE = "articles/2024/free-boris-kagarlitsky.md"
PAGE = "articles/free-boris-kagarlitsky/index.html"
MARKERS = ("__dev__", "dev_reload")


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    """The sample site, copied, served by the dev server into a temporary folder."""
    tmp = tmp_path_factory.mktemp("dev")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    settings = settings_with(tmp / "dev.py", CACHE_PATH=str(tmp / "cache" / "pelican"),
                             PRISONER_LINKS_CACHE=str(tmp / "cache"))
    server = DevServer(content, tmp / "out", settings)
    server.content = content
    yield server
    server.stop()


def _insert(article: Path, sentence: str) -> None:
    """An editor's change to the first paragraph (the text listings and feeds show too)."""
    header, _, body = article.read_text(encoding="utf-8").partition("\n\n")
    article.write_text(f"{header}\n\n{sentence}\n\n{body}", encoding="utf-8")


def test_a_saved_article_is_written_first_then_the_rest_of_the_site(dev):
    since = dev.changes(0)["version"]
    _insert(dev.content / ARTICLE, "The editor added this sentence 7741.")
    steps = dev.wait_for_build(since)
    first = steps[0]
    assert first["step"] == "page", steps
    assert "/articles/free-boris-kagarlitsky/" in first["paths"]
    assert "/" not in first["paths"]  # the listings come with the normal build, after it
    assert steps[-1]["step"] == "build"
    assert "/feeds/all.atom.xml" in steps[-1]["paths"]  # the rest: feeds carry the full text
    page = (dev.out / PAGE).read_text(encoding="utf-8")
    assert "The editor added this sentence 7741." in page
    # Linked as in the build: the page still links the person it names to the profile.
    assert 'href="/prisoners/boris-kagarlitsky/"' in page
    assert "The editor added this sentence 7741." in \
        (dev.out / "feeds/all.atom.xml").read_text(encoding="utf-8")


# Besides its text, what the build gives an article's page: the action box (plugins/actions,
# from its Action file), and the language switcher's progress of a catalogue not published
# yet (German at 33 %: a new paragraph is untranslated, so the percentage falls).
@pytest.mark.parametrize(("article", "page", "shown"), [
    (ARTICLE, PAGE, 'class="action-box'),
    ("articles/2024/mikheev-detained.md", "articles/mikheev-detained/index.html",
     "Translation in progress ("),
])
def test_the_page_written_first_is_the_one_the_build_keeps(dev, article, page, shown):
    """The edited page is on disk before the normal build starts, and that build, making
    the whole site from the same text, leaves exactly those bytes there."""
    since = dev.changes(0)["version"]
    _insert(dev.content / article, "A second correction 3318.")
    steps = dev.wait_for_build(since)
    first, build = steps[0], steps[-1]
    assert (first["step"], build["step"]) == ("page", "build"), steps
    final = (dev.out / page).read_bytes()
    assert b"A second correction 3318." in final and shown.encode() in final
    # What the page step wrote (its hash, taken right after writing) is the final page.
    assert first["files"] == {page: hashlib.sha256(final).hexdigest()}
    # Written before the build started; the build, rendering the same bytes, left the file
    # alone (the writer replaces a file only when its bytes differ).
    assert (dev.out / page).stat().st_mtime_ns < build["started"]


def test_the_first_write_shows_a_versions_progress_rounded_down_as_the_build_does(dev):
    """The language switcher's "Translation in progress (N%" of a German catalogue not
    published: the page written first gives N as the build does, rounded down
    (catalogs.Stats.shown_percent); it rounded to nearest (1 of 6 segments: 17 % there,
    16 % in the build, which then rewrote the page)."""
    from content_i18n.workflow import document_stats

    article = dev.content / "articles/2024/mikheev-detained.md"
    counted = document_stats(article, ROOT / "translations/content/de/mikheev-detained.po",
                             "de", dev.content, None)
    # Enough new (untranslated) paragraphs that the percent's fraction is .5 or more.
    added = next(k for k in range(1, 50)
                 if (100 * counted.translated / (counted.total + k)) % 1 >= 0.5)
    percent = 100 * counted.translated // (counted.total + added)
    since = dev.changes(0)["version"]
    _insert(article, "\n\n".join(f"New paragraph {i} 5093." for i in range(added)))
    steps = dev.wait_for_build(since)
    first, build = steps[0], steps[-1]
    assert (first["step"], build["step"]) == ("page", "build"), steps
    page = "articles/mikheev-detained/index.html"
    final = (dev.out / page).read_bytes()
    assert f"Translation in progress ({percent}%".encode() in final
    assert first["files"] == {page: hashlib.sha256(final).hexdigest()}


def test_a_saved_translations_internal_link_leads_to_its_language_from_the_first_write(dev):
    """A Russian translation (a Markdown file) gets a link to the English address of "who
    needs a letter now": the page written first already leads to the Russian one
    (plugins/multilang/links.py), as the build then writes it."""
    page = "ru/articles/free-daria-kozyreva/index.html"
    since = dev.changes(0)["version"]
    _insert(dev.content / "articles/2024/free-daria-kozyreva.ru.md",
            "Напишите ей: [кому нужно письмо](/letters/now/) 6120.")
    steps = dev.wait_for_build(since)
    first, build = steps[0], steps[-1]
    assert (first["step"], build["step"]) == ("page", "build"), steps
    final = (dev.out / page).read_bytes()
    assert '<a href="/ru/letters/now/">кому нужно письмо</a> 6120'.encode() in final
    assert first["files"] == {page: hashlib.sha256(final).hexdigest()}


def test_a_page_whose_title_changes_goes_to_the_whole_build(dev):
    """A page's title is in every page's menu (kept from the last build), so a page written
    first would show the old title in its own menu: the whole build writes it instead."""
    about = dev.content / "pages/about.md"
    since = dev.changes(0)["version"]
    about.write_text(about.read_text(encoding="utf-8").replace(
        "Title: About", "Title: About us 4417", 1), encoding="utf-8")
    steps = dev.wait_for_build(since)
    assert [s["step"] for s in steps] == ["build"], steps
    page = (dev.out / "about/index.html").read_text(encoding="utf-8")
    assert page.count("About us 4417") >= 2  # its heading and the menu link


def test_the_reload_script_is_only_in_the_served_responses(dev):
    with urlopen(f"{dev.base}/articles/free-boris-kagarlitsky/") as response:
        served = response.read().decode()
        csp = response.headers["Content-Security-Policy"]
    assert '<script src="/__dev__/reload.js"' in served
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    on_disk = [p for p in dev.out.rglob("*") if p.is_file()
               and any(m.encode() in p.read_bytes() for m in MARKERS)]
    assert on_disk == []


def test_head_and_get_agree_on_the_headers_of_what_is_served(dev):
    """A HEAD request gets the headers a GET gets, Content-Length included: for a page (its
    body carries the added reload script), the reload script itself and a plain file."""
    from urllib.request import Request

    for path in ("/articles/free-boris-kagarlitsky/", "/__dev__/reload.js", "/robots.txt"):
        with urlopen(f"{dev.base}{path}") as got:
            body = got.read()
            get_headers = {k: v for k, v in got.headers.items() if k != "Date"}
        with urlopen(Request(f"{dev.base}{path}", method="HEAD")) as head:
            assert head.read() == b"", path
            head_headers = {k: v for k, v in head.headers.items() if k != "Date"}
        assert head_headers == get_headers, path
        assert int(head_headers["Content-Length"]) == len(body), path


def test_changes_reads_only_a_plain_number_after_since(dev):
    """`?since=` takes ASCII digits; anything else ("²" is a digit to str.isdigit but not to
    int(), which crashed the request handler) counts as 0."""
    import json
    from urllib.parse import quote

    for raw in ("\u00b2", "-1", "x", ""):
        with urlopen(f"{dev.base}/__dev__/changes?since={quote(raw)}") as got:
            assert got.status == 200, raw
            assert isinstance(json.loads(got.read()), (list, dict)), raw


def _no_reload_script(out: Path) -> list[str]:
    return [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
            and (p.name == "dev_reload.js" or any(m.encode() in p.read_bytes()
                                                    for m in MARKERS))]


def test_published_and_built_sites_never_contain_the_reload_script(published_site, project):  # noqa: F811
    assert _no_reload_script(published_site.out_dir) == []
    proc = invoke(project, "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _no_reload_script(project / "output") == []
    assert (project / "output" / PAGE).is_file()  # it did build the site


def _text(page) -> str:
    try:
        return page.inner_text("main", timeout=1000)
    except Exception:  # noqa: BLE001 (the tab is between two documents while it reloads)
        return ""


@pytest.mark.browser
def test_the_open_tab_reloads_itself_with_the_new_text(dev):
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            blocked: list[str] = []
            page.on("console", lambda m: blocked.append(m.text)
                    if "Content Security Policy" in m.text else None)
            loads: list[str] = []
            page.on("load", lambda p: loads.append(p.url))
            response = page.goto(f"{dev.base}/articles/free-boris-kagarlitsky/")
            assert "script-src 'self'" in response.headers["content-security-policy"]
            # The reload script has asked for changes once (it polls, so the network is
            # never idle): the tab is listening before the file is saved.
            page.wait_for_event("requestfinished", lambda r: "/__dev__/changes" in r.url)
            assert "A sentence the open tab must show 9052." not in page.inner_text("main")
            _insert(dev.content / ARTICLE, "A sentence the open tab must show 9052.")
            # Polled from here: the site's CSP forbids the eval behind wait_for_function.
            end = time.monotonic() + 120
            while "A sentence the open tab must show 9052." not in _text(page):
                assert time.monotonic() < end, "the tab never showed the edit"
                page.wait_for_timeout(100)
            # The new text is there once the reloaded document is parsed; its load event
            # (counted below) may come a moment later.
            page.wait_for_load_state("load")
            assert len(loads) >= 2  # the tab reloaded itself; nobody navigated it
            assert blocked == []  # the reload script and its requests pass the site's CSP
        finally:
            browser.close()
