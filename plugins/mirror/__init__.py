"""Mirror builds (MIRROR_BUILD = True, set by `invoke build --mirror`): after Pelican has written
the site, every link between its pages becomes relative and names its file (`…/index.html`), so
the copy works from any domain, an onion address or `file://`. Feeds, the canonical link and
JSON-LD keep the canonical absolute URLs: they identify the texts, they are not navigation.

A mirror build is made into an empty folder only (`invoke build --mirror` makes a fresh one and
swaps it in): see _refuse_in_place."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals

from .relativize import relativize_tree

logger = logging.getLogger(__name__)


def _refuse_in_place(pelican) -> None:
    """Signal ``initialized``: a mirror build goes into an empty folder (`invoke build --mirror`
    makes a fresh one and swaps it in). Into a folder that already holds a site it would leave
    there what was taken down since: the writer removes a file the last build wrote only while
    it is as that build left it, and the mirror rewrites every page after the writer recorded
    them. Raises CleanFailure (one line) unless Pelican empties the folder first
    (DELETE_OUTPUT_DIRECTORY)."""
    settings = pelican.settings
    if not settings.get("MIRROR_BUILD") or settings.get("DELETE_OUTPUT_DIRECTORY"):
        return
    try:
        with os.scandir(pelican.output_path) as entries:
            holds = next(entries, None) is not None
    except (FileNotFoundError, NotADirectoryError):
        holds = False
    if holds:
        from build_errors import CleanFailure

        raise CleanFailure(
            f"{pelican.output_path}: a mirror build (MIRROR_BUILD) is made into an empty "
            "folder and this one holds files (a page taken down would stay in it); run "
            "`invoke build --mirror`, which builds a fresh folder and swaps it in, or empty "
            "the folder first")


def _finalized(pelican) -> None:
    if not pelican.settings.get("MIRROR_BUILD"):
        return
    count = relativize_tree(Path(pelican.output_path), pelican.settings.get("SITEURL", ""))
    logger.info("mirror: %d pages rewritten with relative links", count)


def register() -> None:
    signals.initialized.connect(_refuse_in_place)
    signals.finalized.connect(_finalized)
