"""What every check reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # output file, relative to the output folder
    where: str  # line, element or attribute
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


def site_hosts(site_urls: list[str]) -> set[str]:
    """Host names (with port) that mean "this site": SITEURL, FEED_SITEURL, mirrors."""
    return {urlsplit(u).netloc.lower() for u in site_urls if u and urlsplit(u).netloc}


def target_file(out_dir: Path, page: Path, url: str, hosts: set[str]) -> Path | None:
    """The output file an internal URL points to (existing or not); None for other hosts."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.lower() not in hosts:
        return None
    path = unquote(parts.path)
    if not path:
        return page
    base = out_dir if path.startswith("/") or parts.netloc else page.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target
