"""The theme: landmarks, skip link, metadata tags, no third-party requests, styles."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from tests.sitebuild import ROOT

RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


def test_pages_load_nothing_from_another_host(site):
    for path in site.pages():
        soup = site.html(path.relative_to(site.out_dir).as_posix())
        urls = [el.get(attr) for tag, attr in RESOURCE_ATTRS.items() for el in soup.find_all(tag)]
        urls += [el.get("srcset") for el in soup.find_all(srcset=True)]
        urls += [
            link["href"]
            for link in soup.find_all("link")
            if not set(link.get("rel", [])) & {"alternate", "canonical"}
        ]
        urls += [form.get("action") for form in soup.find_all("form")]
        for url in filter(None, urls):
            assert not urlparse(url).netloc and not url.startswith("//"), f"{path}: {url}"
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # a data block, never executed
                continue
            # JavaScript only enhances (the name filter, the search field and the search
            # page): local, deferred, never inline.
            assert script.get("src", "").endswith(("/theme/js/people-filter.js",
                                                   "/theme/js/search-field.js",
                                                   "/theme/js/search.js")), f"{path}"
            assert script.has_attr("defer") and not script.string


def test_css_loads_no_fonts_or_files_from_elsewhere():
    for css in (ROOT / "theme/static/css").glob("*.css"):
        text = css.read_text()
        assert "@import" not in text and "@font-face" not in text, css
        for url in re.findall(r"url\(([^)]*)\)", text):
            assert "//" not in url, f"{css}: {url}"


def test_landmarks_skip_link_and_metadata(site):
    soup = site.html("ru/articles/free-boris-kagarlitsky/index.html")
    skip = soup.select_one("body > a.skip-link")
    assert skip["href"] == "#main" and soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer") and soup.select("nav[aria-label]")
    assert (
        soup.select_one('link[rel="canonical"]')["href"] == "/ru/articles/free-boris-kagarlitsky/"
    )
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    assert soup.select_one('meta[property="og:locale"]')["content"] == "ru"
    assert soup.select_one('meta[name="viewport"]')
    assert soup.find("h1").get_text(strip=True).startswith("Свободу Борису Кагарлицкому")
    assert soup.select_one('link[rel="stylesheet"][media="print"]')


def test_paginated_pages_are_their_own_canonical(site):
    soup = site.html("page/2/index.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == "/page/2/"


def test_styles_cover_dark_mode_focus_narrow_screens_and_print():
    css = (ROOT / "theme/static/css/site.css").read_text()
    assert "prefers-color-scheme: dark" in css
    assert ":focus-visible" in css
    assert "max-width: 30rem" in css  # 320 px phones
    assert "system-ui" in css
    print_css = (ROOT / "theme/static/css/print.css").read_text()
    assert ".languages" in print_css and "attr(href)" in print_css
