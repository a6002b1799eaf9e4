"""The shared input rules as functions; the builds that use them are in tests/."""

from __future__ import annotations

import pytest

from safe_input import sanitiser, text
from safe_input.slugs import is_slug, slugify
from safe_input.urls import url_problem

HOSTILE = [
    '<div><svg><image href="https://tracker.example/b.png"/></svg></div>',
    '<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://tracker.example/r">',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img alt="" src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<img alt="" src="https://tracker.example/p.gif">',
    '<img alt="" src="//tracker.example/p.gif">',
    '<p style="background:url(https://tracker.example/s.png)">x</p>',
    '<td style="text-align: left; background: url(https://tracker.example/t.png)">x</td>',
    '<a href="/" ping="https://tracker.example/ping">x</a>',
    '<b onmouseover="alert(1)">x</b>',
    '<math><mtext><img src="https://tracker.example/m.png"></mtext></math>',
    '<style>@import "https://tracker.example/c.css";</style>',
    '<form action="https://tracker.example/f"><button>x</button></form>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_every_hostile_fragment_is_reported_and_cleaned(html):
    assert sanitiser.refusals(html), html
    cleaned = sanitiser.clean(html).lower()
    for bad in ("tracker.example", "javascript", "vbscript", "data:", "on", "style=", "<svg",
                "<meta", "ping"):
        if bad == "on":
            assert " on" not in cleaned.replace(" only", ""), cleaned
        else:
            assert bad not in cleaned, (bad, cleaned)


def test_what_markdown_writes_is_kept():
    html = ('<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> '
            '<a href="https://example.org/a?b=1#c">x</a> <a href="mailto:a@example.org">m</a> '
            '<img alt="Rally" src="{static}/images/rally.png"></p>'
            '<table><thead><tr><th style="text-align: center;">A</th></tr></thead></table>')
    assert not sanitiser.refusals(html)
    assert sanitiser.clean(html) == html


def test_slugs_drop_soft_and_hard_signs():
    assert slugify("Свободу Азату Мифтахову и Дарье Козыревой") == \
        "svobodu-azatu-miftakhovu-i-dare-kozyrevoi"
    assert slugify("Подъезд") == "podezd"
    assert slugify("✊") == ""
    assert is_slug("hunger-strike") and not is_slug("../x") and not is_slug("a--b")


@pytest.mark.parametrize("value, ok", [
    ("https://example.org/a", True), ("/about/", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("//tracker.example/x", False), ("data:text/html,x", False),
    ("https://user@evil.example/", False), ("ftp://example.org/x", False), ("about us", False),
])
def test_url_fields(value, ok):
    assert (url_problem(value) is None) == ok


def test_text_rules():
    assert text.decode(b"\xef\xbb\xbfTitle: A\n", 100, "X") == ("Title: A\n", [])
    assert text.decode("e\u0301\r\n".encode(), 100, "X")[0] == "\u00e9\r\n"
    assert text.decode(b"a\nb\x0bc\n", 100, "X")[1][0][0] == "line 2"
    assert text.decode("x\u0085".encode(), 100, "X")[1][0][0] == "line 1"
    assert text.decode(b"a" * 101, 100, "X")[0] is None
    assert text.invisible_characters("Ива\u200bнов\u202e") == [
        "U+200B ZERO WIDTH SPACE", "U+202E RIGHT-TO-LEFT OVERRIDE"]
    # Default_Ignorable_Code_Point outside Cf: invisible too (two names differing only by
    # U+034F were both published as "Azat Miftakhov")
    assert text.invisible_characters("Mif\u034ftakhov \u3164 \ufe0f") == [
        "U+034F COMBINING GRAPHEME JOINER", "U+3164 HANGUL FILLER", "U+FE0F VARIATION SELECTOR-16"]
    assert text.invisible_characters("Мифтахов Miftájov 山田") == []


def test_the_csp_hashes_exactly_the_styles_the_allowlist_keeps():
    import pelicanconf

    assert set(pelicanconf.CSP_STYLE_ATTRIBUTES) == sanitiser.TABLE_ALIGN
