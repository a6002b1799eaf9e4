"""Linker benchmark: linker time on a 1,000-article corpus with 10 and with 1,000 registered
people, and the linker's share of the whole build. `invoke bench-linker` runs it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from bench.corpus import make_corpus, synthetic_people, write_registry  # noqa: E402


def build(content: Path, out: Path) -> tuple[float, float]:
    """Whole build wall time and the linker's own time (from its report line)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s",
                           str(ROOT / "pelicanconf.py"), "-o", str(out), "--log-handler", "plain"],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    linker = float(re.search(r"prisoner links: \d+ people, \d+ documents, ([\d.]+) s",
                             proc.stdout + proc.stderr).group(1))
    # The first build of a registry compiles the matcher; rebuilds load it from the cache.
    return wall, linker


def run(articles: int = 1000, repeat: int = 2) -> dict:
    results: dict = {"articles": articles, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        make_corpus(content, articles)
        for path in (content / "articles").rglob("*.md"):
            # The linker finds the names in the text; metadata would name people who are not
            # in the 10-person registry.
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"^Prisoners: .*\n", "", text, flags=re.M), encoding="utf-8")
        for people in (10, 1000):
            write_registry(content, synthetic_people(people))
            best = min((build(content, Path(tmp) / f"out{people}-{i}") for i in range(repeat)),
                       key=lambda r: r[1])
            results["runs"][people] = {"build_s": round(best[0], 2), "linker_s": round(best[1], 2),
                                       "linker_share": round(best[1] / best[0], 3)}
    runs = results["runs"]
    results["ratio_1000_vs_10"] = round(runs[1000]["linker_s"] / runs[10]["linker_s"], 2)
    return results


def report(results: dict) -> str:
    lines = [f"# Linker benchmark ({results['articles']} source articles)", "",
             "| registered people | whole build (s) | linker (s) | linker share |",
             "|---|---|---|---|"]
    for people, r in results["runs"].items():
        lines.append(f"| {people} | {r['build_s']} | {r['linker_s']} | {r['linker_share']:.1%} |")
    lines += ["", f"Linker time with 1,000 people / with 10: **{results['ratio_1000_vs_10']}**"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    res = run()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "linker.json").write_text(json.dumps(res, indent=2) + "\n")
    (out / "linker.md").write_text(report(res))
    print(report(res))
