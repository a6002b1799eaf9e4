"""A real feed reader: Debian's newsboat (installed by tools/install-system-deps.sh) reloads
the built feeds from a local HTTP server, and the tests read what it stored in its cache
database, as a subscriber's reader would show it."""

from __future__ import annotations

import html as html_lib
import re
import sqlite3
import urllib.request

import pytest

import pelicanconf as conf
from tests.feed_tools import newsboat, serve
from tests.sitebuild import ROOT, run_pelican, settings_with


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample site built for, and served at, a local address; yields (URL, out dir)."""
    base = tmp_path_factory.mktemp("served")
    out = base / "out"
    out.mkdir()
    with serve(out) as url:
        settings = settings_with(base / "local.py", SITEURL=url, FEED_SITEURL=url)
        build = run_pelican(ROOT / "content", out, settings=settings)
        assert build.returncode == 0, build.output
        yield url, out


def _items(cache) -> list[tuple[str, str, str]]:
    with sqlite3.connect(cache) as db:
        return list(db.execute("SELECT feedurl, title, url FROM rss_item ORDER BY id"))


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (localhost)
        return response.read().decode("utf-8")


def _opened(url: str) -> tuple[str, str]:
    """(the <html lang>, the <h1> text) of the page a reader opens for an item."""
    html = _page(url)
    lang = re.search(r'<html lang="([^"]+)"', html).group(1)
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
    return lang, " ".join(html_lib.unescape(h1).split())


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_newsboat_stores_items_that_open_the_feeds_language(served, tmp_path, lang):
    url, _out = served
    prefix = "" if lang == conf.DEFAULT_LANG else f"{lang}/"
    feeds = [f"{url}/{prefix}feeds/all.rss.xml", f"{url}/{prefix}feeds/all.atom.xml"]
    # One cache per feed: newsboat keeps one item per guid, and RSS and Atom share the ids.
    by_feed = {feed: {(title, link) for _f, title, link in
                      _items(newsboat(tmp_path / f"newsboat-{n}", "-x", "reload", urls=[feed]))}
               for n, feed in enumerate(feeds)}
    assert len(by_feed[feeds[0]]) >= 10
    assert by_feed[feeds[0]] == by_feed[feeds[1]]  # RSS and Atom give the reader the same
    for title, link in by_feed[feeds[0]]:
        assert link.startswith(f"{url}/{prefix}"), (title, link)
        page_lang, heading = _opened(link)
        assert page_lang == lang, (title, link)
        assert " ".join(title.split()) == heading, link
    with sqlite3.connect(tmp_path / "newsboat-0/cache.db") as db:
        titles = dict(db.execute("SELECT rssurl, title FROM rss_feed"))
    expected = {"en": "Left Political Prisoners", "ru": "Левые политзаключённые"}[lang]
    assert titles[feeds[0]].startswith(expected)


def test_newsboat_imports_the_russian_opml_and_every_item_opens_in_russian(served, tmp_path):
    url, out = served
    home = tmp_path / "newsboat"
    newsboat(home, "-i", str(out / "ru/feeds/feeds.opml"))
    lines = [line for line in (home / "urls").read_text(encoding="utf-8").splitlines() if line]
    feeds = [line.split()[0] for line in lines]
    folders = {line.split()[0]: line.split(" ", 1)[1] for line in lines}  # OPML folder: a tag
    from ui_i18n.catalogs import translator

    _ = translator(conf.__dict__, "ru").gettext
    assert folders[f"{url}/ru/feeds/prisoners/boris-kagarlitsky.atom.xml"] == f'"{_("By person")}"'
    assert folders[f"{url}/ru/feeds/category/appeals.atom.xml"] == f'"{_("By section")}"'
    assert folders[f"{url}/feeds/global.atom.xml"] == f'"{_("All languages")}"'
    assert f"{url}/ru/feeds/all.atom.xml" in feeds and len(feeds) == len(set(feeds)) > 20
    assert all(f.startswith(f"{url}/ru/feeds/") or f.startswith(f"{url}/feeds/global.")
               for f in feeds), feeds
    items = _items(newsboat(home, "-x", "reload"))
    links = {link for feed, _title, link in items if "/feeds/global." not in feed}
    assert len(links) >= 10
    for link in links:
        assert _opened(link)[0] == "ru", link
