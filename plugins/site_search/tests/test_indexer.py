"""What Pagefind is given (only the pages the theme marks) and how its bundle is put into the
output (copies of the cached bundle's files, unchanged files untouched, stale ones removed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from site_search.indexer import _place, inputs_key, page_glob, pagefind_binary

MARKED = '<html lang="en"><body><main data-pagefind-body><h1>{}</h1></main></body></html>'
LISTING = '<html lang="en"><body><main><h1>Archives</h1><p>{}</p></main></body></html>'


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")


def test_pagefind_is_given_the_marked_pages_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    marked = ["articles/a/index.html", "articles/b/index.html", "ru/prisoners/x/index.html",
              "about/index.html", "odd {1},[x]/index.html"]
    for rel in marked:
        _write(out, rel, MARKED.format(rel))
    for rel in ["index.html", "ru/archives/index.html", "ru/prisoners/x/letter/index.html",
                "ru/prisoners/index.html", "tag/a/index.html", "archives/index.html"]:
        _write(out, rel, LISTING.format(rel))
    _write(out, "feeds/all.atom.xml", "<feed/>")
    key, pages, others = inputs_key(out, ["--site", "."], "1.5.2")
    assert pages == sorted(marked)
    # Pagefind itself says how many files the glob gave it.
    glob = page_glob(pages, others)
    done = subprocess.run([str(pagefind_binary()), "--site", ".", "--glob", glob,
                           "--output-path", str(tmp_path / "bundle"), "--verbose"],
                          cwd=out, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    found = re.search(r"Found (\d+) files? matching", done.stdout)
    assert found and int(found.group(1)) == len(marked), done.stdout
    # A listing's change does not change the key; a marked page's does.
    _write(out, "ru/archives/index.html", LISTING.format("Another"))
    assert inputs_key(out, ["--site", "."], "1.5.2")[0] == key
    _write(out, "articles/a/index.html", MARKED.format("Edited"))
    assert inputs_key(out, ["--site", "."], "1.5.2")[0] != key


# A page as the theme writes it: a head, a header with ids, a menu and a footer around the
# marked <main> (itself with an id), which holds headings, anchors, an ignored part and the
# hidden search record with its weight and filters.
CHROME = """<!DOCTYPE html><html lang="{lang}"><head><title>{title} | Site</title>
<meta name="description" content="Site description"></head><body>
<a href="#main" id="skip">Skip to content</a>
<header id="top"><div id="brand">Solidarity Site</div><h2 id="tagline">Letters and news</h2>
<nav><ul><li><a href="/a/" id="m1">Articles</a></li></ul></nav>
<p id="notice">Every page repeats this notice.</p></header>
<main id="main" class="wrap" data-pagefind-body><h1 id="t">{title}</h1>
<p>{text} <a href="/x/" id="ref">a reference</a>.</p><h2 id="s2">Second part</h2><p>More {text}</p>
<aside data-pagefind-ignore><p>People box {title}</p></aside>
<div class="search-record" hidden data-pagefind-weight="10">Kagarlitsky Kagarlizki
<span data-pagefind-filter="person:boris-kagarlitsky"></span>
<span data-pagefind-filter="year:2024"></span></div></main>
<footer id="foot"><p>Licence line</p></footer></body></html>"""


def test_pagefind_reading_only_the_marked_element_makes_the_index_of_the_whole_page(tmp_path):
    """OPTIONS has Pagefind read the marked element only: every page's fragment (its text,
    word count, filters, meta, anchors) is what Pagefind makes when it reads the whole page."""
    import json

    from site_search.indexer import OPTIONS

    out = tmp_path / "out"
    for n, lang in enumerate(["en", "ru", "en"]):
        _write(out, f"a{n}/index.html", CHROME.format(lang=lang, title=f"Title {n}",
                                                       text=f"Body words {n} freedom"))
    _write(out, "archives/index.html", LISTING.format("Archives"))
    fragments = []
    for name, options in (("whole", ["--site", "."]), ("marked", OPTIONS)):
        done = subprocess.run([str(pagefind_binary()), *options, "--output-path",
                               str(tmp_path / name)], cwd=out, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        fragments.append({url: json.dumps(text, sort_keys=True)
                          for url, text in _fragments(tmp_path / name, whole=True).items()})
    assert set(fragments[0]) == {"/a0/", "/a1/", "/a2/"}
    assert fragments[0] == fragments[1]


def _staged(out: Path, files: dict[str, str]) -> Path:
    staging = out / "pagefind.partial"
    for rel, text in files.items():
        _write(staging, rel, text)
    return staging


def test_the_bundle_is_moved_in_and_only_changed_files_are_replaced(tmp_path):
    out = tmp_path / "out"
    target = out / "pagefind"
    _write(target, "fragment/en_old0000.pf_fragment", "stale")
    _place(_staged(out, {"pagefind-entry.json": '{"version": "1"}',
                         "fragment/en_abc1234.pf_fragment": "fragment"}), target)
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == ["fragment/en_abc1234.pf_fragment", "pagefind-entry.json"]
    assert sorted(p.name for p in out.iterdir()) == ["pagefind"]
    # A new bundle with the same fragment and a changed entry file: the fragment is not
    # touched, the entry file is replaced by the new one.
    fragment = target / "fragment/en_abc1234.pf_fragment"
    before = fragment.stat().st_ino
    _place(_staged(out, {"pagefind-entry.json": '{"version": "2"}',
                         "fragment/en_abc1234.pf_fragment": "fragment"}), target)
    assert fragment.stat().st_ino == before
    assert (target / "pagefind-entry.json").read_text(encoding="utf-8") == '{"version": "2"}'
    # The same bytes in a new file keep the old one (and its timestamp).
    entry = target / "pagefind-entry.json"
    stamp, inode = entry.stat().st_mtime_ns, entry.stat().st_ino
    _place(_staged(out, {"pagefind-entry.json": '{"version": "2"}',
                         "fragment/en_abc1234.pf_fragment": "fragment"}), target)
    assert (entry.stat().st_mtime_ns, entry.stat().st_ino) == (stamp, inode)
    assert sorted(p.name for p in out.iterdir()) == ["pagefind"]


def test_an_output_file_hard_linked_elsewhere_by_an_older_build_is_replaced(tmp_path):
    """An older build hard-linked the output's bundle to its cache: the file is replaced by
    one of its own even when its bytes are the same, so no write elsewhere reaches it."""
    out = tmp_path / "out"
    cached = tmp_path / "cache/pagefind-entry.json"
    _write(cached.parent, cached.name, '{"version": "1"}')
    (out / "pagefind").mkdir(parents=True)
    os.link(cached, out / "pagefind/pagefind-entry.json")
    _place(_staged(out, {"pagefind-entry.json": '{"version": "1"}'}), out / "pagefind")
    assert not os.path.samefile(out / "pagefind/pagefind-entry.json", cached)
    assert (out / "pagefind/pagefind-entry.json").stat().st_nlink == 1


def test_a_recorded_bundle_is_copied_only_when_every_file_is_as_recorded(tmp_path):
    """A fresh folder with pages indexed before copies the bundle from the folder its record
    names, checking each file's digest: a file changed there since, a missing file or a
    symlink in its place makes the copy fail whole (no .partial left) and Pagefind runs."""
    import hashlib

    from site_search.indexer import _copy_recorded

    source = tmp_path / "old/pagefind"
    files = {"pagefind-entry.json": "{}", "pagefind.js": "js",
             **{f"fragment/en_{n:07}.pf_fragment": f"fragment {n}" for n in range(5)}}
    for rel, text in files.items():
        _write(source, rel, text)
    record = {"bundle": str(source), "files": {
        rel: [len(text), hashlib.blake2b(text.encode(), digest_size=20).hexdigest()]
        for rel, text in files.items()}}
    staging = tmp_path / "new/pagefind.partial"
    (tmp_path / "new").mkdir()
    assert _copy_recorded(record, staging)
    copied = {p.relative_to(staging).as_posix(): p.read_text() for p in staging.rglob("*")
              if p.is_file()}
    assert copied == files
    assert not any(os.path.samefile(staging / rel, source / rel) for rel in files)
    _place(staging, tmp_path / "new/pagefind")
    # Changed in its folder since (same size), missing, or a link to a file with the bytes.
    (source / "fragment/en_0000003.pf_fragment").write_text("fragment X")
    assert not _copy_recorded(record, tmp_path / "new2/pagefind.partial")
    assert not (tmp_path / "new2").exists() or not any((tmp_path / "new2").iterdir())
    (source / "fragment/en_0000003.pf_fragment").write_text("fragment 3")
    (source / "pagefind.js").unlink()
    assert not _copy_recorded(record, tmp_path / "new3/pagefind.partial")
    assert not (tmp_path / "new3/pagefind.partial").exists()
    _write(tmp_path / "elsewhere", "pagefind.js", "js")
    (source / "pagefind.js").symlink_to(tmp_path / "elsewhere/pagefind.js")
    assert not _copy_recorded(record, tmp_path / "new4/pagefind.partial")
    # A name the site does not publish (or one leaving the folder) is never read.
    (source / "pagefind.js").unlink()
    _write(source, "pagefind.js", "js")
    assert _copy_recorded(record, tmp_path / "new5/pagefind.partial")
    bad = {**record, "files": {**record["files"], "../../etc/x.pf_fragment": [1, "00"]}}
    assert not _copy_recorded(bad, tmp_path / "new6/pagefind.partial")
    assert not (tmp_path / "new6/pagefind.partial").exists()
    # A tampered record: it names any file by its own digest, so the file itself must be the
    # bundle's. A hard link to a file outside, a folder reached through a symlink, a record
    # without the entry file, a name with a trailing newline, an absurd size: none is read.
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    evil = tmp_path / "evil"
    evil.mkdir()
    os.link(secret, evil / "pagefind.js")
    _write(evil, "pagefind-entry.json", "{}")
    digest = {rel: [len(text), hashlib.blake2b(text.encode(), digest_size=20).hexdigest()]
              for rel, text in {"pagefind.js": "root:x:0:0", "pagefind-entry.json": "{}"}.items()}
    assert not _copy_recorded({"bundle": str(evil), "files": digest},
                              tmp_path / "new7/pagefind.partial")
    (tmp_path / "via").symlink_to(source.parent)
    assert not _copy_recorded({**record, "bundle": str(tmp_path / "via/pagefind")},
                              tmp_path / "new8/pagefind.partial")
    no_entry = {rel: v for rel, v in record["files"].items() if rel != "pagefind-entry.json"}
    assert not _copy_recorded({**record, "files": no_entry}, tmp_path / "new9/pagefind.partial")
    newline = {**record["files"], "pagefind.js\n": record["files"]["pagefind.js"]}
    assert not _copy_recorded({**record, "files": newline}, tmp_path / "newa/pagefind.partial")
    huge = {**record["files"], "pagefind.js": [10**18, record["files"]["pagefind.js"][1]]}
    assert not _copy_recorded({**record, "files": huge}, tmp_path / "newb/pagefind.partial")
    assert not any((tmp_path / f"new{n}/pagefind.partial").exists() for n in "789ab")


def _fragments(bundle: Path, whole: bool = False) -> dict:
    """{page URL: the text Pagefind indexed (`whole`: the whole fragment)}, from the bundle's
    fragment files (gzip of b"pagefind_dcd" and the fragment's JSON, as Pagefind 1.5 writes
    them)."""
    import gzip
    import json

    texts = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        texts[fragment["url"]] = fragment if whole else fragment["content"]
    return texts


def _site(tmp_path: Path) -> tuple[Path, dict, object]:
    from types import SimpleNamespace

    out = tmp_path / "out"
    for rel in ["articles/a/index.html", "articles/b/index.html"]:
        _write(out, rel, MARKED.format("Firstword " + rel.split("/")[1]))
    _write(out, "archives/index.html", LISTING.format("Archives"))
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_INDEX": True}
    return out, settings, SimpleNamespace(output_path=str(out), settings=settings)


def test_pagefind_starts_when_the_pages_are_written_and_is_waited_for_at_the_end(tmp_path):
    import site_search

    out, settings, pelican = _site(tmp_path)
    site_search._pages_written(str(out), settings)
    run = site_search._state["run"]
    assert run.action == "indexed" and run.processes
    # The writer goes on with the other outputs (a feed, a listing) while Pagefind runs.
    _write(out, "feeds/all.atom.xml", "<feed/>")
    _write(out, "tag/a/index.html", LISTING.format("Tag"))
    site_search._index(pelican)
    assert not run.processes and "run" not in site_search._state
    assert set(_fragments(out / "pagefind")) == {"/articles/a/", "/articles/b/"}
    assert not (out / "pagefind.partial").exists()


def test_pagefind_writes_the_bundle_once_into_the_output_and_the_cache_keeps_a_record(
        tmp_path):
    """Pagefind writes into <output>/pagefind.partial, which is renamed into place: no second
    copy in the cache (it keeps only a record of the files' digests), no file shared with
    another folder. A fresh folder with the same pages copies the bundle from the recorded
    folder instead of running Pagefind; when that bundle was changed there, Pagefind runs."""
    import json

    import site_search
    from site_search.indexer import start_index

    out, settings, pelican = _site(tmp_path)
    site_search._pages_written(str(out), settings)
    site_search._index(pelican)
    cache = tmp_path / "cache/site-search"
    assert [p for p in cache.rglob("*") if p.is_file() and p.suffix != ".json"] == []
    (record_file,) = (cache / "bundles").glob("*.json")
    record = json.loads(record_file.read_text(encoding="utf-8"))
    bundle = {p.relative_to(out / "pagefind").as_posix(): p
              for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert set(record["files"]) == set(bundle) and record["bundle"] == str(out / "pagefind")
    assert all(p.stat().st_nlink == 1 for p in bundle.values())
    assert sorted(p.name for p in out.iterdir()) == ["archives", "articles", "pagefind"]
    # A build killed while Pagefind wrote leaves pagefind.partial; a later build of the same
    # pages (nothing to index) still removes it, links inside not followed.
    (out / "pagefind.partial").mkdir()
    (out / "pagefind.partial/link").symlink_to(tmp_path / "cache")
    run = start_index(out, settings)
    assert run.action == "unchanged" and not os.path.lexists(out / "pagefind.partial")
    run.finish()
    assert (tmp_path / "cache/site-search").is_dir()
    # The same pages in a fresh folder: copied from out/pagefind, Pagefind not run.
    fresh = tmp_path / "fresh"
    for rel in ["articles/a/index.html", "articles/b/index.html", "archives/index.html"]:
        _write(fresh, rel, (out / rel).read_text(encoding="utf-8"))
    run = start_index(fresh, settings)
    assert run.action == "from cache" and not run.processes
    run.finish()
    assert set(_fragments(fresh / "pagefind")) == {"/articles/a/", "/articles/b/"}
    assert not any(os.path.samefile(fresh / "pagefind" / rel, path)
                   for rel, path in bundle.items())
    # A bundle changed in the folder the record names is not copied: Pagefind runs.
    (out / "pagefind/pagefind-entry.json").write_text("{}", encoding="utf-8")
    shutil.rmtree(fresh / "pagefind")
    for state in cache.glob("*.json"):  # the folders' states: not "unchanged"
        state.unlink()
    run = start_index(fresh, settings)
    assert run.action == "indexed"
    run.finish()
    assert set(_fragments(fresh / "pagefind")) == {"/articles/a/", "/articles/b/"}


def test_a_page_changed_after_pagefind_started_is_indexed_as_it_is_at_the_end(tmp_path):
    import site_search

    out, settings, pelican = _site(tmp_path)
    site_search._pages_written(str(out), settings)
    first = site_search._state["run"]
    for process in first.processes:
        process.wait()  # Pagefind has read the pages as they were
    # Rewritten after the start (as a mirror build's pages are), and a marked page added.
    _write(out, "articles/a/index.html", MARKED.format("Zebrafinch"))
    _write(out, "articles/c/index.html", MARKED.format("Kingfisher"))
    site_search._index(pelican)
    texts = _fragments(out / "pagefind")
    assert set(texts) == {"/articles/a/", "/articles/b/", "/articles/c/"}
    assert "Zebrafinch" in texts["/articles/a/"] and "Kingfisher" in texts["/articles/c/"]
    assert not first.processes


def test_a_build_that_fails_while_pagefind_runs_leaves_no_pagefind_behind(tmp_path):
    """The writer fails after Pagefind started (another output's error): on its way out the
    build stops Pagefind and removes its unfinished bundle from the cache."""
    import sys
    import textwrap

    out, settings, _ = _site(tmp_path)
    for n in range(300):  # enough pages that Pagefind is still running at the exit
        _write(out, f"articles/p{n}/index.html", MARKED.format(f"Page {n} " * 200))
    script = textwrap.dedent(f"""
        import site_search
        site_search._pages_written({str(out)!r}, {settings!r})
        run = site_search._state["run"]
        print(run.processes[0].pid, run.fresh, flush=True)
        raise SystemExit("a feed could not be written")
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, env={**os.environ,
                                            "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.returncode == 1 and "a feed could not be written" in done.stderr, done.stderr
    pid, fresh = done.stdout.split()
    assert not Path(fresh).exists()
    assert not Path(f"/proc/{pid}").exists() or \
        Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


def test_each_language_counts_the_files_its_reader_may_load(tmp_path):
    import json

    from site_search.indexer import languages

    bundle = tmp_path / "pagefind"
    _write(bundle, "pagefind-entry.json", json.dumps({"languages": {
        "en": {"hash": "en_aaaa", "wasm": "en", "page_count": 3},
        "uk": {"hash": "uk_bbbb", "wasm": None, "page_count": 2}}}))
    sizes = {"pagefind.en_aaaa.pf_meta": 1, "pagefind.uk_bbbb.pf_meta": 2,
             "index/en_0001.pf_index": 10, "index/uk_0002.pf_index": 20,
             "fragment/en_0000003.pf_fragment": 100, "fragment/uk_0004.pf_fragment": 200,
             "filter/en_0005.pf_filter": 1000, "wasm.en.pagefind": 10000,
             "wasm.unknown.pagefind": 20000, "pagefind.js": 40000}
    for rel, size in sizes.items():
        _write(bundle, rel, "x" * size)
    assert languages(bundle) == {"en": {"pages": 3, "bytes": 11111},
                                 "uk": {"pages": 2, "bytes": 20222}}


def test_a_mirror_build_indexes_its_rewritten_pages_at_the_end_only(tmp_path):
    """A mirror build rewrites every page's links at `finalized`: Pagefind is not started
    on the pages before that (it would run twice), and the index is made at the end."""
    import site_search

    out, settings, pelican = _site(tmp_path)
    settings["MIRROR_BUILD"] = True
    site_search._pages_written(str(out), settings)
    assert "run" not in site_search._state
    assert not (tmp_path / "cache/site-search").exists()
    _write(out, "articles/a/index.html", MARKED.format("Relativised"))
    site_search._index(pelican)
    assert "Relativised" in _fragments(out / "pagefind")["/articles/a/"]


def test_removing_the_bundle_never_follows_a_symlink_out_of_the_output(tmp_path):
    from site_search.indexer import remove_bundle

    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, "keep.pf_fragment", "not the build's")
    out = tmp_path / "out"
    _write(out / "pagefind", "pagefind-entry.json", "{}")
    _write(out / "pagefind", "fragment/en_1.pf_fragment", "old")
    (out / "pagefind/linked").symlink_to(elsewhere)
    (out / "pagefind/file-link.pf_meta").symlink_to(elsewhere / "keep.pf_fragment")
    assert remove_bundle(out) == 2
    assert (elsewhere / "keep.pf_fragment").read_text() == "not the build's"
    assert not (out / "pagefind/fragment").exists()
    assert not (out / "pagefind/pagefind-entry.json").exists()
    # a whole bundle folder that is a link: left alone, its target untouched
    other = tmp_path / "other"
    (other / "pagefind").mkdir(parents=True)
    (other / "pagefind").rmdir()
    (other / "pagefind").symlink_to(elsewhere)
    assert remove_bundle(other) == 0
    assert (elsewhere / "keep.pf_fragment").is_file()


def test_the_walk_lists_files_as_a_sorted_os_walk_does_without_following_folder_links(tmp_path):
    """safe_input.walk.files (one listing per folder, no lstat or relpath per folder) gives
    os.walk's files in its topdown order with sorted folders: a symlink to a folder is neither
    listed nor followed; a symlink to a file, here a dangling one (which the build never
    writes), is left out with a warning (reading it was a FileNotFoundError traceback)."""
    from safe_input.walk import files as _walk

    site = tmp_path / "out"
    for rel in ("index.html", "b/index.html", "a/x/index.html", "a/x.html", "a/y/z/p.css",
                "ab/index.html", "a-b/index.html", "feeds/en.atom.xml",
                *(f"many/{word}/index.html" for word in "qzmbxkaywcfe"),
                *(f"many/{word}.html" for word in "qzmbxkaywcfe")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.html").write_text("x", encoding="utf-8")
    (site / "a" / "linked").symlink_to(elsewhere, target_is_directory=True)
    (site / "a" / "dangling.html").symlink_to(tmp_path / "missing.html")

    expected = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        rel_root = os.path.relpath(folder, site)
        prefix = "" if rel_root == "." else rel_root.replace(os.sep, "/") + "/"
        expected += [(prefix + name, os.path.join(folder, name)) for name in sorted(files)
                     if not os.path.islink(os.path.join(folder, name))]
    found = list(_walk(str(site)))
    assert found == expected
    assert "a/dangling.html" not in [rel for rel, _path in found]
    assert not any("secret" in rel or "linked" in rel for rel, _path in found)


def test_bringing_the_bundle_in_never_writes_or_removes_through_a_symlink(tmp_path):
    """An output/pagefind/ that is a link to another folder: the bundle replaces the link,
    and nothing in the folder it pointed at is written or removed."""
    files = {"pagefind-entry.json": "{}", "fragment/en_1.pf_fragment": "new"}
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, "keep.txt", "not the build's")
    out = tmp_path / "out"
    (out / "pagefind").parent.mkdir()
    (out / "pagefind").symlink_to(elsewhere, target_is_directory=True)
    _place(_staged(out, files), out / "pagefind")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text() == "not the build's"
    assert not (out / "pagefind").is_symlink()
    assert (out / "pagefind/fragment/en_1.pf_fragment").read_text() == "new"
    # a link to a folder inside the bundle: the same
    (out / "pagefind/fragment/en_1.pf_fragment").unlink()
    (out / "pagefind/fragment").rmdir()
    (out / "pagefind/fragment").symlink_to(elsewhere, target_is_directory=True)
    _place(_staged(out, files), out / "pagefind")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (out / "pagefind/fragment/en_1.pf_fragment").read_text() == "new"


def _three_languages(out: Path) -> None:
    for n in range(6):
        for lang, prefix in (("en", ""), ("ru", "ru/"), ("de", "de/")):
            _write(out, f"{prefix}articles/p{n}/index.html",
                   CHROME.format(lang=lang, title=f"Title {lang} {n}",
                                 text=f"Words {lang} {n} freedom " * (n + 1)))
    _write(out, "archives/index.html", LISTING.format("Archives"))


def _bundle_files(bundle: Path) -> dict[str, bytes]:
    return {p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in bundle.rglob("*") if p.is_file()}


def test_pagefind_run_as_one_process_per_group_of_languages_makes_the_same_bundle(
        tmp_path, monkeypatch):
    """With two cores, Pagefind runs as two processes, each on whole languages' pages, and
    their bundles are merged: the same fragments, index chunks, WebAssembly and JS as one
    process makes (filter and metadata files differ between any two runs: Pagefind writes
    filters in hash-map order), the same languages with the same page counts."""
    import json

    from site_search import indexer

    bundles = {}
    for name, cores in (("one", 1), ("split", 2)):
        out = tmp_path / name
        _three_languages(out)
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        run = indexer.start_index(out, {"CACHE_PATH": str(tmp_path / f"cache-{name}")})
        assert len(run.processes) == cores
        run.finish()
        bundles[name] = _bundle_files(out / "pagefind")
        assert not (out / "pagefind.partial").exists()
    one, split = bundles["one"], bundles["split"]

    def stable(files):
        return {rel: data for rel, data in files.items() if not rel.startswith("filter/")
                and not rel.endswith(".pf_meta") and rel != "pagefind-entry.json"}

    assert stable(split) == stable(one)
    assert any(rel.startswith("fragment/ru_") for rel in split)
    assert sorted(rel.split("_")[0] for rel in split if rel.startswith("filter/")) == \
        sorted(rel.split("_")[0] for rel in one if rel.startswith("filter/"))

    def languages(files):
        entry = json.loads(files["pagefind-entry.json"])
        return {lang: {**info, "hash": info["hash"].split("_")[0]}
                for lang, info in entry.pop("languages").items()}, entry

    assert languages(split) == languages(one)
    assert set(languages(split)[0]) == {"en", "ru", "de"}
    assert _fragments(tmp_path / "split/pagefind") == _fragments(tmp_path / "one/pagefind")


def test_languages_are_grouped_whole_and_balanced_and_a_page_without_one_stops_the_split():
    from site_search.indexer import language_groups, page_language

    assert page_language(b'<!DOCTYPE html>\n<html lang="pt-BR" dir="ltr">') == "pt"
    assert page_language(b"<html dir='rtl' lang='AR'>") == "ar"
    assert page_language(b"<html><body lang='en'>") is None
    langs = {"a": "en", "b": "en", "c": "ru", "d": "de", "e": "ru"}
    sizes = {"a": 50, "b": 50, "c": 40, "d": 30, "e": 40}
    groups = language_groups(langs, sizes, 2)
    assert groups == [["a", "b"], ["c", "d", "e"]]
    assert language_groups(langs, sizes, 1) is None
    assert language_groups({"a": "en", "b": "en"}, sizes, 2) is None
    assert language_groups({**langs, "f": None}, sizes, 2) is None
    assert len(language_groups(langs, sizes, 8)) == 3


def test_bundles_that_overlap_are_made_again_by_one_pagefind(tmp_path):
    """A language split between two processes (not what language_groups makes) gives two
    bundles with the same language: not merged; one Pagefind makes the bundle."""
    import json

    from site_search import indexer

    out = tmp_path / "out"
    _three_languages(out)
    run = indexer.start_index(out, {"CACHE_PATH": str(tmp_path / "cache")})
    run.finish()
    expected = _fragments(out / "pagefind")
    shutil.rmtree(out / "pagefind")
    run = indexer.start_index(out, {"CACHE_PATH": str(tmp_path / "cache2")})
    run.cancel()  # started as language_groups says; started again below, split otherwise
    run.fresh = out / "pagefind.partial"
    run.action = "indexed"
    half = len(run.marked) // 2
    run.start(run.env, [run.marked[:half], run.marked[half:]], ["archives/index.html"])
    assert len(run.processes) == 2
    run.finish()
    assert _fragments(out / "pagefind") == expected
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == \
        {"en": 6, "ru": 6, "de": 6}
    assert not (out / "pagefind.partial").exists()
