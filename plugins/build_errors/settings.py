"""plugins/build_errors' settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "build_errors", ("STRICT_",),
    Setting("STRICT_WARNINGS", bool, False,
            "Every warning of the build is an error (publishconf.py sets it)"),
)
