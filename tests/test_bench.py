"""The benchmark compares like with like: the three sites hold the same Markdown, the corpus has
the requested sizes, and one small run measures every build and reports its ratios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench import run
from bench.corpus import LANGS, make_bench_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_bench_site(tmp_path_factory.mktemp("bench") / "site", 30, 40)


def _markdown(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.md"))


def test_the_corpus_has_the_requested_sizes(site):
    sources = [p for p in _markdown(site.content / "articles") if p.name.count(".") == 1]
    assert len(sources) == 30
    people = [yaml.safe_load(p.read_text(encoding="utf-8"))
              for p in (site.content / "prisoners").glob("*.yaml")]
    assert len(people) == 40
    assert all(set(LANGS) <= set(p["names"]) for p in people)
    # Translations both ways: Markdown files and catalogues named after the new slugs.
    assert any(p.name.count(".") == 2 for p in _markdown(site.content / "articles"))
    slugs = {re.search(r"^Slug: (.+)$", p.read_text(encoding="utf-8"), re.M).group(1)
             for p in sources}
    catalogued = {p.stem for p in (site.root / "catalogues").glob("*/*.po")}
    assert catalogued & slugs


def test_baselines_build_the_same_markdown(site):
    ours = {p.relative_to(site.content / "articles")
            for p in _markdown(site.content / "articles")}
    plain = {p.relative_to(site.plain / "content/articles")
             for p in _markdown(site.plain / "content/articles")}
    assert plain == ours
    # One page per person and language stands in for the profiles the pipeline writes.
    assert len(_markdown(site.plain / "content/profiles")) == 40 * len(LANGS)
    # Hugo gets every one of those files too (its content tree also holds section indexes).
    hugo = _markdown(site.hugo / "content")
    assert len([p for p in hugo if not p.name.startswith("_index")]) == \
        len(_markdown(site.plain / "content"))


def test_a_small_run_measures_every_build_and_its_ratios(tmp_path):
    hugo = run.ensure_hugo()
    result = run.run_size(12, 30, tmp_path, hugo, repeat=1)
    runs = result["runs"]
    assert set(runs) == {"plain_pelican", "hugo", "full_pipeline", "full_without_search",
                         "incremental", "fresh_folder_rebuild"}
    assert all(r["wall_s"] > 0 and r["cpu_s"] > 0 and r["html_pages"] > 0 for r in runs.values())
    # The fresh-folder rebuild writes the whole site again, not only what changed.
    assert runs["fresh_folder_rebuild"]["files"] == runs["full_pipeline"]["files"]
    assert runs["incremental"]["edited"].startswith("content/articles/")
    # The incremental build is the edit built into the full build's folder (not into an
    # empty one, which is a cold build with warm caches).
    assert runs["incremental"]["folder"] == runs["full_pipeline"]["folder"] == "out-full"
    # The row without the search index really built without it: no Pagefind step was
    # printed and the bundle's files are missing, while the full build has both.
    assert "search" in runs["full_pipeline"] and "search" not in runs["full_without_search"]
    assert runs["full_without_search"]["html_pages"] == runs["full_pipeline"]["html_pages"]
    assert runs["full_without_search"]["files"] < runs["full_pipeline"]["files"]
    ratios = result["ratios"]
    assert ratios["full_vs_plain_pelican"] == pytest.approx(
        runs["full_pipeline"]["wall_s"] / runs["plain_pelican"]["wall_s"], abs=0.01)
    text = run.report({"machine": "test", "sizes": [result]})
    assert "full pipeline without the search index / plain Pelican" in text
    for name in ("plain pelican", "hugo", "full pipeline", "full without search", "incremental",
                 "fresh folder rebuild"):
        assert f"| {name} |" in text


def test_output_families_classify_paths_and_charge_every_second():
    """bench/families.py: each output path gets its family, and every second of the build is
    charged to one (a feed's burst shared by bytes among its files)."""
    from bench.families import costs, family_of

    markdown = {("en", "a"), ("ru", "b")}
    expected = {
        "articles/a/index.html": "article pages (Markdown)",
        "ru/articles/b/index.html": "article pages (Markdown)",
        "ru/articles/a/index.html": "catalogue versions of articles",
        "ru/feeds/prisoners/x-archive-3.rss.xml": "feeds: person, archive pages, RSS",
        "feeds/all.json": "feeds: language, current, JSON Feed",
        "de/feeds/tag/t.atom.xml": "feeds: tag, current, Atom",
        "de/prisoners/x/index.html": "profiles and the prisoners index",
        "translations/content/ru/a.po": "published catalogues (.po)",
        "ru/category/news/page/2/index.html": "listings (home, category, tag, archives)",
        "es/index.html": "listings (home, category, tag, archives)",
        "sitemap-uk.xml": "sitemaps and robots.txt",
        "ru/translate/index.html": "translators' pages",
        "calendars/all.ics": "calendars: language",
        "de/calendars/prisoners/x.ics": "calendars: person",
        "calendars/cases/c.ics": "calendars: case",
        "ru/numbers/status.csv": "the registry in numbers (charts, CSV)",
        "pagefind/fragment/en_1.pf_fragment": "search page and index (Pagefind)",
        "uk/feeds/actions.rss.xml": "feeds: open actions, current, RSS",
    }
    assert {path: family_of(path, markdown) for path in expected} == expected
    s = 1_000_000_000
    files = [(1 * s, "articles/a/index.html", 10), (3 * s, "feeds/all.atom.xml", 30),
             (3 * s, "feeds/all.rss.xml", 10), (4 * s, "feeds/all-archive-1.atom.xml", 60),
             (4 * s, "es/index.html", 5)]
    table = costs(files, 0, 6 * s, lambda rel: family_of(rel, markdown))
    assert sum(row["seconds"] for row in table.values()) == pytest.approx(6.0)
    assert table["reading and preparing (before the first file)"]["seconds"] == 1.0
    assert table["finishing (after the last file)"]["seconds"] == 2.0
    # The feed's 3 s (2 s before its first file, 1 s before its archive page) by bytes.
    assert table["feeds: language, current, Atom"]["seconds"] == pytest.approx(0.9)
    assert table["feeds: language, archive pages, Atom"]["seconds"] == pytest.approx(1.8)
    assert table["feeds: language, current, Atom"]["bytes"] == 30
