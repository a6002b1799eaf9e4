"""Listing a built folder without leaving it: every file, in os.walk's sorted top-down
order, a symlink to a folder listed by name but never followed (a page or bundle must never
be read or written through a link out of the output), and a symlink to a file left out with
a warning."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

logger = logging.getLogger(__name__)
_warned: set[str] = set()  # links already named: several readers walk the same folder


def _left_out(path: str) -> None:
    """Warn once per build process about a link in a built folder. The build writes none
    (Pelican's STATIC_CREATE_LINKS is off): one left there by hand may point out of the
    folder, or nowhere (reading it raised FileNotFoundError in the sitemap and the search
    index)."""
    if path in _warned:
        return
    _warned.add(path)
    target = os.readlink(path) if os.path.islink(path) else "?"
    logger.warning("%s: a symbolic link (to %s) the build did not write; it is left out of "
                   "the sitemap and the search index: delete it, or put the file itself "
                   "there", os.path.relpath(path), target)


def files(base: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path relative to `base`, "/"-separated; absolute path) of every file under `base`,
    in sorted order: a folder's files, then each of its folders in turn (os.walk's order,
    topdown, its folders sorted). Like os.walk it lists a symlink to a folder but does not
    follow it; unlike os.walk it asks no lstat per folder and no relpath (a folder per
    page: thousands of folders), the kinds coming from the directory listing itself. A
    symlink to a file (or a dangling one) is not listed, with a warning (_left_out)."""
    found: list[tuple[str, str]] = []
    folders: list[tuple[str, str]] = []
    try:
        with os.scandir(base) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir and entry.is_symlink():
                    _left_out(entry.path)
                elif not is_dir:
                    found.append((entry.name, entry.path))
                elif not entry.is_symlink():
                    folders.append((entry.name, entry.path))
    except OSError:
        return  # as os.walk: a folder that cannot be listed is passed over
    found.sort()
    for name, path in found:
        yield prefix + name, path
    folders.sort()
    for name, path in folders:
        yield from files(path, f"{prefix}{name}/")
