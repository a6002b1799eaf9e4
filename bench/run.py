"""`invoke bench`: plain Pelican, the full pipeline, an incremental rebuild after a one-article
edit, and Hugo, on the same synthetic corpus (bench/corpus.py) at N = 200 and N = 2,000 source
articles with P = 1,000 registry entries. Wall time, CPU time and peak memory of each build
(from the kernel's rusage of the build process and its children), output counts, and ratios;
then `make serve`'s edit-to-page time at each size (bench/serve.py) and what each output
family costs at the largest size (bench/families.py).
Results: bench/results/bench.md and bench.json (serve.* and families.* too)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the bench package (the project root is not a package)

from bench import families, serve  # noqa: E402
from bench.corpus import make_bench_site  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def measure(cmd: list[str], cwd: Path) -> dict:
    """Run one build; wall, user+system CPU and peak RSS of it and every process it forked."""
    before = os.wait4  # rusage of the waited-for child includes its own waited-for children
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read()
    _, status, usage = before(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.decode(errors='replace')[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    result = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
              "cores_used": round(cpu / wall, 2), "peak_mb": round(usage.ru_maxrss / 1024)}
    search = search_cost(out.decode(errors="replace"))
    if search:
        result["search"] = search
    return result


_SEARCH = re.compile(r"search index: (\d+) pages, ([\w ]+?) in ([\d.]+) s"
                     r"(?: \(pagefind ([\d.]+) s\))?(?:, name forms ([\d.]+) s)?")
_SEARCH_LANG = re.compile(r"search index \((\w+)\): (\d+) pages, (\d+) bytes")


def search_cost(output: str) -> dict | None:
    """What the build printed about its search index (plugins/site_search): pages, whether
    Pagefind ran, the seconds the step added (hashing the pages, Pagefind, copying the bundle,
    and making every person's name forms) and each language's index size."""
    found = _SEARCH.search(output)
    if not found:
        return None
    pages, action, seconds, pagefind_s, names_s = found.groups()
    return {"pages": int(pages), "action": action.strip(),
            "added_s": round(float(seconds) + float(names_s or 0), 2),
            "pagefind_s": float(pagefind_s or 0), "name_forms_s": float(names_s or 0),
            "languages": {lang: {"pages": int(n), "bytes": int(size)}
                          for lang, n, size in _SEARCH_LANG.findall(output)}}


def count(out: Path) -> dict:
    files = [p for p in out.rglob("*") if p.is_file()]
    return {"html_pages": sum(p.suffix == ".html" for p in files), "files": len(files)}


def ensure_hugo() -> str:
    hugo = shutil.which("hugo")
    if hugo:
        return hugo
    if os.geteuid() != 0:
        raise SystemExit("hugo is missing: sudo apt-get install hugo")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("hugo")


def edit_one_article(site) -> None:
    """The editor's correction: one paragraph appended to one English article."""
    text = site.edit_target.read_text(encoding="utf-8")
    site.edit_target.write_text(text.rstrip("\n") + "\n\nA correction added after "
                                "publication.\n", encoding="utf-8")


def _median(samples: list[dict]) -> dict:
    """The run with the median wall time, and the spread of all of them."""
    ordered = sorted(samples, key=lambda r: r["wall_s"])
    return {**ordered[len(ordered) // 2], "runs": len(ordered),
            "wall_min_s": ordered[0]["wall_s"], "wall_max_s": ordered[-1]["wall_s"]}


def run_size(articles: int, people: int, work: Path, hugo: str, repeat: int = 3) -> dict:
    site = make_bench_site(work / f"n{articles}", articles, people)
    py = sys.executable
    samples: dict[str, list[dict]] = {}
    ours = [py, "-m", "pelican", str(site.content), "-s", str(site.settings), "-o"]
    # Rounds, not one build after another: a slow minute of a shared machine then lands on
    # every build of one round instead of on all runs of one build.
    for _ in range(repeat):
        for name in ("out-plain", "out-hugo", "out-full", "out-fresh"):
            shutil.rmtree(site.root / name, ignore_errors=True)
        shutil.rmtree(site.root / "cache", ignore_errors=True)
        out = site.root / "out-plain"
        samples.setdefault("plain_pelican", []).append({**measure(
            [py, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out)],
            site.plain), **count(out)})
        out = site.root / "out-hugo"
        samples.setdefault("hugo", []).append(
            {**measure([hugo, "--quiet", "-d", str(out)], site.hugo), **count(out)})
        out = site.root / "out-full"
        samples.setdefault("full_pipeline", []).append(
            {**measure([*ours, str(out)], ROOT), **count(out), "folder": out.name})
        # The same build without the search index (issue 20's Pagefind step), in the same
        # round and with its own empty caches: how much of the full build the search costs.
        nosearch = site.root / "out-nosearch"
        shutil.rmtree(nosearch, ignore_errors=True)
        samples.setdefault("full_without_search", []).append(
            {**measure([*ours, str(nosearch), "-e", "SEARCH_INDEX=false",
                        f"CACHE_PATH={json.dumps(str(site.root / 'cache-nosearch'))}",
                        f"PRISONER_LINKS_CACHE={json.dumps(str(site.root / 'cache-nosearch'))}"],
                       ROOT),
             **count(nosearch), "folder": nosearch.name})
        shutil.rmtree(nosearch, ignore_errors=True)
        shutil.rmtree(site.root / "cache-nosearch", ignore_errors=True)
        edit_one_article(site)
        samples.setdefault("incremental", []).append(
            {**measure([*ours, str(out)], ROOT), **count(out), "folder": out.name,
             "edited": str(site.edit_target.relative_to(site.root))})
        # What `invoke build` does after the same edit: a fresh folder (so no stale page can
        # survive), with the content caches (reader, links, catalogues) warm.
        # Like `invoke build`, it names the folder it replaces (OUTPUT_REPLACES): the writer
        # links in the outputs whose inputs did not change (plugins/site_writer).
        replaces = ["-e", f"OUTPUT_REPLACES={json.dumps(str(site.root / 'out-full'))}"]
        out = site.root / "out-fresh"
        samples.setdefault("fresh_folder_rebuild", []).append(
            {**measure([*ours, str(out), *replaces], ROOT), **count(out)})
    runs = {name: _median(runs) for name, runs in samples.items()}
    full, plain, hugo_run = runs["full_pipeline"], runs["plain_pelican"], runs["hugo"]
    ratios = {
        "full_vs_plain_pelican": round(full["wall_s"] / plain["wall_s"], 2),
        "full_vs_plain_pelican_per_page": round(
            (full["wall_s"] / full["html_pages"]) / (plain["wall_s"] / plain["html_pages"]), 2),
        "full_vs_hugo": round(full["wall_s"] / hugo_run["wall_s"], 1),
        "full_without_search_vs_plain_pelican": round(
            runs["full_without_search"]["wall_s"] / plain["wall_s"], 2),
        "full_without_search_vs_hugo": round(
            runs["full_without_search"]["wall_s"] / hugo_run["wall_s"], 1),
        "incremental_vs_full": round(runs["incremental"]["wall_s"] / full["wall_s"], 3),
        "fresh_folder_rebuild_vs_full": round(
            runs["fresh_folder_rebuild"]["wall_s"] / full["wall_s"], 3),
    }
    shutil.rmtree(site.root)
    return {"articles": articles, "people": people, "repeat": repeat, "runs": runs,
            "ratios": ratios}


def report(results: dict) -> str:
    lines = ["# Build benchmark", "",
             f"Machine: {results['machine']}. Corpus: `bench/corpus.py` (N source articles in "
             "English, translated into five languages as Markdown files and catalogues; "
             f"P = {results['sizes'][0]['people']} registry entries).", ""]
    for size in results["sizes"]:
        lines += [f"## N = {size['articles']:,}", "",
                  (f"Median of {size['repeat']} runs of each build, in rounds; the range is "
                   "the fastest and slowest run." if size["repeat"] > 1
                   else "One run of each build."), "",
                  "| build | wall (s) | wall range (s) | CPU (s) | cores used | "
                  "peak memory (MB) | HTML pages | files |", "|---|---|---|---|---|---|---|---|"]
        for name, r in size["runs"].items():
            lines.append(f"| {name.replace('_', ' ')} | {r['wall_s']} | "
                         f"{r['wall_min_s']}–{r['wall_max_s']} | {r['cpu_s']} | "
                         f"{r['cores_used']} | {r['peak_mb']} | {r['html_pages']:,} | "
                         f"{r['files']:,} |")
        search = size["runs"]["full_pipeline"].get("search")
        if search:
            lines += ["", "Search index (plugins/site_search), from the full pipeline's median "
                      f"run: {search['pages']:,} pages indexed, **{search['added_s']} s** added "
                      f"(Pagefind {search['pagefind_s']} s, name forms {search['name_forms_s']} s, "
                      "the rest hashing the pages and copying the bundle); the incremental "
                      "build reindexed because a page changed "
                      f"({size['runs']['incremental'].get('search', {}).get('added_s', '?')} s).",
                      "", "| language | pages | index size (KB) |", "|---|---|---|",
                      *[f"| {lang} | {info['pages']:,} | {info['bytes'] / 1024:,.0f} |"
                        for lang, info in search["languages"].items()]]
        ratios = size["ratios"]
        lines += ["", f"- full pipeline / plain Pelican: **{ratios['full_vs_plain_pelican']}×** "
                      f"wall ({ratios['full_vs_plain_pelican_per_page']}× per HTML page)",
                  f"- full pipeline / Hugo: **{ratios['full_vs_hugo']}×**",
                  "- full pipeline without the search index / plain Pelican: "
                  f"{ratios['full_without_search_vs_plain_pelican']}×, / Hugo: "
                  f"{ratios['full_without_search_vs_hugo']}×",
                  f"- incremental / full: **{ratios['incremental_vs_full']:.1%}**",
                  "- fresh-folder rebuild (`invoke build`) / full: "
                  f"{ratios['fresh_folder_rebuild_vs_full']:.1%}", ""]
    if len(results["sizes"]) == 2:
        small, big = results["sizes"]
        factor = big["articles"] / small["articles"]
        growth = {name: round(big["runs"][name]["wall_s"] / small["runs"][name]["wall_s"], 2)
                  for name in small["runs"]}
        lines += [f"## Scaling (N × {factor:g})", "",
                  "| build | wall time growth |", "|---|---|",
                  *[f"| {name.replace('_', ' ')} | {g}× |" for name, g in growth.items()], ""]
        results["growth"] = growth
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each build; the median is reported")
    parser.add_argument("--edits", type=int, default=5,
                        help="saved edits per size for make serve's edit-to-page time (0: none)")
    parser.add_argument("--families", action=argparse.BooleanOptionalAction, default=True,
                        help="measure what each output family costs at the largest size")
    args = parser.parse_args(argv)
    hugo = ensure_hugo()
    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    results = {"machine": f"{os.cpu_count()} cores, {platform.python_implementation()} "
                          f"{platform.python_version()}, {hugo_version.split('+')[0].strip()}",
               "sizes": []}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for articles in map(int, args.sizes.split(",")):
            print(f"N = {articles} …", flush=True)
            results["sizes"].append(run_size(articles, args.people, Path(tmp), hugo,
                                             args.repeat))
            save(results)  # a later step that fails or hangs does not lose these rounds
        sizes = [int(n) for n in args.sizes.split(",")]
        if args.edits:
            print("make serve: edit to page …", flush=True)
            results["serve"] = [serve.measure(n, args.people, Path(tmp), args.edits)
                                for n in sizes]
            save(results)
        if args.families:
            print("output families …", flush=True)
            results["families"] = families.measure(max(sizes), args.people, Path(tmp))
    print(save(results))


def save(results: dict) -> str:
    """Write what has been measured so far to bench/results/bench.{json,md}; returns the
    Markdown."""
    text = report(results)
    if results.get("serve"):
        text += "\n" + serve.report(results["serve"])
    if results.get("families"):
        text += "\n" + families.report(results["families"]).replace("# ", "## ", 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "bench.md").write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
