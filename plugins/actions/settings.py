"""plugins/actions' settings, declared once (site_settings)."""

from datetime import date

from site_settings import Setting, declare

SCHEMA = declare(
    "actions", ("ACTIONS_",),
    Setting("ACTIONS_TODAY", str | date | None, None,
            "The day (YYYY-MM-DD) that decides which actions are open, for reproducible builds "
            "and tests (None: the build's day in TIMEZONE)"),
)
