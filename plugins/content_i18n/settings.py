"""plugins/content_i18n's settings, declared once (site_settings)."""

from safe_input.text import MAX_PO_BYTES
from site_settings import REQUIRED, Setting, declare

SCHEMA = declare(
    "content_i18n", ("CONTENT_TRANSLATION", "TRANSLATION_THRESHOLD", "MAX_PO_"),
    Setting("CONTENT_TRANSLATIONS_DIR", str, REQUIRED,
            "Folder of the content catalogues, <lang>/<slug>.po"),
    Setting("TRANSLATION_THRESHOLD", int | float, 80,
            "Percent of a text's segments translated and not fuzzy before its language "
            "version is published", bounds=(0, 100)),
    Setting("MAX_PO_BYTES", int, MAX_PO_BYTES,
            "Largest catalogue (bytes); a larger one is refused with its name",
            bounds=(1, None)),
)
