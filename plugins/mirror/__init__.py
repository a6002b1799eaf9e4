"""Mirror builds (MIRROR_BUILD = True, set by `invoke build --mirror`): after Pelican has written
the site, every link between its pages becomes relative and names its file (`…/index.html`), so
the copy works from any domain, an onion address or `file://`. Feeds, the canonical link and
JSON-LD keep the canonical absolute URLs: they identify the texts, they are not navigation."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .relativize import relativize_tree

logger = logging.getLogger(__name__)


def _finalized(pelican) -> None:
    if not pelican.settings.get("MIRROR_BUILD"):
        return
    count = relativize_tree(Path(pelican.output_path), pelican.settings.get("SITEURL", ""))
    logger.info("mirror: %d pages rewritten with relative links", count)


def register() -> None:
    signals.finalized.connect(_finalized)
