"""WebSub: tell the hub that feeds changed (run by `invoke publish` when WEBSUB_HUB is set)."""

from __future__ import annotations

import urllib.parse
import urllib.request


def feed_urls(settings: dict) -> list[str]:
    base = settings["FEED_SITEURL"].rstrip("/")
    urls = []
    for lang in settings["LANGUAGES"]:
        prefix = "" if lang == settings["DEFAULT_LANG"] else f"{lang}/"
        urls += [f"{base}/{prefix}feeds/all.atom.xml", f"{base}/{prefix}feeds/all.rss.xml"]
    return urls + [f"{base}/feeds/global.atom.xml", f"{base}/feeds/global.rss.xml"]


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
