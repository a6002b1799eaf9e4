"""plugins/ui_i18n's settings, declared once (site_settings)."""

from site_settings import REQUIRED, Setting, declare

SCHEMA = declare(
    "ui_i18n", ("UI_",),
    Setting("UI_TRANSLATIONS_DIR", str, REQUIRED,
            "Folder of the UI catalogues, <lang>/LC_MESSAGES/messages.po"),
)
