"""Stable output: a rebuild with no content change rewrites no output file, so static hosts'
ETag/Last-Modified stay stable, partners' conditional requests get 304, and rsync deploys only
what changed.

- `StableWriter` (Pelican's writer) renders into `<file>.partial` through Pelican's own
  bookkeeping, then replaces the target only if the bytes differ.
- `write_if_changed` does the same for the files plugins write themselves.
- `keep_timestamps` is for builds into a fresh folder (tasks.py): files equal to the previous
  output get its timestamps back."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

import render_memo
from parallel_output import mine

PARTIAL = ".partial"


def _settle(tmp: str, final: str) -> bool:
    """Move `tmp` over `final` unless they are equal; return whether `final` changed."""
    if os.path.exists(final) and filecmp.cmp(tmp, final, shallow=False):
        os.remove(tmp)
        return False
    os.replace(tmp, final)
    return True


def write_if_changed(path: str | Path, data: bytes, key: object = None) -> bool:
    """Write `data` unless the file already holds it. In a parallel build only the process
    that owns `key` (default: the path) writes it."""
    path = str(path)
    if not mine(key if key is not None else path):
        return False
    if os.path.exists(path):
        with open(path, "rb") as fp:
            if fp.read() == data:
                return False
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + PARTIAL
    with open(tmp, "wb") as fp:
        fp.write(data)
    os.replace(tmp, path)
    return True


def copy_if_changed(source: str | Path, path: str | Path, key: object = None) -> bool:
    """Copy a file unless the target already holds the same bytes; only the owning process
    reads the source at all."""
    if not mine(key if key is not None else str(path)):
        return False
    return write_if_changed(path, Path(source).read_bytes(), key=key)


class _Pending:
    def __init__(self, handle, tmp: str, final: str):
        self.handle, self.tmp, self.final = handle, tmp, final

    def __enter__(self):
        return self.handle.__enter__()

    def __exit__(self, *exc):
        self.handle.__exit__(*exc)
        if exc[0] is None and self.tmp != os.devnull:
            _settle(self.tmp, self.final)
        elif os.path.exists(self.tmp) and self.tmp != os.devnull:
            os.remove(self.tmp)
        return False


class StableWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        if not mine(name):  # another process renders this page (plugins/parallel_output)
            return None
        doc = kwargs.get("article") or kwargs.get("page")
        k = None
        if doc is not None and not kwargs.get("paginated") and hasattr(doc, "_content"):
            k = render_memo.document_key(context, name, template.name, doc)
        elif doc is None and kwargs.get("page_kind") and "articles" in kwargs:
            k = render_memo.listing_key(context, name, template.name, kwargs)
        if k is not None and render_memo.fresh(self.output_path, name, k):
            return None  # same inputs as the page already there (plugins/render_memo)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        handle = super()._open_w(filename + PARTIAL, encoding, override)
        tmp = handle.name if handle.name == os.devnull else filename + PARTIAL
        return _Pending(handle, tmp, filename)


def keep_timestamps(old: Path, new: Path) -> int:
    """Give every file in `new` that is byte-identical to its counterpart in `old` the old
    file's timestamps. Returns how many kept them."""
    kept = 0
    for path in new.rglob("*"):
        before = old / path.relative_to(new)
        if path.is_file() and before.is_file() and \
                path.stat().st_size == before.stat().st_size and \
                filecmp.cmp(path, before, shallow=False):
            stat = before.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            kept += 1
    return kept


_snapshot: dict[str, tuple[bytes, int, int]] = {}


def _writer(pelican):
    """Pelican re-copies theme files on every build with a new timestamp; remember what is
    there now, so unchanged ones get their timestamps back when the build is done."""
    _snapshot.clear()
    theme = Path(pelican.output_path) / pelican.settings.get("THEME_STATIC_DIR", "theme")
    for path in theme.rglob("*") if theme.is_dir() else []:
        if path.is_file():
            stat = path.stat()
            _snapshot[str(path)] = (path.read_bytes(), stat.st_atime_ns, stat.st_mtime_ns)
    return StableWriter


def _restore_theme_timestamps(_pelican) -> None:
    for path, (data, atime, mtime) in _snapshot.items():
        if os.path.isfile(path) and Path(path).read_bytes() == data:
            os.utime(path, ns=(atime, mtime))
    _snapshot.clear()


def register() -> None:
    signals.get_writer.connect(_writer)
    signals.finalized.connect(_restore_theme_timestamps)
