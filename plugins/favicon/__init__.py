"""/favicon.ico at the site root. Browsers (and feed readers) ask for it there whatever a page
links, so without it every first visit logs a 404. The pages link the SVG icon and this ICO from
the theme (theme/static/favicon.svg, favicon.ico; tools/make_favicon.py draws both)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

import site_scheme


class FaviconGenerator(Generator):
    """Copies the theme's favicon.ico to the output root (unchanged files are not rewritten)."""

    def generate_output(self, writer) -> None:
        source = Path(self.theme) / "static" / "favicon.ico"
        if source.exists():
            writer.write(site_scheme.save_as("favicon"), None, source.read_bytes)


def _get_generators(_pelican):
    return FaviconGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
