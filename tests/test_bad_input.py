"""Bad input an editor can produce: each stops the build with one line naming the file (and
line) and the fix, no traceback, and nothing written; harmless variants still build."""

from __future__ import annotations

import pytest

from tests.sitebuild import VALID, run_pelican, settings_with, write_article


def refused(build, *expected: str) -> None:
    assert build.returncode != 0, build.output
    said = build.said  # the console wraps long lines
    for text in expected:
        assert " ".join(text.split()) in said, build.output
    assert "Traceback" not in build.output
    assert not list(build.out_dir.rglob("*.html")), "nothing may be written for invalid input"


def refused_beside_a_good_one(content, out, name: str, text: str, *expected: str):
    """Write content/articles/`name` as `text` (header and body, as an editor typed them)
    beside a valid article, build into `out`: the build stops (`refused`) with every
    `expected` line, naming `name` once. Returns the build."""
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    path = content / "articles" / name
    path.write_text(text, encoding="utf-8")
    build = run_pelican(content, out)
    refused(build, *expected)
    assert build.said.count(f"content/articles/{name}") == 1, build.output
    return build


RAW_HTML_REFUSED = [
    ("script", "<script>alert(1)</script>", "line 3: <script> is not allowed in a text"),
    ("event handler", '<img src="/x.png" alt="" onerror="alert(1)">',
     "line 3: the onerror= attribute on <img> runs script"),
    ("javascript url", '<a href="javascript:alert(1)">x</a>',
     "line 3: a javascript: URL in <a href> runs script"),
    ("embed", '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
     "line 3: <iframe> is not allowed in a text: embeds load another site"),
    ("tracking pixel", '<img alt="" src="https://stats.example.com/p.gif">',
     "line 3: <img src> loads https://stats.example.com/p.gif from another host, which learns "
     "who reads the page; copy the file into content/images and use {static}/images/…"),
    ("style block", "<style>body{display:none}</style>", "line 3: <style> is not allowed"),
]


@pytest.mark.parametrize("case, html, message", RAW_HTML_REFUSED,
                         ids=[c[0] for c in RAW_HTML_REFUSED])
def test_unsafe_raw_html_is_refused_with_its_line(content, tmp_path, case, html, message):
    write_article(content, "other.md", {**VALID, "Slug": "other"})
    write_article(content, "raw.md", VALID, body=f"First paragraph.\n\n{html}\n\nLast.")
    # 4 header lines, a blank line, then the body: its third line is line 8 of the file.
    message = message.replace("line 3", "line 8")
    out = tmp_path / "out"
    refused(run_pelican(content, out), f"content/articles/raw.md: {message}")


def test_harmless_raw_html_and_html_in_code_build(content, tmp_path):
    body = ('A <abbr title="Federal Security Service">FSB</abbr> note.\n\n'
            "<details><summary>Court record</summary>\n\nThe hearing lasted two hours.\n\n"
            "</details>\n\nWrite `<script>` in code, it is text.\n\n"
            "    <iframe src=\"https://example.com\"></iframe>\n")
    write_article(content, "raw.md", {**VALID, "Slug": "raw"}, body=body)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    article = build.html("articles/raw/index.html").select_one("article")
    assert article.select_one("abbr")["title"] == "Federal Security Service"
    assert article.select_one("details summary").get_text() == "Court record"
    assert article.select_one("code").get_text() == "<script>"
    assert not article.select("script, iframe")


def test_a_five_megabyte_article_is_refused_with_the_limit_and_the_fix(content, tmp_path):
    write_article(content, "small.md", {**VALID, "Slug": "small"})
    write_article(content, "huge.md", {**VALID, "Slug": "huge"},
                  body="word " * 1_000_000)
    out = tmp_path / "out"
    refused(run_pelican(content, out), "content/articles/huge.md: file: 5.0 MB is larger "
            "than the 1.0 MB limit for one text (MAX_SOURCE_BYTES in pelicanconf.py); split it")


def test_the_size_limit_is_a_setting(content, tmp_path):
    write_article(content, "long.md", {**VALID, "Slug": "long"},
                  body="Paragraph of a long report.\n\n" * 5_000)
    settings = settings_with(tmp_path / "s.py", MAX_SOURCE_BYTES=100_000)
    refused(run_pelican(content, tmp_path / "out", settings), "larger than the 0.1 MB limit")
    build = run_pelican(content, tmp_path / "out2")
    assert build.returncode == 0, build.output
    assert build.html("articles/long/index.html").get_text().count("long report") == 5_000


def test_an_empty_content_folder_is_refused(content, tmp_path):
    out = tmp_path / "out"
    refused(run_pelican(content, out), f"{content}: content: no articles, pages or registry "
            f"entries found in {content}/articles, {content}/pages")


def test_a_file_that_is_not_utf8_is_refused_with_its_line(content, tmp_path):
    write_article(content, "good.md", {**VALID, "Slug": "good"})
    path = content / "articles" / "cp1251.md"
    text = "Title: Заявление\nDate: 2012-12-19 10:00\nLang: ru\nCategory: news\n\nТекст.\n"
    path.write_bytes(text.encode("cp1251"))
    out = tmp_path / "out"
    refused(run_pelican(content, out), "content/articles/cp1251.md: line 1: not UTF-8 text "
            "(byte 0xC7); save the file as UTF-8")


def test_file_names_with_spaces_and_cyrillic_get_clean_urls(content, tmp_path):
    write_article(content, "Заявление солидарности.md", {**VALID, "Title": "Solidarity"})
    write_article(content, "Заявление солидарности.ru.md", {**VALID, "Lang": "ru"})
    write_article(content, "with space.md", {**VALID, "Slug": "given-slug", "Title": "Other"},
                  body="See [the statement]({filename}/articles/Заявление%20солидарности.md) "
                       "and [the other]({filename}Заявление%20солидарности.md).")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert (build.out_dir / "articles/zaiavlenie-solidarnosti/index.html").is_file()
    assert (build.out_dir / "ru/articles/zaiavlenie-solidarnosti/index.html").is_file()
    links = [a["href"] for a in build.html("articles/given-slug/index.html")
             .select("article a[href*=zaiavlenie]")]
    assert links == ["/articles/zaiavlenie-solidarnosti/"] * 2


def test_a_broken_filename_link_names_file_and_line(content, tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"},
                  body="Intro.\n\nSee [the appeal]({filename}/articles/apeal.md).")
    out = tmp_path / "out"
    refused(run_pelican(content, out), "content/articles/a.md: line 9: {filename}/articles/"
            "apeal.md points at a file that does not exist under content/; correct the path "
            "(write a space in a file name as %20)")


NESTING = [
    ("quotes", ">" * 3000 + " deep", "line 8: quotes are nested more than 16 levels deep"),
    ("list markers", "- " * 3000 + "deep", "line 8: lists are nested more than 16 levels deep"),
    ("indented lists", "".join("  " * i + "- item\n" for i in range(600)),
     # item i: one marker and 2*i columns (i // 2 levels); the first over 16 is i = 32
     f"line {8 + 32}: lists are nested more than 16 levels deep"),
]


@pytest.mark.parametrize("case, body, message", NESTING, ids=[c[0] for c in NESTING])
def test_deep_nesting_is_refused_with_its_line_not_a_recursion_error(content, tmp_path, case,
                                                                      body, message):
    """A 3 KB line of ">" ended the build in content_i18n.segments' RecursionError (and "- "
    in Markdown's): refused before either descends."""
    write_article(content, "other.md", {**VALID, "Slug": "other"})
    write_article(content, "deep.md", VALID, body=f"First paragraph.\n\n{body}\n\nLast.")
    refused(run_pelican(content, tmp_path / "out"), f"content/articles/deep.md: {message}")


def test_a_header_line_without_its_colon_stops_the_build_with_its_line(content, tmp_path):
    build = refused_beside_a_good_one(
        content, tmp_path / "out", "broken.md",
        "Title: A test\nDate: 2012-12-19 10:00\nLang: en\nCategory: news\n"
        "Tags x\nAuthors: Editorial collective\nSource: A paper\n\nThe text.\n",
        "content/articles/broken.md: line 5: 'Tags x' is not a `Key: value` header line",
        "write 'Tags: x'")
    assert build.output.count("content/articles/broken.md") == 1, build.output
