"""Site-wide checks on a built output folder (used by `invoke build`, `check` and `publish`).

Not a Pelican plugin: it inspects what Pelican wrote. Each check returns a list of
:class:`Problem`, one line each, naming the output file and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from .csp import InlinePolicy
from .feed_links import check_feeds
from .html_validity import validate_html
from .links import check_links
from .model import Problem
from .open_data import check_open_data

__all__ = ["Problem", "check_feeds", "check_links", "check_open_data", "run_checks",
           "validate_html"]


def run_checks(out_dir: Path, settings: dict, html: bool = True) -> list[Problem]:
    """Internal links, the URL allowlist and inline code against the CSP in pages, feeds and
    open data, and (optionally) HTML validity, for a site built with these Pelican settings."""
    site_urls = [settings.get("SITEURL", ""), settings.get("FEED_SITEURL", ""),
                 *settings.get("MIRRORS", [])]
    policy = InlinePolicy.from_settings(settings)
    problems = check_links(out_dir, site_urls, policy)
    problems += check_feeds(out_dir, site_urls, policy)
    problems += check_open_data(out_dir)
    if html:
        problems += validate_html(out_dir)
    return problems
