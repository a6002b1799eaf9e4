"""plugins/feeds' settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "feeds", ("FEED_", "WEBSUB_"),
    Setting("FEED_SITEURL", str, "http://127.0.0.1:8000",
            "Absolute address feeds give their links (feeds need absolute URLs); "
            "publishconf.py sets the public one"),
    Setting("FEED_TAG_AUTHORITY", str, "left-prisoners.example.org,2024",
            "Authority of the entries' tag: ids (RFC 4151), so ids survive a change of "
            "SITEURL; never change it once feeds are public"),
    Setting("FEED_MAX_ITEMS", int, 20,
            "Entries in a feed document; older ones go to RFC 5005 archive pages (0: all)",
            bounds=(0, None)),
    Setting("FEED_ARCHIVE_ITEMS", int | None, None,
            "Entries per RFC 5005 archive page, as title, summary and link (None: "
            "FEED_MAX_ITEMS)", bounds=(1, None)),
    Setting("FEED_LICENSE", str, "", "Licence named in every feed's rights"),
    Setting("FEED_LICENSE_URL", str, "", "Address of that licence (a rel=license link)"),
    Setting("WEBSUB_HUB", str | None, None,
            "The WebSub hub that `invoke publish` notifies and feeds name (None: no hub)"),
)
