"""site_checks on small hand-written output folders: each planted fault is found, named by
file, and a clean folder passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_checks import check_feeds, check_links, validate_html

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
