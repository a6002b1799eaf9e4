"""plugins/multilang's settings, declared once (site_settings). The languages and URL
patterns are not settings: they are in plugins/site_scheme."""

from site_settings import Setting, declare

SCHEMA = declare(
    "multilang", ("HOME_",),
    Setting("HOME_NOT_TRANSLATED_MAX", int, 5,
            "Newer texts not yet in a language listed on its home page, at most (0: none)",
            bounds=(0, None)),
)
