"""The mirror's rewriting: the site's own URLs (root-relative or absolute on SITEURL) become
relative file paths that work from file:// and any domain; everything else is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from mirror.relativize import relative_url, relativize_html, relativize_tree

SITE = "https://left-prisoners.example.org"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    for folder in ("ru/prisoners/a", "ru/articles/x", "theme/css", "images"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize(("url", "expected"), [
    ("/ru/articles/x/", "../../articles/x/index.html"),
    (f"{SITE}/ru/articles/x/", "../../articles/x/index.html"),
    (f"{SITE}/", "../../../index.html"),
    ("/ru/articles/x/#comments", "../../articles/x/index.html#comments"),
    ("/theme/css/site.css?v=2", "../../../theme/css/site.css?v=2"),
    ("/ru/articles/x", "../../articles/x/index.html"),  # a folder without its slash
    ("../../articles/x/", "../../articles/x/index.html"),
])
def test_the_sites_own_urls_become_relative_files(out, url, expected):
    assert relative_url(url, out / "ru/prisoners/a", out, SITE) == expected


@pytest.mark.parametrize("url", ["https://other.example/x/", "mailto:a@b.org", "#top",
                                 "http://abc.onion/", ""])
def test_other_urls_are_left_alone(out, url):
    assert relative_url(url, out / "ru/prisoners/a", out, SITE) == url


def test_html_attributes_rewritten_but_canonical_stays_absolute(out):
    page = out / "ru/prisoners/a/index.html"
    html = (f'<link rel="canonical" href="{SITE}/ru/prisoners/a/">'
            '<a href="/ru/articles/x/">x</a>'
            '<img src="/images/p.jpg" srcset="/images/p.jpg 1x, /images/p2.jpg 2x" alt="">'
            '<form action="/ru/articles/x/"></form>'
            '<a href="https://other.example/">out</a>')
    new = relativize_html(html, page, out, SITE)
    assert f'href="{SITE}/ru/prisoners/a/"' in new
    assert 'href="../../articles/x/index.html"' in new
    assert 'src="../../../images/p.jpg"' in new
    assert 'srcset="../../../images/p.jpg 1x, ../../../images/p2.jpg 2x"' in new
    assert 'action="../../articles/x/index.html"' in new
    assert 'href="https://other.example/"' in new


def test_tree_rewrites_pages_and_css_relative_to_each_file(out):
    (out / "ru/articles/x/index.html").write_text('<a href="/">home</a>', encoding="utf-8")
    (out / "index.html").write_text('<a href="https://other.example/">o</a>', encoding="utf-8")
    (out / "theme/css/site.css").write_text(
        'body { background: url("/images/bg.png"); }', encoding="utf-8")
    assert relativize_tree(out, SITE + "/") == 1  # the page with nothing of ours is unchanged
    assert (out / "ru/articles/x/index.html").read_text(encoding="utf-8") == \
        '<a href="../../../index.html">home</a>'
    assert (out / "theme/css/site.css").read_text(encoding="utf-8") == \
        'body { background: url("../../images/bg.png"); }'
