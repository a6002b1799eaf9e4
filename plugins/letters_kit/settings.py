"""plugins/letters_kit's settings, declared once (site_settings)."""

from site_settings import Setting, declare

SCHEMA = declare(
    "letters_kit", ("LETTERS_",),
    Setting("LETTERS_TRANSLATIONS_DIR", str | None, None,
            "Folder of the letters kit's catalogues (None: <UI_TRANSLATIONS_DIR>/letters)"),
)
