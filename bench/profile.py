"""Where the time of a build goes: builds the bench corpus once (to fill the caches), edits
nothing, then profiles a second, single-process build with cProfile (so the writing half is
in the profile too) and prints the project's functions by cumulative time. Also writes the
raw profile to bench/results/profile.pstats for snakeviz or pstats."""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make_bench_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--cold", action="store_true", help="profile a build with no caches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        site = make_bench_site(Path(tmp) / "site", args.articles, args.people)
        with site.settings.open("a", encoding="utf-8") as fp:
            fp.write("PARALLEL_WORKERS = 1\n")
        out = Path(tmp) / "out"
        cmd = ["-m", "pelican", str(site.content), "-s", str(site.settings), "-o", str(out),
               "--log-handler", "plain"]
        if not args.cold:
            subprocess.run([sys.executable, *cmd], cwd=ROOT, check=True, capture_output=True)
        stats_file = ROOT / "bench" / "results" / "profile.pstats"
        stats_file.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), *cmd],
                       cwd=ROOT, check=True, capture_output=True)
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("cumulative").print_stats(r"plugins|generators\.py|writers\.py", 40)


if __name__ == "__main__":
    main()
