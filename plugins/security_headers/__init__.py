"""Writes `_headers` (strict Content-Security-Policy and friends) at the site root.

The policy is data in pelicanconf.py (CSP_DIRECTIVES, SECURITY_HEADERS, EXTRA_HEADERS); the
same policy is rendered as an nginx snippet by `python -m security_headers nginx`
(committed as deploy/nginx-security-headers.conf; a test keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .policy import content_security_policy, headers, headers_file, nginx_snippet

__all__ = ["content_security_policy", "headers", "headers_file", "nginx_snippet"]


def _write(pelican) -> None:
    from stable_output import write_if_changed

    write_if_changed(Path(pelican.output_path) / "_headers",
                     headers_file(pelican.settings).encode("utf-8"))


def register() -> None:
    signals.finalized.connect(_write)
