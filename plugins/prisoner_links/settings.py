"""plugins/prisoner_links' settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "prisoner_links", ("PRISONER_LINKS",),
    Setting("PRISONER_LINKS_EVERY_MENTION", bool, False,
            "Link every mention of a person, not only the first in a text"),
    Setting("PRISONER_LINKS_CACHE", str | None, None,
            "Folder where the compiled name matcher is kept between builds (None: not kept)"),
)
