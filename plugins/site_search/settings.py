"""plugins/site_search's settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "site_search", ("SEARCH_",),
    Setting("SEARCH_INDEX", bool, True,
            "False: Pagefind builds no index (faster builds for tests)"),
)
