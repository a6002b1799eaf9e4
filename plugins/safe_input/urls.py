"""URL fields and local paths.

- A URL field (SourceURL, Image, a registry source, support link or photo) holds an absolute
  ``http(s)://host/…`` URL or a site-relative path (``/…``); nothing else (no javascript:,
  data:, file:, no protocol-relative ``//host``, no spaces or control characters).
- A local path (Image, a static file, a registry photo, a ``{static}`` link) must resolve,
  after following symbolic links, to a file inside the content folder: a link to /etc/passwd
  in content/images/ must not be copied into the site.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\]")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an acceptable URL field, or None. Site-relative paths start with a
    single "/"; absolute URLs use http or https and name a host."""
    if not value or _BAD_CHARS.search(value):
        return (f"'{value}' is not a web address (spaces, backslashes and control characters "
                "are not allowed); write https://… or a path on this site starting with /")
    if value.startswith("/") and not value.startswith("//"):
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and "@" not in parts.netloc:
        return None
    return (f"'{value}' is not allowed: write an absolute https:// (or http://) address or a "
            "path on this site starting with /")


def inside(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """True when ``path`` exists and, with every symbolic link followed, is inside ``root``."""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return os.path.exists(real) and os.path.commonpath([real, base]) == base


def links_out(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """True when ``path`` lies in ``root`` as written but, with symbolic links followed,
    outside it (a file elsewhere, such as an editor's draft previewed with `invoke mentions`,
    is not concerned)."""
    written, base = os.path.abspath(path), os.path.abspath(root)
    return os.path.commonpath([written, base]) == base and not inside(path, root)


def link_problem(path: str | os.PathLike, root: str | os.PathLike) -> str | None:
    """Why the input file `path` (a catalogue, which the build reads and publishes for
    download) must not be read, or None: it is a symbolic link, or it lies in `root` (its
    translations folder) but resolves outside it (`links_out`: the rule content Markdown
    follows; a linked folder on the way). Read through a link, any file of the build
    machine would be copied into the site (GUIDE: every input is untrusted)."""
    if os.path.islink(path) or links_out(path, root):
        return (f"is a symbolic link (to {os.path.realpath(path)}); a catalogue is read and "
                "published only as a file inside its translations folder: replace the link "
                "with the file itself")
    return None


def local_file_problem(target: str, base: str, content_root: str) -> str | None:
    """Why the site-relative or relative file ``target`` (URL-quoted, as written in a link or
    field) cannot be published: it does not exist, or resolves outside ``content_root``."""
    path = os.path.join(base, unquote(target).lstrip("/"))
    if not os.path.lexists(path):
        return "points at a file that does not exist"
    if not inside(path, content_root):
        return ("resolves outside the content folder (a symbolic link or ../); only files "
                "inside content/ are published: copy the file into content/images")
    return None
