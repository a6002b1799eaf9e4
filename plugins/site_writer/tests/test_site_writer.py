"""The one writer: it alone skips unchanged outputs, renders on several processes, keeps
timestamps; with PERFORMANCE = False it renders and writes everything in one process."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from pelican.writers import FileOverwriteFailedError

from site_writer import SiteWriter
from site_writer.processes import RenderFailed


def _settings(tmp_path: Path, **extra) -> dict:
    for name in ("theme", "content"):
        (tmp_path / name).mkdir(exist_ok=True)
    return {"THEME": str(tmp_path / "theme"), "PATH": str(tmp_path / "content"),
            "CACHE_PATH": str(tmp_path / "cache"), "PARALLEL_WORKERS": 1, **extra}


def _build(tmp_path: Path, outputs: dict, **extra) -> list[str]:
    """Write {path: (inputs, text)} through a new writer; returns the paths rendered, in the
    order they were rendered."""
    rendered: list[str] = []
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, **extra))
    for path, (inputs, text) in outputs.items():
        writer.write(path, inputs, lambda path=path, text=text: rendered.append(path) or text)
    writer.finish()
    return rendered


def test_an_output_with_the_same_inputs_is_not_rendered_again(tmp_path):
    site = {"a/index.html": (("a", 1), "A"), "b.xml": (("b", 1), "B")}
    assert _build(tmp_path, site) == ["a/index.html", "b.xml"]
    assert _build(tmp_path, site) == []
    site["b.xml"] = (("b", 2), "B2")
    assert _build(tmp_path, site) == ["b.xml"]
    assert (tmp_path / "out/b.xml").read_text() == "B2"
    assert (tmp_path / "out/a/index.html").read_text() == "A"


def test_an_output_changed_or_removed_since_is_rendered_again(tmp_path):
    site = {"a.html": ("a", "A"), "b.html": ("b", "B")}
    _build(tmp_path, site)
    (tmp_path / "out/a.html").write_text("edited by hand, longer")
    (tmp_path / "out/b.html").unlink()
    assert sorted(_build(tmp_path, site)) == ["a.html", "b.html"]
    assert (tmp_path / "out/a.html").read_text() == "A"


def test_outputs_without_inputs_and_the_layer_turned_off_are_always_rendered(tmp_path):
    site = {"a.html": (None, "A"), "b.html": ("b", "B")}
    _build(tmp_path, site)
    assert _build(tmp_path, site) == ["a.html"]
    assert _build(tmp_path, site, PERFORMANCE=False) == ["a.html", "b.html"]


def test_a_file_with_the_same_bytes_keeps_its_timestamp(tmp_path):
    site = {"a.html": (None, "A"), "b.html": (None, "B")}
    _build(tmp_path, site)
    for name in ("a.html", "b.html"):
        os.utime(tmp_path / "out" / name, ns=(1, 1))
    site["b.html"] = (None, "B changed")
    _build(tmp_path, site)
    assert (tmp_path / "out/a.html").stat().st_mtime_ns == 1
    assert (tmp_path / "out/b.html").stat().st_mtime_ns != 1
    assert not list((tmp_path / "out").rglob("*.partial"))


def test_prioritised_outputs_are_rendered_before_the_others(tmp_path):
    rendered: list[str] = []
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, WRITE_FIRST=["c.html"]))

    def render(path: str):
        return lambda: rendered.append(path) or path

    for path in ("a.html", "b.html", "c.html", "d.html"):
        writer.write(path, path, render(path))
    assert rendered == ["c.html"]  # asked for first: rendered as soon as asked for
    writer.prioritise(["d.html"])  # already asked for: rendered now
    assert rendered == ["c.html", "d.html"]
    writer.finish()
    assert rendered == ["c.html", "d.html", "a.html", "b.html"]


def test_a_family_of_files_and_a_path_outside_the_folder(tmp_path):
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path))
    writer.write("feeds/x.atom.xml", "x", lambda: {"feeds/x.atom.xml": b"<a/>",
                                                   "feeds/x.rss.xml": "<r/>"})
    with pytest.raises(RuntimeError):
        writer.write("../escaped.html", None, lambda: "no")
    writer.finish()
    assert (tmp_path / "out/feeds/x.rss.xml").read_text() == "<r/>"
    assert not (tmp_path / "escaped.html").exists()


def test_writing_one_path_twice_is_refused_as_pelican_does(tmp_path):
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path))
    writer.write("a.html", None, lambda: "1")
    with pytest.raises(FileOverwriteFailedError):
        writer.write("a.html", None, lambda: "2")


def test_several_processes_render_every_output_and_pass_their_warnings_on(tmp_path, caplog):
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=2))

    def render(n: int):
        def job() -> str:
            if n == 33:
                logging.getLogger("pelican.test").warning("output 33 has a problem")
            time.sleep(0.005)  # long enough for the helper to take its share
            return f"{n} {os.getpid()}"
        return job

    for n in range(200):
        writer.write(f"p/{n}.html", n, render(n))
    with caplog.at_level(logging.WARNING):
        writer.finish()
    texts = [(tmp_path / f"out/p/{n}.html").read_text().split() for n in range(200)]
    assert [int(t[0]) for t in texts] == list(range(200))
    assert len({t[1] for t in texts}) == 2  # two processes rendered
    assert "output 33 has a problem" in caplog.text


def test_keys_made_by_the_processes_that_render_a_first_build_are_the_ones_compared_next(
        tmp_path):
    """A first build (nothing recorded) has each output's key made where it is rendered,
    on both processes; the next build, comparing keys made here, renders none of them
    again, and only the one whose inputs changed after that."""
    log = tmp_path / "rendered.log"  # appended to by whichever process renders

    def build(site: dict) -> list[str]:
        log.write_text("")
        writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=2))
        for path, (inputs, text) in site.items():
            def render(path=path, text=text) -> str:
                with log.open("a") as fp:
                    fp.write(f"{path} {os.getpid()}\n")
                time.sleep(0.005)  # long enough for the helper to take its share
                return text
            writer.write(path, inputs, render)
        writer.finish()
        return log.read_text().split("\n")[:-1]

    site = {f"p/{n}.html": ((n, "text"), f"{n}") for n in range(200)}
    first = build(site)
    assert len(first) == 200 and len({line.split()[1] for line in first}) == 2
    assert build(site) == []
    site["p/7.html"] = ((7, "edited"), "7 edited")
    assert [line.split()[0] for line in build(site)] == ["p/7.html"]


def test_a_failing_output_fails_the_build_with_its_path(tmp_path):
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=2))

    def render(n: int):
        def job() -> str:
            if n == 117:
                raise ValueError("no such field")
            return str(n)
        return job

    for n in range(200):
        writer.write(f"p/{n}.html", n, render(n))
    with pytest.raises(RenderFailed, match=r"p/117.html: ValueError: no such field"):
        writer.finish()


def test_a_fresh_folder_takes_unchanged_outputs_from_the_folder_it_replaces(tmp_path):
    def build(out: str, site: dict, **extra) -> list[str]:
        rendered: list[str] = []
        # Pelican sets OUTPUT_PATH to the folder given with -o: it is not what a page shows.
        writer = SiteWriter(str(tmp_path / out),
                            _settings(tmp_path, OUTPUT_PATH=str(tmp_path / out), **extra))
        for path, (inputs, text) in site.items():
            writer.write(path, inputs, lambda path=path, text=text: rendered.append(path) or text)
        writer.finish()
        return rendered

    site = {"a/index.html": ("a", "A"), "b.html": ("b", "B"), "c.html": (None, "C")}
    assert build("output", site) == ["a/index.html", "b.html", "c.html"]
    stamps = {name: (tmp_path / "output" / name).stat().st_mtime_ns
              for name in ("a/index.html", "b.html", "c.html")}
    site["b.html"] = ("b2", "B2")
    previous = str(tmp_path / "output")
    assert build("new", site, OUTPUT_REPLACES=previous) == ["b.html", "c.html"]
    new = tmp_path / "new"
    assert {p.relative_to(new).as_posix(): p.read_text() for p in new.rglob("*")
            if p.is_file()} == {"a/index.html": "A", "b.html": "B2", "c.html": "C"}
    # Unchanged outputs keep the timestamps they had (a rendered one with the same bytes too);
    # one touched since the last build is rendered again.
    assert (new / "a/index.html").stat().st_mtime_ns == stamps["a/index.html"]
    assert (new / "c.html").stat().st_mtime_ns == stamps["c.html"]
    assert (new / "b.html").stat().st_mtime_ns != stamps["b.html"]
    assert (tmp_path / "output/b.html").read_text() == "B"  # the old folder is left alone
    # "new" was not swapped in (say its checks failed): the keys it recorded for output/ do
    # not match b.html there, and a.html touched since does not match either.
    os.utime(tmp_path / "output/a/index.html", ns=(7, 7))
    assert build("newer", site, OUTPUT_REPLACES=previous) == ["a/index.html", "b.html",
                                                               "c.html"]
    assert (tmp_path / "newer/b.html").read_text() == "B2"


@pytest.mark.parametrize("workers", [1, 2])
def test_every_page_is_on_disk_when_pages_written_is_sent_and_no_output_that_reads_them(
        tmp_path, workers):
    """pipeline.PAGES_WRITTEN: the pages rendered from templates are final; of the files
    write() renders (feeds, calendars, data) only what helper processes have made since they
    started on them is there; the outputs after all others are still to come."""
    import jinja2

    import pipeline

    out = tmp_path / "out"
    writer = SiteWriter(str(out), _settings(tmp_path, PARALLEL_WORKERS=workers))
    template = jinja2.Environment().from_string("<main data-pagefind-body>{{ n }}</main>")
    pages = [f"articles/{n}/index.html" for n in range(40)]
    files = [f"feeds/{n}.atom.xml" for n in range(40)]
    # Asked for interleaved, as the generators do (a feed's pages before another's feed).
    for page, feed in zip(pages, files, strict=True):
        writer.write_file(page, template, {}, n=page)
        writer.write(feed, feed, lambda feed=feed: f"<feed>{feed}</feed>")
    writer.write("sitemap.xml", None, lambda: "<urlset/>", after_all=True)
    seen: list[tuple[str, set[str]]] = []

    def receiver(sender, settings):
        seen.append((sender, {p.relative_to(out).as_posix() for p in out.rglob("*")
                              if p.is_file()}))

    pipeline.PAGES_WRITTEN.connect(receiver)
    try:
        writer.finish()
    finally:
        pipeline.PAGES_WRITTEN.disconnect(receiver)
    assert len(seen) == 1
    folder, present = seen[0]
    assert folder == str(out)
    assert set(pages) <= present and present - set(pages) <= set(files)
    if workers == 1:
        assert present == set(pages)
    assert (out / "feeds/39.atom.xml").read_text() == "<feed>feeds/39.atom.xml</feed>"
    assert (out / "sitemap.xml").is_file()


def test_pages_written_is_not_sent_by_the_plain_writer(tmp_path):
    import pipeline

    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PERFORMANCE=False))
    writer.write("a.xml", None, lambda: "A")
    seen = []

    def receiver(sender, settings):  # a function: blinker keeps `seen.append` only weakly
        seen.append(sender)

    pipeline.PAGES_WRITTEN.connect(receiver)
    try:
        writer.finish()
    finally:
        pipeline.PAGES_WRITTEN.disconnect(receiver)
    assert seen == [] and (tmp_path / "out/a.xml").read_text() == "A"


def test_a_page_the_last_build_wrote_and_this_one_does_not_is_gone_when_pages_written_is_sent(
        tmp_path):
    """A text taken down: its page is removed before the search index starts on the pages;
    a feed the last build wrote and this one writes again is left for its job."""
    import jinja2

    import pipeline

    out = tmp_path / "out"
    template = jinja2.Environment().from_string("<main data-pagefind-body>{{ n }}</main>")

    def build(pages: list[str]) -> set[str]:
        writer = SiteWriter(str(out), _settings(tmp_path))
        for page in pages:
            writer.write_file(page, template, {}, n=page, inputs=page)
        writer.write("feeds/all.atom.xml", None, lambda: f"<feed>{len(pages)}</feed>")
        seen: set[str] = set()

        def receiver(sender, settings):
            seen.update(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())

        pipeline.PAGES_WRITTEN.connect(receiver)
        try:
            writer.finish()
        finally:
            pipeline.PAGES_WRITTEN.disconnect(receiver)
        return seen

    build(["a/index.html", "b/index.html"])
    seen = build(["a/index.html"])
    assert "b/index.html" not in seen and "a/index.html" in seen
    assert "feeds/all.atom.xml" in seen  # last build's, replaced by its job after the signal
    assert (out / "feeds/all.atom.xml").read_text() == "<feed>1</feed>"
    assert not (out / "b").exists()


@pytest.mark.parametrize("replace", ["folder", "file"])
def test_a_stale_output_behind_a_symlink_is_never_followed_out_of_the_folder(tmp_path, replace):
    """Someone moved a page elsewhere and left a symlink in its place (a folder or the file):
    taking the page down must not delete the file the link points at, outside the output."""
    import shutil

    import jinja2

    out, elsewhere = tmp_path / "out", tmp_path / "archive"
    template = jinja2.Environment().from_string("<p>{{ n }}</p>")

    def build(pages: list[str]) -> None:
        writer = SiteWriter(str(out), _settings(tmp_path))
        for page in pages:
            writer.write_file(page, template, {}, n=page, inputs=page)
        writer.finish()

    build(["a/index.html", "b/index.html"])
    elsewhere.mkdir()
    if replace == "folder":
        shutil.copytree(out / "b", elsewhere / "b", copy_function=shutil.copy2)
        shutil.rmtree(out / "b")
        (out / "b").symlink_to(elsewhere / "b", target_is_directory=True)
    else:
        shutil.copy2(out / "b/index.html", elsewhere / "index.html")
        (out / "b/index.html").unlink()
        (out / "b/index.html").symlink_to(elsewhere / "index.html")
    kept = sorted(p.name for p in elsewhere.rglob("*"))
    build(["a/index.html"])
    assert sorted(p.name for p in elsewhere.rglob("*")) == kept


@pytest.mark.parametrize("workers", [1, 2])
def test_what_outputs_share_is_prepared_once_in_the_build_process_before_they_render(
        tmp_path, workers):
    """write()'s prepare: run once per output to be rendered, in the build's own process,
    before any of those outputs renders; the processes that render inherit what it made."""
    import jinja2

    made: dict[str, int] = {}  # what the outputs share -> the process that made it
    calls: list[str] = []

    def prepare(name: str):
        def call() -> None:
            calls.append(name)
            made.setdefault("entries", os.getpid())
        return call

    def render(name: str):
        def job() -> str:
            made.setdefault("entries", -os.getpid())  # made here: the render's own work
            return f"{name} {made['entries']}"
        return job

    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=workers))
    template = jinja2.Environment().from_string("{{ n }}")
    for n in range(40):
        writer.write_file(f"p/{n}.html", template, {}, n=n)
    names = [f"f/{n}.xml" for n in range(40)]
    for name in names:
        writer.write(name, name, render(name), prepare=prepare(name))
    writer.finish()
    assert sorted(calls) == sorted(names)
    for name in names:
        assert (tmp_path / "out" / name).read_text() == f"{name} {os.getpid()}"
    # An output with the same inputs as the file already there is not rendered: its share
    # is not made either.
    calls.clear()
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=workers))
    for name in names:
        writer.write(name, name if name != "f/3.xml" else "changed", render(name),
                     prepare=prepare(name))
    writer.finish()
    assert calls == ["f/3.xml"]


def test_a_failing_prepare_is_left_to_the_render_that_repeats_it(tmp_path):
    def prepare() -> None:
        raise ValueError("a broken entry (prepared)")

    def render() -> str:
        raise ValueError("a broken entry (rendered)")

    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path))
    writer.write("f.xml", None, render, prepare=prepare)
    # One process: the render's own exception (several: RenderFailed naming the output).
    with pytest.raises(ValueError, match=r"\(rendered\)"):
        writer.finish()


def test_a_fresh_folder_never_writes_through_a_file_linked_from_the_folder_it_replaces(
        tmp_path):
    """In a fresh folder a new file is written in place; one already there (here linked in
    from the site it replaces, then written again) is replaced, never written through."""
    from site_writer.files import write_if_changed

    old, new = tmp_path / "old", tmp_path / "new"
    (old / "feeds").mkdir(parents=True)
    (old / "feeds/a.xml").write_bytes(b"A")
    target = str(new / "feeds/a.xml")
    assert write_if_changed(target, b"A", str(old / "feeds/a.xml"), new=True)
    assert os.path.samefile(target, old / "feeds/a.xml")  # linked in, timestamps kept
    assert write_if_changed(target, b"B", str(old / "feeds/a.xml"), new=True)
    assert (new / "feeds/a.xml").read_bytes() == b"B"
    assert (old / "feeds/a.xml").read_bytes() == b"A"
    assert write_if_changed(str(new / "feeds/b.xml"), b"C" * 100_000, new=True)
    assert (new / "feeds/b.xml").read_bytes() == b"C" * 100_000
    assert sorted(p.name for p in (new / "feeds").iterdir()) == ["a.xml", "b.xml"]


@pytest.mark.parametrize("fresh", [True, False])
def test_a_write_that_fails_leaves_no_half_file(tmp_path, monkeypatch, fresh):
    from site_writer import files

    written: list[int] = []

    def full_disk(fd, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(len(data))
        return min(len(data), 10)

    monkeypatch.setattr(files.os, "write", full_disk)
    with pytest.raises(OSError, match="No space"):
        files.write_if_changed(str(tmp_path / "out/a.xml"), b"x" * 100, new=fresh)
    monkeypatch.undo()
    assert written == [100]
    assert list((tmp_path / "out").iterdir()) == []


def _pages(writer: SiteWriter, count: int, source: str, **names) -> None:
    import jinja2

    template = jinja2.Environment().from_string(source)
    for n in range(count):
        writer.write_file(f"pages/{n}.html", template, {}, n=n, **names)


def test_pages_are_rendered_by_another_process_while_the_generators_go_on(tmp_path, caplog):
    """The pages queued so far are rendered on the other core before `finish` (the
    generators after them used to leave it idle), what they log reaches this process, and
    every page is written once, complete."""
    import logging as _logging

    out = tmp_path / "out"
    writer = SiteWriter(str(out), _settings(tmp_path, PARALLEL_WORKERS=2))

    log = tmp_path / "rendered.log"  # appended to by whichever process renders

    def note(n):
        if n == 5:
            _logging.getLogger("pelican.test").warning("page 5 has a problem")
        with log.open("a") as fp:
            fp.write(f"{n}\n")
        return os.getpid()

    _pages(writer, 300, "{{ n }} {{ note(n) }}", note=note)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (out / "pages/0.html").is_file():
        time.sleep(0.05)
    assert (out / "pages/0.html").is_file(), "no page written before finish"
    with caplog.at_level(logging.WARNING):
        writer.finish()
    texts = [(out / f"pages/{n}.html").read_text().split() for n in range(300)]
    assert [int(t[0]) for t in texts] == list(range(300))
    assert str(os.getpid()) != texts[0][1]
    assert sorted(map(int, log.read_text().split())) == list(range(300))  # each once
    assert caplog.text.count("page 5 has a problem") == 1


def test_a_page_handed_to_a_helper_and_overridden_ends_as_the_override(tmp_path):
    """Pelican's override_output: the later version wins even when the earlier one was
    already handed to another process."""
    import jinja2

    out = tmp_path / "out"
    writer = SiteWriter(str(out), _settings(tmp_path, PARALLEL_WORKERS=2))
    _pages(writer, 300, "{{ n }}")
    template = jinja2.Environment().from_string("override {{ n }}")
    writer.write_file("pages/0.html", template, {}, n=0, override_output=True)
    writer.finish()
    assert (out / "pages/0.html").read_text() == "override 0"
    assert (out / "pages/299.html").read_text() == "299"


def test_a_page_failing_in_a_helper_started_early_fails_the_build_with_its_path(tmp_path):
    writer = SiteWriter(str(tmp_path / "out"), _settings(tmp_path, PARALLEL_WORKERS=2))

    def check(n):
        if n == 17:
            raise ValueError("no such field")
        return ""

    _pages(writer, 300, "{{ n }}{{ check(n) }}", check=check)
    with pytest.raises(RenderFailed, match=r"pages/17.html: ValueError: no such field"):
        writer.finish()


def test_helpers_started_early_are_ended_when_the_build_is_abandoned(tmp_path):
    """A build that fails before finish (make serve goes on to the next) leaves no helper
    writing pages into the folder behind its back."""
    out = tmp_path / "out"
    writer = SiteWriter(str(out), _settings(tmp_path, PARALLEL_WORKERS=2))
    _pages(writer, 300, "{{ n }}{{ wait() }}", wait=lambda: time.sleep(0.05) or "")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (out / "pages/0.html").is_file():
        time.sleep(0.05)
    writer.abandon()
    written = len(list(out.rglob("*.html")))
    time.sleep(0.5)
    assert written == len(list(out.rglob("*.html"))) < 300
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even one to reap


def test_the_last_jobs_are_taken_one_at_a_time_so_no_process_holds_several_alone():
    """Two processes render 40 quick jobs and then two that each wait for the other to
    start (a barrier). Taken eight at a time, both last jobs went to one process, which
    waited for itself; taken one at a time near the end, each process has one."""
    import multiprocessing

    from site_writer import processes

    assert [processes.take(n, 2) for n in (100, 33, 16, 7, 3, 1)] == [8, 8, 4, 1, 1, 1]
    barrier = multiprocessing.get_context("fork").Barrier(2, timeout=10)

    def quick() -> int:
        return os.getpid()

    def meet() -> int:
        barrier.wait()
        return os.getpid()

    jobs = [(f"q{n}", quick) for n in range(40)] + [("m1", meet), ("m2", meet)]
    results = processes.run(jobs, 2)
    assert len(results) == 42 and results["m1"] != results["m2"]


def test_the_other_outputs_are_rendered_while_pages_written_is_handled(tmp_path):
    """The receivers of pipeline.PAGES_WRITTEN run in the build's process while helpers
    render the outputs after the pages (a receiver that waits for a feed sees it made)."""
    import jinja2

    import pipeline

    out = tmp_path / "out"
    writer = SiteWriter(str(out), _settings(tmp_path, PARALLEL_WORKERS=2))
    template = jinja2.Environment().from_string("<main>{{ n }}</main>")
    for n in range(20):
        writer.write_file(f"articles/{n}/index.html", template, {}, n=n)
    files = [f"feeds/{n}.atom.xml" for n in range(40)]
    for feed in files:
        writer.write(feed, feed, lambda feed=feed: f"<feed>{feed}</feed>")
    seen = []

    def receiver(sender, settings):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (out / "feeds").is_dir():
            time.sleep(0.01)
        seen.append((out / "feeds").is_dir())

    pipeline.PAGES_WRITTEN.connect(receiver)
    try:
        writer.finish()
    finally:
        pipeline.PAGES_WRITTEN.disconnect(receiver)
    assert seen == [True]
    assert all((out / feed).is_file() for feed in files)
