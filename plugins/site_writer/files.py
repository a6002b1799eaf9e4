"""Writing files so that an unchanged output keeps its timestamps: static hosts' ETag and
Last-Modified stay stable, partners' conditional requests get 304, rsync sends nothing."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

PARTIAL = ".partial"


def settle(tmp: str, final: str, previous: str | None = None, new: bool = False) -> bool:
    """Move `tmp` over `final` unless both hold the same bytes (then `tmp` is removed);
    returns whether `final` changed. `previous`: the same file in the folder this build
    replaces; when it holds the same bytes it is linked in instead, with its timestamps.
    `new`: `final` is known not to be there (a fresh output folder), so it is not looked for."""
    if not new and os.path.exists(final) and filecmp.cmp(tmp, final, shallow=False):
        os.remove(tmp)
        return False
    if previous and (new or not os.path.exists(final)) and os.path.isfile(previous) and \
            filecmp.cmp(tmp, previous, shallow=False):
        os.remove(tmp)
        bring(previous, final)
        return True
    os.replace(tmp, final)
    return True


def bring(source: str, target: str) -> None:
    """Put `source` at `target` with its timestamps: a hard link, else a copy."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.remove(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _holds(path: str, data: bytes) -> bool:
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as fp:
                return fp.read() == data
    except OSError:
        pass
    return False


def write_if_changed(path: str | Path, data: bytes, previous: str | None = None, *,
                     new: bool = False, dirs: set[str] | None = None) -> bool:
    """Write `data` to `path` (through a temporary file, so no reader sees half a file)
    unless the file already holds exactly these bytes; returns whether it wrote.
    `previous` and `new` as for settle(). `dirs`: folders known to exist (the caller's set,
    kept up to date here), so each folder is made once rather than once per file.

    With `new` (a folder empty when the build started) a file not there yet is written in
    place, without the temporary file and the rename: there is no earlier version for a
    reader to see replaced (invoke build's fresh folder is not served until it is swapped in
    whole), and a write that fails removes what it wrote. A file this build has already put
    there (perhaps a hard link into the folder it replaces) is replaced as usual."""
    path = str(path)
    if not new and _holds(path, data):
        return False
    if previous and (new or not os.path.exists(path)) and _holds(previous, data):
        bring(previous, path)
        return True
    folder = os.path.dirname(path) or "."
    if dirs is None or folder not in dirs:
        os.makedirs(folder, exist_ok=True)
        if dirs is not None:
            dirs.add(folder)
    if new:
        try:
            _write(path, data, os.O_EXCL)
            return True
        except FileExistsError:
            pass
    tmp = path + PARTIAL
    _write(tmp, data, os.O_TRUNC)
    os.replace(tmp, path)
    return True


def _write(path: str, data: bytes, flag: int) -> None:
    """Create `path` (`flag`: os.O_EXCL, or os.O_TRUNC to overwrite) holding `data`; on an
    error (a full disk) the file is removed and the error raised. Three system calls for
    the usual file: open() also asks for its block size and whether it is a terminal."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | flag | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        os.remove(path)
        raise
    os.close(fd)


def keep_timestamps(old: Path, new: Path) -> int:
    """Give every file in `new` that is byte-identical to its counterpart in `old` the old
    file's timestamps (for builds into a fresh folder that replaces `old`). Returns how many
    kept them."""
    kept = 0
    for path in new.rglob("*"):
        kept += keep_stamp(old / path.relative_to(new), path)
    return kept


def keep_stamp(before: str | Path, path: str | Path) -> bool:
    """Give `path` the timestamps of `before` when both are regular files with the same bytes
    (and not the same file). Returns whether it did."""
    if os.path.isfile(path) and os.path.isfile(before) and not os.path.samefile(path, before) \
            and os.stat(path).st_size == os.stat(before).st_size and \
            filecmp.cmp(path, before, shallow=False):
        stat = os.stat(before)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        return True
    return False


class ThemeStamps:
    """Pelican copies the theme's static files on every build with a new timestamp: remember
    what is there before, give unchanged files their timestamps back afterwards."""

    def __init__(self, folder: Path):
        self.files: dict[str, tuple[bytes, int, int]] = {}
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                self.files[str(path)] = (path.read_bytes(), stat.st_atime_ns, stat.st_mtime_ns)

    def restore(self) -> None:
        for path, (data, atime, mtime) in self.files.items():
            if os.path.isfile(path) and Path(path).read_bytes() == data:
                os.utime(path, ns=(atime, mtime))
        self.files.clear()
