"""UI strings through gettext: every generator's Jinja environment gets the i18n extension with
catalogues compiled from translations/<lang>/LC_MESSAGES/messages.po, and Babel date/number
filters, all following the language of the page being rendered."""

from __future__ import annotations

from pelican import signals

from .jinja import install


def _on_generator_init(generator) -> None:
    install(generator.env, generator.settings)


def register() -> None:
    signals.generator_init.connect(_on_generator_init)
