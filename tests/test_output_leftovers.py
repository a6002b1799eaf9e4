"""Files left in the output folder by hand, which the build did not write: a symbolic link
(dangling, or pointing out of the folder) or a page that is not UTF-8. The next build into the
same folder (`make serve`, a rebuild) must not end in a traceback. The one rule for a link
(safe_input.walk): never followed, never read or written through; the build removes every
link before it writes anything (the link, not what it points to), with one warning naming it.
What the walk still cannot read (a name that is not UTF-8, a named pipe, a link made since) is
left out of the sitemap and the search index with one warning naming it."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.sitebuild import VALID, run_pelican, settings_with, write_article


def test_links_and_non_utf8_pages_left_in_the_output_give_warnings_not_tracebacks(content,
                                                                                  tmp_path):
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    out = tmp_path / "out"
    first = run_pelican(content, out)
    assert first.returncode == 0, first.output
    (out / "stale.html").symlink_to(tmp_path / "gone" / "x.html")
    # A page of the site (marked for the search index, with its <html lang>) kept outside
    # the output folder and linked into it: never read through the link.
    outside = tmp_path / "elsewhere.html"
    shutil.copyfile(out / "articles/a/index.html", outside)
    (out / "linked.html").symlink_to(outside)
    (out / "latin.html").write_bytes('<html lang="en"><head><title>Caf\xe9</title></head>'
                                     '<body>\xe9t\xe9</body></html>'.encode("latin-1"))
    # A name that is not UTF-8 (Latin-1 "café.html"), as an old tool may write it.
    (out / os.fsdecode(b"caf\xe9.html")).write_bytes(b'<html lang="en"><head></head></html>')
    build = run_pelican(content, out)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    for name, target in (("stale.html", tmp_path / "gone" / "x.html"),
                         ("linked.html", outside)):
        assert (f"out/{name}: removed from the output folder before writing: a symbolic link "
                f"(to {target}), which the build did not write; nothing there is read or "
                "written through a link") in build.said, build.output
        assert build.said.count(f"out/{name}:") == 1, build.output
        assert not os.path.lexists(out / name)
    assert outside.read_bytes() == (out / "articles/a/index.html").read_bytes()
    assert ("out/caf\\xe9.html: left out of the sitemap and the search index: a file whose "
            "name is not UTF-8") in build.said, build.output
    sitemap = (out / "sitemap-en.xml").read_text(encoding="utf-8")
    assert "stale.html" not in sitemap and "linked.html" not in sitemap
    assert "/articles/a/" in sitemap


def test_a_named_pipe_left_in_the_output_is_left_out_of_the_walk_with_a_warning(tmp_path,
                                                                                 caplog):
    """A named pipe called page.html (mkfifo, by hand or a tool): the sitemap and the search
    index open every .html file the walk lists, and opening a pipe waits for a writer, so
    the build hung for ever. It is left out with one warning, like a link."""
    from safe_input.walk import files

    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a/index.html").write_text("<html></html>", encoding="utf-8")
    os.mkfifo(out / "a/pipe.html")
    with caplog.at_level("WARNING"):
        found = [rel for rel, _path in files(str(out))]
    assert found == ["a/index.html"]
    assert "pipe.html: left out of the sitemap and the search index: not a regular file" \
        in caplog.text


def test_a_symlinked_folder_left_in_the_output_is_named_not_silently_left_out(tmp_path,
                                                                              caplog):
    """`ln -s /srv/media out/media`: never followed (a page must not be read through a link
    out of the output), and, like a link to a file, named once: its pages were missing
    from the sitemap and the search index without a word."""
    from safe_input.walk import files

    outside = tmp_path / "media"
    outside.mkdir()
    (outside / "index.html").write_text("<html></html>", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<html></html>", encoding="utf-8")
    (out / "media").symlink_to(outside)
    with caplog.at_level("WARNING"):
        found = [rel for rel, _path in files(str(out))]
    assert found == ["index.html"]
    assert (f"media: left out of the sitemap and the search index: a symbolic link to a "
            f"folder (to {outside})") in caplog.text


def test_a_folder_whose_name_is_not_utf8_is_called_a_folder(tmp_path, caplog):
    from safe_input.walk import files

    out = tmp_path / "out"
    folder = out / os.fsdecode(b"d\xe9j\xe0")
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<html></html>", encoding="utf-8")
    with caplog.at_level("WARNING"):
        assert list(files(str(out))) == []
    assert "d\\xe9j\\xe0: left out of the sitemap and the search index: a folder whose name " \
        "is not UTF-8" in caplog.text


def test_a_static_file_is_never_written_through_a_link_left_in_the_output(content, tmp_path):
    """`out/images/x.txt` replaced by hand with a link to a file elsewhere: Pelican copies a
    changed static file onto its destination following the link, so the build overwrote the
    file outside the output. The link is removed (one warning) and the file copied there."""
    import time

    write_article(content, "a.md", {**VALID, "Slug": "a"})
    (content / "images").mkdir()
    (content / "images/x.txt").write_bytes(b"first")
    out = tmp_path / "out"
    assert run_pelican(content, out).returncode == 0
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not the site's")
    (out / "images/x.txt").unlink()
    (out / "images/x.txt").symlink_to(victim)
    time.sleep(0.05)
    (content / "images/x.txt").write_bytes(b"second")
    build = run_pelican(content, out)
    assert build.returncode == 0, build.output
    assert victim.read_bytes() == b"not the site's"
    assert not (out / "images/x.txt").is_symlink()
    assert (out / "images/x.txt").read_bytes() == b"second"
    assert (f"out/images/x.txt: removed from the output folder before writing: a symbolic "
            f"link (to {victim}), which the build did not write") in build.said, build.output


@pytest.mark.parametrize("performance", [True, False], ids=["writer", "plain-writer"])
def test_no_output_is_written_through_a_link_left_in_the_output(content, tmp_path, performance):
    """A page, a feed and a theme file each replaced by hand with a link to a file elsewhere,
    and the Russian folder with a link to a folder elsewhere. Pelican's plain writer
    (PERFORMANCE = False) wrote the page and the feed through their links, and its theme copy
    wrote the stylesheet through its link with either writer: files outside the output were
    overwritten. Every link is removed before writing, named once, and what it pointed to is
    left as it was; a build stopped by an input error leaves the links where they are."""
    write_article(content, "a.md", {**VALID, "Slug": "a"})
    settings = settings_with(tmp_path / "settings.py", PERFORMANCE=performance)
    out = tmp_path / "out"
    assert run_pelican(content, out, settings).returncode == 0
    places = {"page": out / "articles/a/index.html", "feed": out / "feeds/all.atom.xml",
              "theme": out / "theme/css/letters.css"}
    victims = {}
    for kind, place in places.items():
        victims[kind] = tmp_path / f"victim-{kind}"
        victims[kind].write_bytes(b"not the site's")
        place.unlink()
        place.symlink_to(victims[kind])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_bytes(b"not the site's")
    shutil.rmtree(out / "ru")
    (out / "ru").symlink_to(elsewhere)
    write_article(content, "bad.md", {**VALID, "Slug": "bad", "Category": "nonsense"})
    stopped = run_pelican(content, out, settings)
    assert stopped.returncode != 0 and "removed from the output folder" not in stopped.output
    assert all(place.is_symlink() for place in [*places.values(), out / "ru"])
    (content / "articles/bad.md").unlink()
    write_article(content, "a.md", {**VALID, "Slug": "a", "Title": "Changed"})
    build = run_pelican(content, out, settings)
    assert build.returncode == 0, build.output
    for kind, place in places.items():
        assert victims[kind].read_bytes() == b"not the site's", kind
        assert not place.is_symlink() and place.stat().st_size > 100, kind
    assert (elsewhere / "index.html").read_bytes() == b"not the site's"
    assert os.listdir(elsewhere) == ["index.html"]
    assert not (out / "ru").is_symlink() and (out / "ru/index.html").is_file()
    assert "Changed" in (out / "articles/a/index.html").read_text(encoding="utf-8")
    assert (f"out/ru: removed from the output folder before writing: a symbolic link "
            f"(to {elsewhere}), which the build did not write") in build.said, build.output
    assert build.said.count("removed from the output folder") == 4, build.output
