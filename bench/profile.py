"""Where the time of a build goes: builds the bench corpus, then profiles one single-process
build with pyinstrument (a sampling profiler, so the numbers are close to an unprofiled run;
one process so the writing half is in the same profile). By default the caches are warmed
first and one article is edited, which is the editor's rebuild; --cold profiles a first build.

Writes bench/results/profile-<kind>-<N>.txt (a call tree, committed) and .html (interactive,
not committed)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for the bench package (the project root is not a package)

from bench.corpus import make_bench_site  # noqa: E402
from bench.run import edit_one_article  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--cold", action="store_true", help="profile a build with no caches")
    args = parser.parse_args()
    kind = "cold" if args.cold else "edit"
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"profile-{kind}-{args.articles}"
    with tempfile.TemporaryDirectory(prefix="profile-") as tmp:
        site = make_bench_site(Path(tmp) / "site", args.articles, args.people)
        with site.settings.open("a", encoding="utf-8") as fp:
            fp.write("PARALLEL_WORKERS = 1\n")
        out = Path(tmp) / "out"
        cmd = ["-m", "pelican", str(site.content), "-s", str(site.settings), "-o", str(out),
               "--log-handler", "plain"]
        if not args.cold:
            subprocess.run([sys.executable, *cmd], cwd=ROOT, check=True, capture_output=True)
            edit_one_article(site)
        session = stem.with_suffix(".pyisession")
        subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "pyisession",
                        "-o", str(session), "-i", "0.002", *cmd],
                       cwd=ROOT, check=True, capture_output=True)
    # Pelican and Jinja are libraries, but their frames say which step the time is in.
    show = ["--show", "*/pelican/*", "--show", "*/jinja2/*", "--show", "*/feedgen/*"]
    for renderer in ("text", "html"):
        subprocess.run([sys.executable, "-m", "pyinstrument", "--load", str(session),
                        "-r", renderer, "-o", f"{stem}.{renderer if renderer == 'html' else 'txt'}",
                        "--no-color", "--unicode", *show], check=True)
    session.unlink()
    print((stem.with_suffix(".txt")).read_text(encoding="utf-8")[:6000])
    print(f"full tree: {stem}.txt, interactive: {stem}.html")


if __name__ == "__main__":
    main()
