"""Writes `_headers` (strict Content-Security-Policy and friends) at the site root, and gives
templates the same policy for a `<meta http-equiv="Content-Security-Policy">` in every page
(Jinja global CSP_META_POLICY), so copies served without `_headers` (mirrors, file://) keep it.

The policy is data in pelicanconf.py (CSP_DIRECTIVES, SECURITY_HEADERS, EXTRA_HEADERS); the
same policy is rendered as an nginx snippet by `python -m security_headers nginx`
(committed as deploy/nginx-security-headers.conf; a test keeps the two in step).
"""

from __future__ import annotations

from functools import partial

from pelican import signals
from pelican.generators import Generator

from .policy import content_security_policy, headers, headers_file, meta_policy, nginx_snippet

__all__ = ["content_security_policy", "headers", "headers_file", "meta_policy", "nginx_snippet"]


def _install_global(generator) -> None:
    generator.env.globals["CSP_META_POLICY"] = meta_policy(generator.settings)


class HeadersGenerator(Generator):
    """Writes `_headers` from the policy in the settings."""

    def generate_output(self, writer) -> None:
        import site_scheme

        writer.write(site_scheme.save_as("headers"), None, partial(headers_file, self.settings))


def _get_generators(_pelican):
    return HeadersGenerator


def register() -> None:
    signals.generator_init.connect(_install_global)
    signals.get_generators.connect(_get_generators)
