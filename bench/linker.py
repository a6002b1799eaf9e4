"""Linker benchmark: linker time on a 1,000-article corpus with 10 and with 1,000 registered
people, and the linker's share of the whole build. `invoke bench-linker` runs it.

Each registry size is built three times with caches of its own (never the checkout's):
  * cold: nothing cached; the matcher is compiled and every text linked;
  * relink: the compiled matcher is loaded from its cache, every text linked again (the link
    results are deleted first) — the cost of linking itself;
  * warm: a rebuild with nothing changed (matcher and link results from the caches).
The linker's own time is read from its report line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for bench.corpus (the project root is not a package)

from bench.corpus import make_corpus, synthetic_people, write_registry  # noqa: E402

# The console wraps long lines: any run of white space may stand for a space.
_REPORT = re.compile(r"prisoner\s+links:\s+\d+\s+people,\s+\d+\s+documents,\s+([\d.]+)\s+s\s+"
                     r"\(matcher\s+(?:compiled|from\s+cache)\s+in\s+([\d.]+)\s+s\)")


def build(content: Path, out: Path, settings: Path) -> tuple[float, float, float]:
    """Whole build wall time, the linker's own time and its matcher time (s)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(settings),
                           "-o", str(out), "--log-handler", "plain"],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode:
        raise SystemExit(proc.stdout + proc.stderr)
    found = _REPORT.search(proc.stdout + proc.stderr)
    if found is None:
        raise SystemExit("no linker report line in the build output:\n" + proc.stdout[-3000:])
    return wall, float(found.group(1)), float(found.group(2))


def _settings(path: Path, cache: Path) -> Path:
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                    f"CACHE_PATH = {str(cache / 'pelican')!r}\n"
                    f"PRISONER_LINKS_CACHE = {str(cache)!r}\n", encoding="utf-8")
    return path


def run(articles: int = 1000) -> dict:
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
            cache = Path(tmp) / f"cache{people}"
            settings = _settings(Path(tmp) / f"settings{people}.py", cache)
            run_ = {}
            for label in ("cold", "relink", "warm"):
                if label == "relink":
                    # (Pelican's cache folder is keyed by the settings: content_model)
                    stored = list((cache / "pelican").rglob("prisoner-links.pickle"))
                    if not stored:
                        raise SystemExit("no link results were cached by the cold build")
                    for stale in stored:
                        stale.unlink()
                out = Path(tmp) / f"out{people}-{label}"
                wall, linker, matcher = build(content, out, settings)
                shutil.rmtree(out)
                run_[label] = {"build_s": round(wall, 2), "linker_s": round(linker, 2),
                               "matcher_s": round(matcher, 2),
                               "linker_share": round(linker / wall, 3)}
            results["runs"][people] = run_
    runs = results["runs"]
    results["ratio_1000_vs_10"] = {label: round(runs[1000][label]["linker_s"]
                                                / max(runs[10][label]["linker_s"], 0.01), 2)
                                   for label in ("cold", "relink", "warm")}
    return results


def report(results: dict) -> str:
    lines = [f"# Linker benchmark ({results['articles']} source articles)", "",
             "cold: nothing cached (matcher compiled, every text linked); relink: matcher from "
             "its cache, every text linked; warm: rebuild with nothing changed.", "",
             "| registered people | build | whole build (s) | linker (s) | of which matcher (s) "
             "| linker share |", "|---|---|---|---|---|---|"]
    for people, run_ in results["runs"].items():
        for label, r in run_.items():
            lines.append(f"| {people} | {label} | {r['build_s']} | {r['linker_s']} | "
                         f"{r['matcher_s']} | {r['linker_share']:.1%} |")
    ratios = results["ratio_1000_vs_10"]
    lines += ["", "Linker time with 1,000 people / with 10: "
              + ", ".join(f"{label} **{ratio}**" for label, ratio in ratios.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    res = run()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "linker.json").write_text(json.dumps(res, indent=2) + "\n")
    (out / "linker.md").write_text(report(res))
    print(report(res))
