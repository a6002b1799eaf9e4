"""Safe editing (issue 17, item 5): drafts are previewed but never published, the `invoke new`
scaffold cannot be published by accident, and automatic summaries carry no footnotes."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitebuild import ROOT, VALID, run_pelican, write_article
from tests.test_tasks import invoke, project  # noqa: F401 (fixture)


def publish_settings(path: Path) -> Path:
    """publishconf.py as `invoke publish` uses it (strict mode left as it is)."""
    lines = [f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _draft_site(content: Path) -> None:
    write_article(content, "2012/public.md", {**VALID, "Slug": "public", "Title": "Public text"})
    write_article(content, "2012/secret.md",
                  {**VALID, "Slug": "secret", "Title": "Unfinished appeal", "Status": "draft"},
                  body="Half-written paragraph.")


def test_draft_is_previewed_with_pelicanconf_but_not_listed_or_in_feeds(content, tmp_path):
    _draft_site(content)
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    out = build.out_dir
    preview = out / "drafts" / "secret" / "index.html"
    assert preview.exists(), sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "Half-written paragraph." in preview.read_text(encoding="utf-8")
    page = build.html("drafts/secret/index.html")
    assert page.select_one(".draft-note") and page.select_one('meta[name="robots"]')
    assert not build.html("articles/public/index.html").select_one(".draft-note")
    assert not (out / "articles" / "secret").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Public text" in home and "Unfinished appeal" not in home
    for feed in out.rglob("feeds/**/*"):
        if feed.is_file():
            assert "Unfinished appeal" not in feed.read_text(encoding="utf-8"), feed
    for data in ("sitemap.xml", "mentions.json"):
        if (out / data).exists():
            assert "secret" not in (out / data).read_text(encoding="utf-8")


def test_draft_is_never_in_publish_output(content, tmp_path):
    _draft_site(content)
    build = run_pelican(content, tmp_path / "out", publish_settings(tmp_path / "publish.py"))
    assert build.returncode == 0, build.output
    written = [p for p in build.out_dir.rglob("*") if p.is_file()]
    assert written
    for path in written:
        if path.suffix in (".html", ".xml", ".json", ".opml", ".txt"):
            assert "Unfinished appeal" not in path.read_text(encoding="utf-8"), path
    assert not list(build.out_dir.rglob("drafts"))


def _scaffold(copy: Path, title: str = "Free them all") -> str:
    """The article the real `invoke new` writes (in a copy of the project)."""
    proc = invoke(copy, "new", "--title", title, "--slug", "free-them-all")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [path] = (copy / "content" / "articles").rglob("free-them-all.md")
    return path.read_text(encoding="utf-8")


def test_invoke_new_scaffolds_a_draft(project):  # noqa: F811
    text = _scaffold(project)
    assert re.search(r"^Status: draft$", text, re.MULTILINE), text


def test_scaffold_builds_as_draft_but_stops_the_build_once_published(project, tmp_path):  # noqa: F811,E501
    text = _scaffold(project)
    content = tmp_path / "site"
    target = content / "articles" / "2026" / "free-them-all.md"
    target.parent.mkdir(parents=True)
    (content / "pages").mkdir()
    target.write_text(text, encoding="utf-8")
    write_article(content, "other.md", {**VALID, "Slug": "other"})
    draft = run_pelican(content, tmp_path / "draft")
    assert draft.returncode == 0, draft.output
    # The editor publishes by removing the Status line but forgets the body.
    target.write_text(re.sub(r"^Status: draft\n", "", text, flags=re.MULTILINE),
                      encoding="utf-8")
    lines = target.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if t.startswith("Write the text here"))
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0, build.output
    said = build.said
    assert f"site/articles/2026/free-them-all.md: line {line}:" in said, build.output
    assert "placeholder" in said and "Traceback" not in build.output
    assert not list(build.out_dir.rglob("*.html"))


def test_placeholder_summary_is_refused_too(content, tmp_path):
    placeholder = "One or two sentences for lists and feeds."
    write_article(content, "x.md", {**VALID, "Summary": placeholder}, body="A real text.")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert "content/articles/x.md: Summary:" in build.said, build.output


def test_automatic_summaries_carry_no_footnote_ids(content, tmp_path):
    for slug in ("first", "second"):
        write_article(content, f"{slug}.md", {**VALID, "Slug": slug, "Title": slug},
                      body=f"The {slug} claim.[^1] More.\n\n[^1]: Note of {slug}.")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    home = build.html("index.html")
    ids = [tag["id"] for tag in home.select("[id]")]
    assert len(ids) == len(set(ids)), ids
    assert not home.select("main a[href^='#fn']"), home.select("main .summary")
    summaries = [s.get_text(" ", strip=True) for s in home.select(".summary")]
    assert any("The first claim." in s for s in summaries), summaries
    # The article itself keeps its note and reference.
    article = build.html("articles/first/index.html")
    assert article.select("a.footnote-ref") and article.select("div.footnote")


def test_a_draft_with_a_tag_no_published_text_has_builds_and_links_no_missing_page(content,
                                                                                     tmp_path):
    """The README's draft preview: a draft's new tag has no tag page until the text is
    published (Pelican makes tag pages from published texts only), so the draft linked to a
    page that does not exist and the site check stopped `make build` (found by a newcomer).
    A tag with a page is still a link."""
    write_article(content, "2012/public.md",
                  {**VALID, "Slug": "public", "Title": "Public text", "Tags": "letters"})
    write_article(content, "2012/secret.md",
                  {**VALID, "Slug": "secret", "Title": "Unfinished appeal", "Status": "draft",
                   "Tags": "letters, brand-new-topic"}, body="Half-written paragraph.")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.output
    tags = build.html("drafts/secret/index.html").select_one("p.tags")
    assert [a.get_text() for a in tags.select("a")] == ["letters"], tags
    assert "brand-new-topic" in tags.get_text(), tags
