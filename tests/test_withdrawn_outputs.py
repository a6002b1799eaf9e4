"""What an editor withdraws goes from a same-folder rebuild: static files (a photo, a PDF) that
Pelican copies outside the writer, and the search bundle once the index is turned off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import VALID, run_pelican, settings_with, write_article


def _site(content: Path, tmp_path: Path, **settings) -> Path:
    write_article(content, "appeal.md", {**VALID, "Slug": "appeal"},
                  body="Write to him. ![A photo](/images/photo.gif)")
    images = content / "images"
    images.mkdir(exist_ok=True)
    (images / "photo.gif").write_bytes(b"GIF89a a photo")
    (images / "statement.pdf").write_bytes(b"%PDF-1.4 a statement")
    return settings_with(tmp_path / "s.py", CACHE_PATH=str(tmp_path / "cache"), **settings)


@pytest.mark.parametrize("performance", [True, False])
def test_a_static_file_withdrawn_from_content_leaves_the_output(content, tmp_path, performance):
    settings = _site(content, tmp_path, PERFORMANCE=performance, SEARCH_INDEX=False)
    out = tmp_path / "out"
    first = run_pelican(content, out, settings)
    assert first.returncode == 0, first.output
    assert (out / "images/photo.gif").is_file() and (out / "images/statement.pdf").is_file()
    (content / "images/photo.gif").unlink()
    again = run_pelican(content, out, settings)
    assert again.returncode == 0, again.output
    assert not (out / "images/photo.gif").exists()
    assert (out / "images/statement.pdf").read_bytes() == b"%PDF-1.4 a statement"
    (content / "images/statement.pdf").unlink()
    last = run_pelican(content, out, settings)
    assert last.returncode == 0, last.output
    assert not (out / "images").exists()  # the folder it leaves empty goes too


def test_a_static_file_put_into_the_output_by_hand_stays(content, tmp_path):
    """Only what the last build copied goes: a file someone put there since, or a copy
    edited in the output, is not the build's to remove."""
    settings = _site(content, tmp_path, SEARCH_INDEX=False)
    out = tmp_path / "out"
    assert run_pelican(content, out, settings).returncode == 0
    (out / "images/by-hand.txt").write_text("kept")
    (out / "images/statement.pdf").write_bytes(b"%PDF-1.4 edited in the output, longer")
    (content / "images/statement.pdf").unlink()
    assert run_pelican(content, out, settings).returncode == 0
    assert (out / "images/by-hand.txt").read_text() == "kept"
    assert (out / "images/statement.pdf").is_file()


def test_turning_the_search_index_off_removes_the_bundle_an_earlier_build_left(content,
                                                                               tmp_path):
    """A reader must not search an index of pages that may have been taken down since."""
    out = tmp_path / "out"
    on = _site(content, tmp_path)
    first = run_pelican(content, out, on)
    assert first.returncode == 0, first.output
    assert (out / "pagefind/pagefind-entry.json").is_file()
    off = settings_with(tmp_path / "off.py", CACHE_PATH=str(tmp_path / "cache"),
                        SEARCH_INDEX=False)
    again = run_pelican(content, out, off)
    assert again.returncode == 0, again.output
    assert not (out / "pagefind").exists()
    assert "the earlier index in pagefind/ was removed" in again.said
    assert (out / "search/index.html").is_file()  # the page stays, offering its links


def test_a_mirror_build_into_a_folder_that_holds_a_site_is_refused_with_one_line(content,
                                                                                 tmp_path):
    """In place, the mirror's rewriting hides the pages from the writer's stale-output rule
    (a page taken down stayed); `invoke build --mirror` builds a fresh folder instead."""
    write_article(content, "one.md", {**VALID, "Slug": "one"})
    write_article(content, "two.md", {**VALID, "Slug": "two", "Title": "Two"})
    settings = settings_with(tmp_path / "m.py", CACHE_PATH=str(tmp_path / "cache"),
                             SEARCH_INDEX=False, MIRROR_BUILD=True)
    out = tmp_path / "mirror"
    first = run_pelican(content, out, settings)
    assert first.returncode == 0, first.output
    page = next(out.rglob("two/index.html"))
    before = page.read_bytes()
    (content / "articles/two.md").unlink()
    again = run_pelican(content, out, settings)
    assert again.returncode != 0
    assert (f"{out}: a mirror build (MIRROR_BUILD) is made into an empty folder and this one "
            "holds files") in again.said
    assert "Traceback" not in again.output
    assert page.read_bytes() == before  # refused before anything was written


def test_a_photo_withdrawn_after_invoke_build_swapped_its_folder_in_still_goes(content,
                                                                               tmp_path):
    """`invoke build` builds a fresh folder and, swapping it in, gives a byte-identical file
    the old copy's timestamps (keep_timestamps). A photo whose source got a new mtime with
    the same bytes (a git checkout, an editor saving again) then no longer matched the
    record, and a later same-folder build kept it after it was withdrawn."""
    import os

    from site_writer.files import keep_timestamps

    write_article(content, "appeal.md", {**VALID, "Slug": "appeal"}, body="Write to him.")
    (content / "images").mkdir()
    photo = content / "images/photo.gif"
    photo.write_bytes(b"GIF89a a photo")
    os.utime(photo, ns=(1_600_000_000_000_000_000,) * 2)
    out = tmp_path / "output"
    base = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_INDEX": False}
    in_place = settings_with(tmp_path / "s.py", **base)
    assert run_pelican(content, out, in_place).returncode == 0
    os.utime(photo, ns=(1_700_000_000_000_000_000,) * 2)  # same bytes, a new mtime
    fresh = tmp_path / "output.new"
    swapped = run_pelican(content, fresh, settings_with(tmp_path / "f.py", **base,
                                                        OUTPUT_REPLACES=str(out)))
    assert swapped.returncode == 0, swapped.output
    keep_timestamps(out, fresh)  # as tasks._swap_in does
    out.rename(tmp_path / "output.old")
    fresh.rename(out)
    photo.unlink()
    again = run_pelican(content, out, in_place)
    assert again.returncode == 0, again.output
    assert not (out / "images/photo.gif").exists()
