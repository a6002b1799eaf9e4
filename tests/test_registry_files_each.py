"""The registry's files checked one by one through pipeline.each (on every core when the
performance layer is on): the same entries and the same problems, in file order, as read in
one process; problems checked across files (a slug used twice) still decide what is kept."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pipeline
from prisoner_registry.loader import load

SOURCE = Path(__file__).parents[1] / "content"


def _content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for folder in ("prisoners", "cases"):
        shutil.copytree(SOURCE / folder, content / folder)
    kurlov = (content / "prisoners/alexey-kurlov.yaml").read_text(encoding="utf-8")
    # A copy under another file name: its slug differs from the name and is taken, so only
    # those two problems are reported (not its own, a date in the future).
    (content / "prisoners/zz-copy.yaml").write_text(
        kurlov.replace("status_as_of: 2021-09", "status_as_of: 2999-09"), encoding="utf-8")
    # A file that is not YAML: refused, listed as invalid.
    (content / "prisoners/zz-broken.yaml").write_text("slug: [\n", encoding="utf-8")
    # An entry of its own with a date in the future.
    (content / "prisoners/zz-later.yaml").write_text(
        kurlov.replace("slug: alexey-kurlov", "slug: zz-later")
        .replace("family: Kurlov", "family: Laterov").replace("family: Курлов", "family: Латеров")
        .replace("family: Kurlow", "family: Laterow").replace("family: Kourlov", "family: Laterof")
        .replace("status_as_of: 2021-09", "status_as_of: 2999-09"), encoding="utf-8")
    # A link out of the content folder: not read.
    (tmp_path / "outside.yaml").write_text(kurlov, encoding="utf-8")
    (content / "prisoners/zz-link.yaml").symlink_to(tmp_path / "outside.yaml")
    return content


def test_registry_files_checked_on_every_core_give_what_one_process_gives(tmp_path):
    import site_writer

    content = _content(tmp_path)
    on = {"PERFORMANCE": True, "PARALLEL_WORKERS": 2, "PARALLEL_MIN_ITEMS": 1}
    pids: set[int] = set()

    def each(func, items):
        results = pipeline.each("registry files", lambda item: (func(item), os.getpid()),
                                items, on)
        pids.update(pid for _, pid in results)
        return [result for result, _ in results]

    runs = []
    pipeline.EACH.connect(site_writer._each)  # as site_writer.register() leaves it
    for how in (None, each):
        reports: list[tuple[str, str, str]] = []
        registry = load(content, lambda *r, reports=reports: reports.append(r),
                        now=datetime(2026, 11, 30, tzinfo=UTC), each=how)
        runs.append((reports, registry))
    assert pids and os.getpid() not in pids
    (alone, one), (spread, other) = runs
    assert spread == alone
    assert list(other.people) == list(one.people) and other.people == one.people
    assert other.cases == one.cases and other.files == one.files
    assert other.invalid_people == one.invalid_people == {
        "zz-broken": "content/prisoners/zz-broken.yaml"}
    mine = [(rel, where) for rel, where, _ in alone if "/zz-" in rel]
    assert mine == [("content/prisoners/zz-broken.yaml", "line 2"),
                    ("content/prisoners/zz-copy.yaml", "slug"),
                    ("content/prisoners/zz-copy.yaml", "slug"),
                    ("content/prisoners/zz-later.yaml", "status_as_of"),
                    ("content/prisoners/zz-link.yaml", "(file)")]
    assert "zz-later" in one.people and "zz-copy" not in one.people
    assert "zz-link" not in one.people and "zz-link" not in one.invalid_people
