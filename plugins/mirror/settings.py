"""plugins/mirror's settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "mirror", ("MIRROR", "ONION_"),
    Setting("MIRROR_BUILD", bool, False,
            "Set by `invoke build --mirror`: every link relative, the copy works from file://"),
    Setting("MIRRORS", list[str], [],
            "Mirror addresses shown in every page's footer, feeds and the blocked page"),
    Setting("ONION_ADDRESS", str, "", "The onion service's address, shown the same way"),
)
