"""Listing a built folder without leaving it: every file, in os.walk's sorted top-down
order; a symlink (to a folder or a file) is never followed (a page or bundle must never be
read or written through a link out of the output) but left out with a warning."""

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
    # The name's own bytes, those that are not UTF-8 as \xNN (the terminal could not show them).
    shown = os.fsencode(os.path.relpath(path)).decode("utf-8", "backslashreplace")
    logger.warning("%s: left out of the sitemap and the search index: %s, which the build "
                   "did not write; %s", shown, *why)


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
