"""A built folder without leaving it. The one rule for what the build did not write there: a
symbolic link is never followed, never read or written through. The build removes every link
in the output folder before it writes anything (remove_links: the link only, never what it
points to), each named in one warning; listing the folder (files: the sitemap, the search
index) leaves out, with the same kind of warning, whatever it still cannot read: a link made
since, a name that is not UTF-8, a named pipe."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

logger = logging.getLogger(__name__)
_warned: set[str] = set()  # links already named: several readers walk the same folder


def _left_out(path: str, why: str) -> None:
    """Warn once per build process about a file left in a built folder by hand, which the
    build could not have written: a link (the build writes none: Pelican's
    STATIC_CREATE_LINKS is off; one may point out of the folder, or nowhere, and reading it
    raised FileNotFoundError in the sitemap and the search index) or a name that is not
    UTF-8 (it has no URL: UnicodeEncodeError in the sitemap)."""
    if path in _warned:
        return
    _warned.add(path)
    logger.warning("%s: left out of the sitemap and the search index: %s, which the build "
                   "did not write; %s", _shown(path), *why)


def _shown(path: str, relative: bool = True) -> str:
    """The path as the warnings name it: relative (unless not `relative`), its bytes that are
    not UTF-8 as \\xNN (the terminal could not show them)."""
    return os.fsencode(os.path.relpath(path) if relative else path).decode(
        "utf-8", "backslashreplace")


def remove_links(base: str) -> list[str]:
    """Remove every symbolic link under the folder `base` (to a file, to a folder, or to
    nowhere; the link only, never what it points to, and a link to a folder is not entered),
    each named in one warning; returns their paths. Run before the build writes anything:
    Pelican's plain writer (PERFORMANCE off) and its static and theme copies open a file at
    its place and wrote through a link there into a file outside the output (a link to a
    folder: into that folder), and a link deployed with the site could serve a file of the
    host. The
    build writes no link itself (STATIC_CREATE_LINKS is off), so a link there was left by
    hand or by another tool. One directory listing per folder, no stat per file."""
    removed: list[str] = []
    folders = [base]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        try:
                            target = os.readlink(entry.path)
                            os.unlink(entry.path)
                        except OSError:
                            continue  # gone already, or not ours to remove: the walk names it
                        removed.append(entry.path)
                        logger.warning("%s: removed from the output folder before writing: "
                                       "a symbolic link (to %s), which the build did not "
                                       "write; nothing there is read or written through a "
                                       "link (put the file or folder itself there if the "
                                       "site needs it)", _shown(entry.path),
                                       _shown(target, relative=False))
                    elif entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
        except OSError:
            continue  # not there yet (a first build), or not listable: as files() does
    return removed


def _unreadable(entry: os.DirEntry) -> tuple[str, str] | None:
    """(what it is, what to do) for an entry a walk leaves out, or None."""
    name = entry.name
    if not name.isascii():
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:  # os.fsdecode's surrogates: bytes that are not UTF-8
            try:
                kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            except OSError:
                kind = "file"
            return (f"a {kind} whose name is not UTF-8 (no address can name it)",
                    "rename it in UTF-8, or delete it")
    if entry.is_symlink():
        try:
            target = os.readlink(entry.path)
        except OSError:
            target = "?"
        try:
            folder = entry.is_dir()
        except OSError:
            folder = False
        if folder:  # never followed (as os.walk), and named
            return (f"a symbolic link to a folder (to {target})",
                    "delete it, or put the folder itself there")
        return (f"a symbolic link (to {target})", "delete it, or put the file itself there")
    try:
        special = not entry.is_dir() and not entry.is_file()
    except OSError:
        special = True
    if special:  # opening a named pipe waits for a writer: the build would hang
        return ("not a regular file (a named pipe, socket or device)", "delete it")
    return None


def files(base: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path relative to `base`, "/"-separated; absolute path) of every file under `base`,
    in sorted order: a folder's files, then each of its folders in turn (os.walk's order,
    topdown, its folders sorted). Like os.walk it never follows a symlink to a folder;
    unlike os.walk it asks no lstat per folder and no relpath (a folder per
    page: thousands of folders), the kinds coming from the directory listing itself. A
    symlink (to a folder, to a file, or a dangling one), anything but a regular file or a
    folder (a named pipe would block its reader), and a file or folder whose name is not
    UTF-8, is not listed, with a warning (_left_out)."""
    found: list[tuple[str, str]] = []
    folders: list[tuple[str, str]] = []
    try:
        with os.scandir(base) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                why = _unreadable(entry)
                if why:
                    _left_out(entry.path, why)
                elif not is_dir:
                    found.append((entry.name, entry.path))
                else:
                    folders.append((entry.name, entry.path))
    except OSError:
        return  # as os.walk: a folder that cannot be listed is passed over
    found.sort()
    for name, path in found:
        yield prefix + name, path
    folders.sort()
    for name, path in folders:
        yield from files(path, f"{prefix}{name}/")
