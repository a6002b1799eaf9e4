"""WebSub: tell the hub that feeds changed (run by `invoke publish` when WEBSUB_HUB is set)."""

from __future__ import annotations

import urllib.parse
import urllib.request

import site_scheme


def feed_urls(settings: dict) -> list[str]:
    """Absolute URLs of every language's main feed and the global feed, Atom and RSS."""
    base = settings["FEED_SITEURL"].rstrip("/")
    urls = [f"{base}/{site_scheme.url('feed-all', lang, fmt)}"
            for lang in site_scheme.LANGUAGES for fmt in ("atom", "rss")]
    return urls + [f"{base}/{site_scheme.url('feed-global', None, fmt)}"
                   for fmt in ("atom", "rss")]


def notify(hub: str, topics: list[str], timeout: float = 15) -> list[tuple[str, int]]:
    """POST hub.mode=publish for each topic; returns (topic, HTTP status)."""
    results = []
    for topic in topics:
        body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
        request = urllib.request.Request(hub, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            results.append((topic, response.status))
    return results
