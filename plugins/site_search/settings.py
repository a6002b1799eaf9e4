"""plugins/site_search's settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "site_search", ("SEARCH_",),
    Setting("SEARCH_INDEX", bool, True,
            "False: no index (faster builds for tests); an earlier build's is removed"),
)
