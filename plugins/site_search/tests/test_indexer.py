"""What Pagefind is given (only the pages the theme marks) and how its bundle is put into the
output (copies of the cached bundle's files, unchanged files untouched, stale ones removed)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from site_search.indexer import _sync, inputs_key, page_glob, pagefind_binary

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


def test_the_bundle_is_copied_in_and_only_changed_files_are_replaced(tmp_path):
    cache, target = tmp_path / "cache", tmp_path / "out" / "pagefind"
    _write(cache, "pagefind-entry.json", '{"version": "1"}')
    _write(cache, "fragment/en_abc1234.pf_fragment", "fragment")
    _write(cache, "pagefind-ui.js", "not published")
    _write(target, "fragment/en_old0000.pf_fragment", "stale")
    _sync(cache, target)
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == ["fragment/en_abc1234.pf_fragment", "pagefind-entry.json"]
    fragment = target / "fragment/en_abc1234.pf_fragment"
    # A copy, not a link: writing into the output in place never reaches the cache.
    assert not os.path.samefile(fragment, cache / "fragment/en_abc1234.pf_fragment")
    with open(fragment, "r+b") as damaged:
        damaged.write(b"X")
    assert (cache / "fragment/en_abc1234.pf_fragment").read_bytes() == b"fragment"
    fragment.write_bytes(b"fragment")
    # A new bundle with the same fragment and a changed entry file: the fragment is not
    # touched, the entry file is replaced by the new one.
    again = tmp_path / "cache2"
    _write(again, "pagefind-entry.json", '{"version": "2"}')
    _write(again, "fragment/en_abc1234.pf_fragment", "fragment")
    before = fragment.stat().st_ino
    _sync(again, target)
    assert fragment.stat().st_ino == before
    assert (target / "pagefind-entry.json").read_text(encoding="utf-8") == '{"version": "2"}'
    # The same bytes in a new file keep the old one (and its timestamp).
    entry = target / "pagefind-entry.json"
    stamp = entry.stat().st_mtime_ns
    _write(tmp_path / "cache3", "pagefind-entry.json", '{"version": "2"}')
    _write(tmp_path / "cache3", "fragment/en_abc1234.pf_fragment", "fragment")
    _sync(tmp_path / "cache3", target)
    assert entry.stat().st_mtime_ns == stamp
    assert not os.path.samefile(entry, tmp_path / "cache3" / "pagefind-entry.json")


def test_an_output_file_hard_linked_to_the_cache_by_an_older_build_is_replaced(tmp_path):
    cache, target = tmp_path / "cache", tmp_path / "out" / "pagefind"
    _write(cache, "pagefind-entry.json", '{"version": "1"}')
    target.mkdir(parents=True)
    os.link(cache / "pagefind-entry.json", target / "pagefind-entry.json")
    _sync(cache, target)
    assert not os.path.samefile(target / "pagefind-entry.json", cache / "pagefind-entry.json")
    assert (target / "pagefind-entry.json").read_text(encoding="utf-8") == '{"version": "1"}'


def test_a_bundle_copied_into_a_folder_without_one_appears_whole_or_not_at_all(
        tmp_path, monkeypatch):
    """A first build has no bundle in its output: the bundle is copied into a folder beside
    it and moved in at once, so a copy that fails half-way leaves no half a bundle there."""
    import shutil

    cache, target = tmp_path / "cache", tmp_path / "out" / "pagefind"
    _write(cache, "pagefind-entry.json", '{"version": "1"}')
    for number in range(5):
        _write(cache, f"fragment/en_{number:07}.pf_fragment", f"fragment {number}")
    _write(cache, "pagefind-ui.js", "not published")
    copied, copyfile = [], shutil.copyfile

    def failing(source, dest, *args, **kwargs):
        if len(copied) == 3:
            raise OSError(28, "No space left on device")
        copied.append(dest)
        return copyfile(source, dest, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", failing)
    try:
        _sync(cache, target)
    except OSError:
        pass
    else:
        raise AssertionError("the copy did not fail")
    assert len(copied) == 3
    assert not target.exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == []
    monkeypatch.setattr(shutil, "copyfile", copyfile)
    _sync(cache, target)
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert files == [*(f"fragment/en_{n:07}.pf_fragment" for n in range(5)),
                     "pagefind-entry.json"]
    assert (target / "fragment/en_0000003.pf_fragment").read_text() == "fragment 3"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pagefind"]


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
    assert run.action == "indexed" and run.process is not None
    # The writer goes on with the other outputs (a feed, a listing) while Pagefind runs.
    _write(out, "feeds/all.atom.xml", "<feed/>")
    _write(out, "tag/a/index.html", LISTING.format("Tag"))
    site_search._index(pelican)
    assert run.process is None and "run" not in site_search._state
    assert set(_fragments(out / "pagefind")) == {"/articles/a/", "/articles/b/"}
    assert list((tmp_path / "cache/site-search").glob("run-*")) == []


def test_a_page_changed_after_pagefind_started_is_indexed_as_it_is_at_the_end(tmp_path):
    import site_search

    out, settings, pelican = _site(tmp_path)
    site_search._pages_written(str(out), settings)
    first = site_search._state["run"]
    first.process.wait()  # Pagefind has read the pages as they were
    # Rewritten after the start (as a mirror build's pages are), and a marked page added.
    _write(out, "articles/a/index.html", MARKED.format("Zebrafinch"))
    _write(out, "articles/c/index.html", MARKED.format("Kingfisher"))
    site_search._index(pelican)
    texts = _fragments(out / "pagefind")
    assert set(texts) == {"/articles/a/", "/articles/b/", "/articles/c/"}
    assert "Zebrafinch" in texts["/articles/a/"] and "Kingfisher" in texts["/articles/c/"]
    assert first.process is None


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
        print(run.process.pid, run.fresh, flush=True)
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
             "fragment/en_0003.pf_fragment": 100, "fragment/uk_0004.pf_fragment": 200,
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
    listed nor followed, a dangling symlink is listed as a file."""
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
        expected += [(prefix + name, os.path.join(folder, name)) for name in sorted(files)]
    found = list(_walk(str(site)))
    assert found == expected
    assert "a/dangling.html" in [rel for rel, _path in found]
    assert not any("secret" in rel or "linked" in rel for rel, _path in found)


def test_bringing_the_bundle_in_never_writes_or_removes_through_a_symlink(tmp_path):
    """An output/pagefind/ that is a link to another folder: the bundle replaces the link,
    and nothing in the folder it pointed at is written or removed."""
    from site_search.indexer import _sync

    source = tmp_path / "cached"
    _write(source, "pagefind-entry.json", "{}")
    _write(source, "fragment/en_1.pf_fragment", "new")
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, "keep.txt", "not the build's")
    out = tmp_path / "out"
    out.mkdir()
    (out / "pagefind").symlink_to(elsewhere, target_is_directory=True)
    _sync(source, out / "pagefind")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text() == "not the build's"
    assert not (out / "pagefind").is_symlink()
    assert (out / "pagefind/fragment/en_1.pf_fragment").read_text() == "new"
    # a link to a folder inside the bundle: the same
    (out / "pagefind/fragment/en_1.pf_fragment").unlink()
    (out / "pagefind/fragment").rmdir()
    (out / "pagefind/fragment").symlink_to(elsewhere, target_is_directory=True)
    _sync(source, out / "pagefind")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (out / "pagefind/fragment/en_1.pf_fragment").read_text() == "new"
