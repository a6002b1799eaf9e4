"""Edit-to-page time of `make serve` (tools/dev_server.py) on the bench corpus: the dev server
builds the site once, then one English article is saved with a new paragraph several times;
each time is measured from the moment the file is saved (written and closed) to the moment
the article's page file holds the new text ("page"), and to the end of the normal build that
brings the rest of the site up to date ("rest").

`python bench/serve.py [-n 2000] [-p 1000] [--edits 5]`; `invoke bench` runs it for each size.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (python bench/serve.py)
    sys.path.insert(0, str(ROOT))

import site_scheme  # noqa: E402
from bench.corpus import make_bench_site  # noqa: E402


class DevServer:
    """tools/dev_server.py in a subprocess on a free port, and its /__dev__/changes log."""

    def __init__(self, content: Path, out: Path, settings: Path, timeout: float = 1800):
        self.out = out
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tools/dev_server.py"), "--content", str(content),
             "-s", str(settings), "-o", str(out), "--port", "0"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.base = self._wait_for_address(timeout)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    def _wait_for_address(self, timeout: float) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise RuntimeError("the dev server stopped:\n" + "".join(self.log)) from None
                continue
            self.log.append(line)
            if line.startswith("Serving "):
                return line.split(" at ", 1)[1].split()[0].rstrip("/")
        raise RuntimeError("the dev server did not start:\n" + "".join(self.log))

    def drain(self) -> list[str]:
        """The server's lines printed since the last call."""
        new = []
        while not self.lines.empty():
            new.append(self.lines.get())
        self.log += new
        return new

    def changes(self, since: int) -> dict:
        with urlopen(f"{self.base}/__dev__/changes?since={since}") as response:
            return json.loads(response.read())

    def wait_for_build(self, since: int, timeout: float = 3600) -> list[dict]:
        """The steps after version `since`, once a normal build has finished."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            steps = self.changes(since)["steps"]
            if any(s["step"] == "build" for s in steps):
                return steps
            time.sleep(0.05)
        raise RuntimeError("no build after the edit:\n" + "".join(self.log))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def page_of(article: Path) -> str:
    """The output path of an article in the default language, from its Slug."""
    slug = re.search(r"^Slug:\s*(\S+)", article.read_text(encoding="utf-8"), re.M).group(1)
    return site_scheme.save_as("article", slug=slug)


def measure(articles: int, people: int, work: Path, edits: int = 5) -> dict:
    site = make_bench_site(work / f"serve{articles}", articles, people)
    out = site.root / "out"
    started = time.perf_counter()
    server = DevServer(site.content, out, site.settings)
    first_build = time.perf_counter() - started
    page = out / page_of(site.edit_target)
    runs = []
    try:
        for number in range(edits):
            since = server.changes(0)["version"]
            token = f"Correction {number} made at {time.time_ns()}."
            text = site.edit_target.read_text(encoding="utf-8").rstrip("\n")
            with site.edit_target.open("w", encoding="utf-8") as fp:
                fp.write(f"{text}\n\n{token}\n")
            saved = time.perf_counter()
            needle = token.encode()
            while needle not in (early := page.read_bytes()):
                if time.perf_counter() - saved > 600:
                    raise RuntimeError("the page never showed the edit")
                time.sleep(0.005)
            page_s = time.perf_counter() - saved
            steps = server.wait_for_build(since)
            final = page.read_bytes()
            # The server's own time for reading, linking and writing the page (the rest of
            # page_s is noticing the save and this script noticing the page).
            lines = server.drain()
            inside = [float(m.group(1)) for line in lines
                      for m in [re.search(r"page written in ([\d.]+) s", line)] if m]
            cpu = [float(m.group(1)) for line in lines
                   for m in [re.search(r"\(([\d.]+) s CPU", line)] if m]
            noticed = [float(m.group(1)) for line in lines
                       for m in [re.search(r"noticed ([\d.]+) s after", line)] if m]
            runs.append({"page_s": round(page_s, 3), "server_page_s": inside[:1],
                         "server_page_cpu_s": cpu[:1], "noticed_s": noticed[:1],
                         "rest_s": round(time.perf_counter() - saved, 2),
                         "page_first": steps[0]["step"] == "page",
                         # The page shown first is the one the build then keeps.
                         "same_as_build": early == final})
            time.sleep(1)
    finally:
        server.stop()
    return {"articles": articles, "people": people, "first_build_s": round(first_build, 1),
            "edits": runs,
            "page_s": round(statistics.median(r["page_s"] for r in runs), 3),
            "page_max_s": max(r["page_s"] for r in runs),
            # The dev server's CPU time for reading, linking and writing the page: what the
            # page costs whatever else the machine is doing.
            "page_cpu_s": round(statistics.median(
                [r["server_page_cpu_s"][0] for r in runs if r["server_page_cpu_s"]] or [0]), 3),
            "rest_s": round(statistics.median(r["rest_s"] for r in runs), 2)}


def report(results: list[dict]) -> str:
    lines = ["## make serve: edit to page", "",
             "Time from saving one article to its page file holding the new text (page), and "
             "to the end of the normal build that updates the rest of the site (rest); "
             "median of the edits, after the dev server's first build.", "",
             "| N | edits | page (s, median) | page (s, slowest) | server CPU for the page "
             "(s, median) | rest (s, median) | written first every time | "
             "first page = the build's |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['articles']:,} | {len(r['edits'])} | {r['page_s']} | "
                     f"{r['page_max_s']} | {r.get('page_cpu_s', '–')} | {r['rest_s']} | "
                     f"{'yes' if all(e['page_first'] for e in r['edits']) else 'no'} | "
                     f"{'yes' if all(e.get('same_as_build') for e in r['edits']) else 'no'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--articles", default="2000", help="sizes, comma-separated")
    parser.add_argument("-p", "--people", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="serve-") as tmp:
        for n in map(int, args.articles.split(",")):
            results.append(measure(n, args.people, Path(tmp), args.edits))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "serve.json").write_text(json.dumps(results, indent=2) + "\n",
                                            encoding="utf-8")
    text = report(results)
    (results_dir / "serve.md").write_text(text, encoding="utf-8")
    print(text)
    return results


if __name__ == "__main__":
    main()
