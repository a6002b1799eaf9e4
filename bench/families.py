"""What each output family costs: files, bytes and seconds of one full build of the bench
corpus (bench/corpus.py), one family per kind of output (article pages, catalogue versions,
listings, profiles, feeds by kind and format, archive pages, sitemaps, open data, translators'
pages and published catalogues, …).

Seconds are measured from the build's own writes, not from a profiler: the build runs in one
process (PARALLEL_WORKERS = 1, so files are written one after another), and each file is
charged the time between the previous file's modification time and its own, which is the time
spent making it (rendering, serialising, writing). The time before the first file (reading,
linking, catalogues, the translation map) and after the last one (the finalized steps that
write nothing) get rows of their own. A step that makes several files before writing them
(a feed and its archive pages) charges the whole step to the first file it writes; within a
feed's files the seconds are therefore split by bytes (said in the table). The kernel stamps
files with a coarse clock (a few ms), so single files are imprecise but sums over a family
are not: the gaps add up to the build's wall time exactly.

`python bench/families.py [-n 2000] [-p 1000]` writes bench/results/families.md and .json;
`invoke bench` runs it for its largest size."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (python bench/families.py)
    sys.path.insert(0, str(ROOT))

import site_scheme  # noqa: E402
from bench.corpus import LANGS, make_bench_site  # noqa: E402

RESULTS = ROOT / "bench" / "results"
_PREFIX = r"(?:(?P<lang>" + "|".join(LANGS) + r")/)?"
_FEED = re.compile(_PREFIX + re.escape(site_scheme.folder("feed-all"))
                   + r"(?P<kind>all|global|category|tag|prisoners|cases|actions|feeds\.opml)"
                   r"(?P<rest>.*)$")
_ARTICLE = re.compile(_PREFIX + re.escape(site_scheme.folder("article"))
                      + r"(?P<slug>[^/]+)/index\.html$")
FEED_KINDS = {"all": "language", "global": "global (all languages)", "category": "category",
              "tag": "tag", "prisoners": "person", "cases": "case", "actions": "open actions",
              "feeds.opml": "OPML"}
# Families in table order: (name, pattern on the path inside the output folder).
_FAMILY_PATTERNS = [
    ("drafts", re.escape(site_scheme.folder("draft"))),
    ("listings (home, category, tag, archives)",
     r"(?:index\.html|page/\d+/index\.html|category/|tag/|archives/|404\.html)"),
    ("profiles and the prisoners index", re.escape(site_scheme.folder("profile"))),
    ("case pages", re.escape(site_scheme.folder("case"))),
    ("subscribe, partners and blocked pages", r"(?:subscribe|partners|blocked)/"),
    ("translators' pages", re.escape(site_scheme.url("translate"))),
    ("published catalogues (.po)", re.escape(site_scheme.folder("ui-catalogue"))),
    ("sitemaps and robots.txt", r"(?:sitemap[^/]*\.xml|robots\.txt)$"),
    ("open data (prisoners.*, mentions.json)", r"(?:prisoners\.[a-z.]+|mentions\.json)$"),
    ("calendars: language", re.escape(site_scheme.url("calendar-all")) + "$"),
    ("calendars: person", re.escape(site_scheme.folder("calendar-person"))),
    ("calendars: case", re.escape(site_scheme.folder("calendar-case"))),
    ("the registry in numbers (charts, CSV)", re.escape(site_scheme.url("numbers"))),
    ("letters kit", re.escape(site_scheme.url("letters"))),
    ("actions page", re.escape(site_scheme.url("actions"))),
    ("search page and index (Pagefind)",
     r"(?:" + re.escape(site_scheme.url("search")) + "|"
     + re.escape(site_scheme.folder("search-bundle")) + ")"),
    ("theme files and images", r"(?:theme|images)/"),
    ("headers, favicon", r"(?:_headers|favicon[^/]*|[^/]+\.ico)$"),
    ("content pages (about, how to write, …)", r"[^/]+/index\.html$"),
]
FAMILIES = [(name, re.compile(_PREFIX + pattern)) for name, pattern in _FAMILY_PATTERNS]


def markdown_versions(content: Path) -> set[tuple[str, str]]:
    """(lang, slug) of every article written as a Markdown file (the rest of the article
    pages are catalogue versions)."""
    found = set()
    for path in content.rglob("*.md"):
        head = path.read_text(encoding="utf-8").partition("\n\n")[0]
        lang = re.search(r"^Lang:\s*(\S+)", head, re.M)
        slug = re.search(r"^Slug:\s*(\S+)", head, re.M)
        if lang and slug:
            found.add((lang.group(1), slug.group(1)))
    return found


def family_of(rel: str, markdown: set[tuple[str, str]], default_lang: str = "en") -> str:
    """The family of one output file, by its path inside the output folder ("ru/feeds/all.atom.xml"
    → "feeds: language, current, Atom")."""
    m = _FEED.match(rel)
    if m:
        kind = FEED_KINDS[m.group("kind")]
        if kind == "OPML":
            return "feeds: OPML"
        rest = m.group("rest")
        suffix = site_scheme.FEED_FORMATS
        fmt = ("Atom" if rest.endswith(suffix["atom"]) else "RSS" if rest.endswith(suffix["rss"])
               else "JSON Feed")
        part = "archive pages" if "-archive-" in rest else "current"
        return f"feeds: {kind}, {part}, {fmt}"
    m = _ARTICLE.match(rel)
    if m:
        lang = m.group("lang") or default_lang
        return ("article pages (Markdown)" if (lang, m.group("slug")) in markdown
                else "catalogue versions of articles")
    for name, pattern in FAMILIES:
        if pattern.match(rel):
            return name
    return "other"


def write_times(out: Path, started_ns: int) -> list[tuple[int, str, int]]:
    """(mtime in ns, path inside `out`, bytes) of every file, in the order they were written.
    Files copied with their source's timestamp (older than the build) come first, at
    `started_ns`."""
    found = []
    for path in out.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found.append((max(stat.st_mtime_ns, started_ns), path.relative_to(out).as_posix(),
                          stat.st_size))
    return sorted(found)


def costs(files: Iterable[tuple[int, str, int]], started_ns: int, ended_ns: int,
          family: callable) -> dict[str, dict]:
    """{family: {"files", "bytes", "seconds"}} from write times: each file is charged the time
    since the previous file was written; feed files written in one burst share it by bytes."""
    table: dict[str, dict] = {}
    previous = None
    files = list(files)
    # A feed's documents are all made before the first is written: charge the burst to the
    # feed (path without format and archive number) and split it by bytes afterwards.
    burst: dict[str, list] = {}
    order: list[str] = []
    for mtime, rel, size in files:
        gap = (mtime - previous) / 1e9 if previous is not None else (mtime - started_ns) / 1e9
        name = "reading and preparing (before the first file)" if previous is None else None
        previous = mtime
        if name:
            table.setdefault(name, {"files": 0, "bytes": 0, "seconds": 0.0})["seconds"] += gap
            gap = 0.0
        fam = family(rel)
        feed = re.sub(r"(-archive-\d+)?\.(atom\.xml|rss\.xml|json)$", "", rel) \
            if fam.startswith("feeds: ") and not fam.endswith("OPML") else None
        row = table.setdefault(fam, {"files": 0, "bytes": 0, "seconds": 0.0})
        row["files"] += 1
        row["bytes"] += size
        if feed is None:
            row["seconds"] += gap
            continue
        if feed not in burst:
            burst[feed] = [0.0, []]
            order.append(feed)
        burst[feed][0] += gap
        burst[feed][1].append((fam, size))
    for feed in order:
        seconds, parts = burst[feed]
        total = sum(size for _fam, size in parts) or 1
        for fam, size in parts:
            table[fam]["seconds"] += seconds * size / total
    if previous is not None:
        table["finishing (after the last file)"] = {
            "files": 0, "bytes": 0, "seconds": max(0.0, (ended_ns - previous) / 1e9)}
    for row in table.values():
        row["seconds"] = round(row["seconds"], 2)
    return table


def feed_urls(out: Path) -> list[str]:
    """Every subscribable feed document in a built site: the current Atom, RSS and JSON Feed
    files under feeds/ (archive pages are history, RFC 5005 section 4, not subscriptions)."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and _FEED.match(p.relative_to(out).as_posix())
                  and "-archive-" not in p.name and not p.name.endswith(".opml"))


def measure(articles: int, people: int, work: Path) -> dict:
    """Build the bench corpus once in one process into a fresh folder; the cost table."""
    site = make_bench_site(work / f"n{articles}", articles, people)
    with site.settings.open("a", encoding="utf-8") as fp:
        fp.write("PARALLEL_WORKERS = 1\n")
    out = site.root / "out"
    shutil.rmtree(site.root / "cache", ignore_errors=True)
    started = time.time_ns()
    subprocess.run([sys.executable, "-m", "pelican", str(site.content), "-s", str(site.settings),
                    "-o", str(out)], cwd=ROOT, check=True, capture_output=True)
    ended = time.time_ns()
    markdown = markdown_versions(site.content)
    table = costs(write_times(out, started), started, ended, lambda rel: family_of(rel, markdown))
    urls = feed_urls(out)
    shutil.rmtree(site.root)
    return {"articles": articles, "people": people, "wall_s": round((ended - started) / 1e9, 2),
            "families": table, "subscribable_feeds": len(urls)}


def _group(name: str) -> str:
    """The family a detailed row belongs to in the summary ("feeds: tag, current, Atom" →
    "feeds: tag")."""
    return name.split(",")[0] if name.startswith("feeds: ") else name


def report(result: dict) -> str:
    table = result["families"]
    files = sum(r["files"] for r in table.values())
    size = sum(r["bytes"] for r in table.values())
    summary: dict[str, dict] = {}
    for name, row in table.items():
        s = summary.setdefault(_group(name), {"files": 0, "bytes": 0, "seconds": 0.0})
        for k in s:
            s[k] += row[k]
    lines = [f"# Output families at N = {result['articles']:,}", "",
             f"One full build, one process, caches removed: {result['wall_s']} s wall, "
             f"{files:,} files, {size / 1e6:.1f} MB, {result['subscribable_feeds']:,} "
             "subscribable feed documents. Seconds: time between consecutive file writes "
             "(bench/families.py says how).", "",
             "| family | files | MB | seconds | share of time |", "|---|---|---|---|---|"]
    wall = result["wall_s"] or 1
    for name, row in sorted(summary.items(), key=lambda kv: -kv[1]["seconds"]):
        lines.append(f"| {name} | {row['files']:,} | {row['bytes'] / 1e6:.1f} | "
                     f"{row['seconds']:.2f} | {row['seconds'] / wall:.0%} |")
    lines += ["", "Feeds in detail (seconds of a feed's burst split by bytes):", "",
              "| feed documents | files | MB | seconds |", "|---|---|---|---|"]
    for name, row in sorted(table.items()):
        if name.startswith("feeds: "):
            lines.append(f"| {name[7:]} | {row['files']:,} | {row['bytes'] / 1e6:.1f} | "
                         f"{row['seconds']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("-p", "--people", type=int, default=1000)
    parser.add_argument("--name", default="families", help="results file stem")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="families-") as tmp:
        result = measure(args.articles, args.people, Path(tmp))
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = report(result)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(result, indent=2) + "\n",
                                                encoding="utf-8")
    (RESULTS / f"{args.name}.md").write_text(text, encoding="utf-8")
    print(text)
    return result


if __name__ == "__main__":
    main()
