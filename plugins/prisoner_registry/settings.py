"""plugins/prisoner_registry's settings, declared once (site_settings)."""

from safe_input.text import MAX_YAML_BYTES
from site_settings import Setting, declare

SCHEMA = declare(
    "prisoner_registry", ("STATUS_", "SUPPORT_GROUP", "MAX_YAML_"),
    Setting("STATUS_STALE_AFTER_MONTHS", int, 12,
            "A status confirmed longer ago is shown as \"last confirmed <date>\", not as "
            "current", bounds=(1, None)),
    Setting("STATUS_NEVER_STALE", list[str], ["historical", "deceased"],
            "Statuses that never go out of date"),
    Setting("SUPPORT_GROUPS", dict[str, list[dict[str, str]]], {},
            "Prisoner-support groups per language ({lang: [{name, url}]}) named on profiles "
            "without an address; a language without a list uses the default language's"),
    Setting("MAX_YAML_BYTES", int, MAX_YAML_BYTES,
            "Largest registry file (bytes); a larger one is refused with its name",
            bounds=(1, None)),
)
