"""site_checks on small hand-written output folders: each planted fault is found, named by
file, and a clean folder passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_checks import check_feeds, check_links, check_open_data, validate_html
from site_checks.csp import InlinePolicy

SITE = ["https://site.example", "http://127.0.0.1:8000"]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>{head}
</head><body><main id="main">{body}</main></body></html>"""


def write(out: Path, rel: str, body: str = "", head: str = "") -> Path:
    path = out / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    return path


@pytest.fixture
def out(tmp_path) -> Path:
    write(tmp_path, "index.html", '<a href="ru/">ru</a> <a href="#main">skip</a>',
          head='<link rel="stylesheet" href="/theme/site.css">')
    write(tmp_path, "ru/index.html", '<a href="../">en</a> <a href="/prisoners/#a">a</a>')
    write(tmp_path, "prisoners/index.html", '<h2 id="a">A</h2>'
          '<a href="https://site.example/ru/">absolute, own host</a>'
          '<a href="https://other.example/">outbound links are fine</a>')
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme/site.css").write_text("body { color: red }", encoding="utf-8")
    return tmp_path


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_clean_folder_passes(out):
    assert check_links(out, SITE) == []


def test_broken_internal_links_are_named_with_file_and_target(out):
    write(out, "ru/a.html", '<a href="/articles/gone/">x</a> <img src="pic.png" alt="">'
          '<a href="https://site.example/nowhere/">y</a> <a href="/prisoners/#nobody">z</a>')
    found = messages(check_links(out, SITE))
    assert any(m.startswith("ru/a.html: <a href>: /articles/gone/ does not resolve")
               and "articles/gone/index.html" in m for m in found)
    assert any("pic.png does not resolve" in m and "ru/pic.png" in m for m in found)
    assert any("https://site.example/nowhere/ does not resolve" in m for m in found)
    assert any('no element with id "nobody"' in m for m in found)
    assert len(found) == 4


@pytest.mark.parametrize(
    "head, body, where",
    [
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css2">', "", "<link rel"),
        ('<link rel="preload" href="//cdn.example/f.woff2" as="font">', "", "<link rel"),
        ('<link rel="prefetch" href="https://cdn.example/next.html">', "", "<link rel"),
        ('<link rel="icon" href="https://cdn.example/favicon.ico">', "", "<link rel"),
        ("", '<script src="https://stats.example/a.js"></script>', "<script src>"),
        ("", '<img alt="" src="x.png" srcset="a.png 1x, https://img.example/b.png 2x">',
         "<img srcset>"),
        ("", '<iframe src="https://www.youtube.com/embed/x"></iframe>', "<iframe src>"),
        ("", '<form action="https://forms.example/post"></form>', "<form action>"),
        ("", '<div style="background:url(https://track.example/p.gif)"></div>', "<div style>"),
        ('<style>@import "https://cdn.example/x.css";</style>', "", "<style>"),
        ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">', "",
         "<meta refresh>"),
    ],
)
def test_third_party_references_are_refused(out, head, body, where):
    (out / "x.png").write_bytes(b"")
    (out / "a.png").write_bytes(b"")
    write(out, "page.html", body, head=head)
    found = [p for p in check_links(out, SITE) if "third-party host" in p.message]
    assert len(found) == 1, messages(check_links(out, SITE))
    assert found[0].path == "page.html" and found[0].where.startswith(where)


def test_css_files_may_not_load_from_other_hosts(out):
    (out / "theme/site.css").write_text(
        "@font-face{src:url('https://fonts.gstatic.com/x.woff2')}", encoding="utf-8")
    assert messages(check_links(out, SITE)) == [
        "theme/site.css: url(): loads https://fonts.gstatic.com/x.woff2 from a third-party host"
    ]


def test_feeds_must_parse_and_point_at_existing_pages(out):
    feeds = out / "feeds"
    feeds.mkdir()
    (feeds / "all.atom.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://127.0.0.1:8000/ru/"/>'
        '<entry><link href="http://127.0.0.1:8000/articles/missing/"/></entry></feed>',
        encoding="utf-8")
    (feeds / "all.rss.xml").write_text("<rss><channel><item>", encoding="utf-8")
    (feeds / "all.json").write_text('{"items": [{"url": "https://site.example/"}]}',
                                    encoding="utf-8")
    found = messages(check_feeds(out, SITE))
    assert found[0] == ("feeds/all.atom.xml: link: http://127.0.0.1:8000/articles/missing/ "
                        "does not resolve to a file in the output")
    assert found[1].startswith("feeds/all.rss.xml: file: does not parse")
    assert len(found) == 2


def test_the_nu_checker_reports_invalid_html_with_file_and_line(out):
    (out / "bad.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>\n<body>\n'
        '<p><div>x</p><img src="a.png"></body></html>', encoding="utf-8")
    found = validate_html(out)
    assert {p.path for p in found} == {"bad.html"}
    assert any(p.where == "line 3" and "alt" in p.message for p in found)


def _problems_other_than_missing_files(out: Path) -> list:
    return [p for p in check_links(out, SITE) if "does not resolve" not in p.message]


# Each fetches (or sends the reader) somewhere without a click; each must be refused.
FETCH_FAULTS = [
    ("poster", '<video poster="https://t.example/p.jpg"></video>', "<video poster>"),
    ("object data", '<object data="https://t.example/x.swf"></object>', "<object data>"),
    ("ping", '<a href="/" ping="/count https://t.example/ping">x</a>', "<a ping>"),
    ("formaction", '<form><button formaction="https://t.example/f">x</button></form>',
     "<button formaction>"),
    ("input formaction", '<form><input type="submit" formaction="//t.example/f"></form>',
     "<input formaction>"),
    ("background", '<table background="https://t.example/bg.png"><tr><td>x</td></tr></table>',
     "<table background>"),
    ("embed", '<embed src="https://t.example/e.swf">', "<embed src>"),
    ("link of any rel", '<link rel="alternate" href="https://t.example/feed.xml">',
     "<link rel=alternate href>"),
    ("base", '<base href="https://t.example/">', "<base href>"),
    ("svg image href", '<svg><image href="https://tracker.example/u.png"/></svg>',
     "<image href>"),
    ("svg image xlink:href", '<svg><image xlink:href="https://tracker.example/u.png"/></svg>',
     "<image xlink:href>"),
    ("svg use", '<svg><use href="https://t.example/s.svg#a"/></svg>', "<use href>"),
    ("refresh upper case", '<meta http-equiv="Refresh" content="0; URL=http://tracker.example/r">',
     "<meta refresh>"),
    ("refresh quoted", """<meta http-equiv="REFRESH" content="5;url='https://t.example/r'">""",
     "<meta refresh>"),
    ("refresh without url=", '<meta http-equiv="refresh" content="0, https://t.example/r">',
     "<meta refresh>"),
    ("css escape in url()", r'<div style="background:u\72l(https://t.example/a.png)">x</div>',
     "<div style>"),
    ("css upper-case URL()", '<div style="background:URL( https://t.example/a.png )">x</div>',
     "<div style>"),
    ("css escaped @import", r'<style>@\69mport "https://t.example/x.css";</style>', "<style>"),
    ("css image-set", """<div style="background-image:image-set('https://t.example/a.png' 1x)">"""
     "x</div>", "<div style>"),
    ("css -webkit-image-set", '<style>p{background:-webkit-image-set("//t.example/a.png" 1x)}'
     "</style>", "<style>"),
    ("css comment in @import", '<style>@import/**/"https://t.example/x.css";</style>',
     "<style>"),
    ("backslash host", r'<img alt="" src="/\tracker.example/x.png">', "<img src>"),
    ("tab in protocol-relative", '<img alt="" src="/&#9;/tracker.example/x.png">', "<img src>"),
    ("other scheme", '<img alt="" src="ftp://t.example/x.png">', "<img src>"),
    ("imagesrcset", '<link rel="preload" as="image" href="/x.png" '
     'imagesrcset="/x.png 1x, https://t.example/b.png 2x">', "<link imagesrcset>"),
]


@pytest.mark.parametrize("html, where", [f[1:] for f in FETCH_FAULTS],
                         ids=[f[0] for f in FETCH_FAULTS])
def test_every_fetching_attribute_and_css_construct_must_stay_on_the_site(out, html, where):
    (out / "x.png").write_bytes(b"")
    write(out, "page.html", html)
    found = _problems_other_than_missing_files(out)
    assert len(found) == 1, messages(found)
    assert found[0].path == "page.html" and found[0].where == where, messages(found)
    assert "third-party host" in found[0].message or "not an address on this site" \
        in found[0].message


def test_site_addresses_and_outbound_links_pass(out):
    (out / "x.png").write_bytes(b"")
    write(out, "page.html",
          '<img alt="data: 2024" title="javascript: the language" src="/x.png" '
          'srcset="x.png 1x, https://site.example/x.png 2x">'
          '<a href="https://other.example/" ping="/x.png">out</a> <a href="mailto:a@b.example">m'
          '</a> <video poster="//site.example/x.png"></video> <p data-names="data:x">p</p>'
          '<div style="background:url(/x.png)">x</div><svg><image href="x.png"/></svg>'
          '<meta http-equiv="refresh" content="30; URL=/x.png">')
    assert messages(check_links(out, SITE)) == []


FORBIDDEN = [
    ("a javascript:", '<a href="javascript:alert(1)">x</a>', "<a href>", "javascript"),
    ("mixed case and tab", '<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>', "<a href>",
     "javascript"),
    ("a data:", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a href>", "data"),
    ("a vbscript:", '<a href="vbscript:msgbox(1)">x</a>', "<a href>", "vbscript"),
    ("img data:", '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">', "<img src>", "data"),
    ("iframe javascript:", '<iframe src="javascript:alert(1)"></iframe>', "<iframe src>",
     "javascript"),
    ("form javascript:", '<form action="javascript:alert(1)"></form>', "<form action>",
     "javascript"),
    ("svg a xlink:href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     "<a xlink:href>", "javascript"),
    ("unknown attribute", '<math href="javascript:alert(1)"><mi>x</mi></math>', "<math href>",
     "javascript"),
    ("refresh javascript:", '<meta http-equiv="refresh" content="0;URL=javascript:alert(1)">',
     "<meta content>", "javascript"),
    ("css data:", '<div style="background:url(data:image/png;base64,AA)">x</div>',
     "<div style>", "data"),
    ("json-ld", '<script type="application/ld+json">{"@type": "Article", '
     '"url": "javascript:alert(1)", "description": "data: not a URL"}</script>',
     "<script type=application/ld+json>", "javascript"),
]


@pytest.mark.parametrize("html, where, scheme", [f[1:] for f in FORBIDDEN],
                         ids=[f[0] for f in FORBIDDEN])
def test_javascript_data_and_vbscript_urls_are_errors_anywhere(out, html, where, scheme):
    write(out, "page.html", html)
    found = check_links(out, SITE)
    assert len(found) == 1, messages(found)
    assert found[0].path == "page.html" and found[0].where == where, messages(found)
    assert found[0].message.startswith(f"{scheme}: URL "), messages(found)
    assert "never allowed" in found[0].message


@pytest.mark.parametrize("href", ["ftp://files.example/a.pdf", "file:///etc/passwd",
                                  "intent://x#Intent;end"])
def test_links_may_only_go_to_http_mailto_or_the_site(out, href):
    write(out, "page.html", f'<a href="{href}">x</a>')
    assert [(p.where, p.message.split(": ", 1)[-1]) for p in check_links(out, SITE)] == [
        ("<a href>", "a link may go to a page on this site, an http(s) address or mailto:, "
                     "nothing else")]


def test_css_files_are_read_after_decoding_escapes(out):
    (out / "theme/site.css").write_text(
        "/* ok */ body{background:url(/theme/site.css)}\n"
        "@\\69 mport 'https://t.example/x.css';\n"
        "p{background:u\\rl(data:image/gif;base64,R0lG)}", encoding="utf-8")
    found = messages(check_links(out, SITE))
    assert found == ["theme/site.css: url(): loads https://t.example/x.css from a third-party "
                     "host",
                     "theme/site.css: url(): data: URL 'data:image/gif;base64,R0lG' is never "
                     "allowed; put the file in the site and use its path"]


POLICY = InlinePolicy(meta="default-src 'none'; img-src 'self'")
META = ('<meta http-equiv="Content-Security-Policy" '
        'content="default-src \'none\'; img-src \'self\'">')


@pytest.mark.parametrize("head, where, fault", [
    ("", "<head>", "no <meta"),
    ('<meta http-equiv="content-security-policy" content="default-src *">',
     "<meta Content-Security-Policy>", "differs from the policy in the settings"),
    ('<link rel="stylesheet" href="index.html">' + META, "<link>", "comes before"),
    ('<meta http-equiv="refresh" content="9; url=/">' + META, "<meta>", "comes before"),
], ids=["missing", "another policy", "stylesheet first", "refresh first"])
def test_every_page_carries_the_settings_policy_before_anything_loads(tmp_path, head, where,
                                                                       fault):
    write(tmp_path, "index.html", "x", head=META)
    write(tmp_path, "page.html", "x", head=head)
    found = check_links(tmp_path, SITE, POLICY)
    assert [(p.path, p.where) for p in found] == [("page.html", where)], messages(found)
    assert fault in found[0].message


def test_only_the_listing_the_settings_widen_carries_the_wider_policy(tmp_path):
    """CSP_LISTING_SOURCES (the search pages may run WebAssembly): those pages must carry the
    wider policy, every other page the site-wide one."""
    settings = {"CSP_DIRECTIVES": {"default-src": ["'none'"], "script-src": ["'self'"]},
                "CSP_LISTING_SOURCES": {"search": {"script-src": ["'wasm-unsafe-eval'"]}},
                "DEFAULT_LANG": "en", "LANGUAGES": ["en", "ru"],
                "LISTING_URLS": {"search": "search/"}}
    policy = InlinePolicy.from_settings(settings)
    wide = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'"
    narrow = "default-src 'none'; script-src 'self'"

    def meta(content: str) -> str:
        return f'<meta http-equiv="Content-Security-Policy" content="{content}">'

    write(tmp_path, "index.html", "x", head=meta(narrow))
    write(tmp_path, "ru/search.html", "x", head=meta(narrow))  # not the search folder
    write(tmp_path, "search/index.html", "x", head=meta(wide))
    write(tmp_path, "ru/search/index.html", "x", head=meta(narrow))  # lost its wider policy
    write(tmp_path, "ru/archives/index.html", "x", head=meta(wide))  # WebAssembly elsewhere
    found = check_links(tmp_path, SITE, policy)
    assert sorted((p.path, p.where) for p in found) == [
        ("ru/archives/index.html", "<meta Content-Security-Policy>"),
        ("ru/search/index.html", "<meta Content-Security-Policy>")], messages(found)


def test_the_policy_meta_may_follow_charset_and_title(tmp_path):
    (tmp_path / "index.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>{META}'
        '<link rel="stylesheet" href="index.html"></head><body>x</body></html>', encoding="utf-8")
    assert check_links(tmp_path, SITE, POLICY) == []


def _feed(out: Path, name: str, text: str) -> None:
    (out / "feeds").mkdir(exist_ok=True)
    (out / "feeds" / name).write_text(text, encoding="utf-8")


RSS = ('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
       "<title>t</title><link>https://site.example/</link><description>d</description>"
       "<item><title>i</title><link>https://site.example/</link>{item}</item></channel></rss>")
ATOM_FEED = ('<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://site.example/"/>'
             "<entry>{entry}</entry></feed>")


@pytest.mark.parametrize("name, text, where, fault", [
    ("all.rss.xml", RSS.format(item="<description>Text &lt;img src=https://tracker.example/x.png"
                                    " onerror=alert(1)&gt; end</description>"),
     "<description> <img src>", "third-party host"),
    ("all.rss.xml", RSS.format(item="<content:encoded><![CDATA[<svg><image href="
                                    '"https://t.example/u.png"/></svg>]]></content:encoded>'),
     "<encoded> <image href>", "third-party host"),
    ("all.atom.xml", ATOM_FEED.format(entry='<content type="html">&lt;a href="javascript:'
                                            'alert(3)"&gt;x&lt;/a&gt;</content>'),
     "<content> <a href>", "javascript: URL"),
    ("all.atom.xml", ATOM_FEED.format(entry='<summary type="xhtml"><div xmlns="http://www.w3.org/'
                                            '1999/xhtml"><img src="//t.example/p.gif" alt=""/>'
                                            "</div></summary>"),
     "<summary> <img src>", "third-party host"),
    ("all.atom.xml", ATOM_FEED.format(entry='<link rel="enclosure" href="data:audio/mp3;base64,'
                                            'AA"/>'),
     "<link href>", "never allowed in a feed"),
    ("all.rss.xml", RSS.format(item="<comments> javascript:alert(1)</comments>"),
     "<comments>", "never allowed in a feed"),
    ("all.json", '{"items": [{"url": "https://site.example/", "external_url": "vbscript:x",'
                 ' "content_html": "<p>ok</p>"}]}', "url", "never allowed in a feed"),
    ("all.json", '{"items": [{"url": "https://site.example/", "content_html": '
                 '"<meta http-equiv=REFRESH content=\\"0;URL=http://tracker.example/r\\">"}]}',
     "<content_html> <meta refresh>", "third-party host"),
], ids=["rss description img", "rss content:encoded svg", "atom html javascript:",
        "atom xhtml img", "atom enclosure data:", "rss comments javascript:",
        "json external_url vbscript:", "json content_html refresh"])
def test_feeds_carry_no_forbidden_url_and_no_html_that_loads_from_elsewhere(out, name, text,
                                                                            where, fault):
    _feed(out, name, text)
    found = check_feeds(out, SITE)
    assert [(p.path, p.where) for p in found] == [(f"feeds/{name}", where)], messages(found)
    assert fault in found[0].message


def test_inline_handlers_in_feed_html_are_reported_given_the_policy(out):
    _feed(out, "all.rss.xml", RSS.format(
        item='<description>&lt;img src="https://site.example/x.png" alt="" onerror="alert(1)"&gt;'
             "&lt;script&gt;alert(2)&lt;/script&gt;</description>"))
    assert check_feeds(out, SITE) == []
    found = check_feeds(out, SITE, InlinePolicy())
    assert sorted(p.where for p in found) == ["<description> <img onerror>",
                                              "<description> <script>"]


def test_open_data_url_fields_carry_no_forbidden_scheme(out):
    (out / "prisoners.json").write_text(
        '{"people": [{"slug": "a", "profile_urls": {"en": "/prisoners/a/", "ru": '
        '" javascript:alert(1)"}, "bio": "Data: collected by hand", "sources": '
        '[{"title": "x", "url": "data:text/html,<script>alert(2)</script>"}]}]}',
        encoding="utf-8")
    (out / "mentions.json").write_text('{"people": {"a": [{"url": "articles/x/"}]}}',
                                       encoding="utf-8")
    assert [(p.path, p.message.split(":")[0]) for p in check_open_data(out)] == [
        ("prisoners.json", "'javascript"), ("prisoners.json", "'data")]
