"""UI strings through gettext: every generator's Jinja environment gets the i18n extension with
catalogues compiled from translations/<lang>/LC_MESSAGES/messages.po, and Babel date/number
filters, all following the language of the page being rendered. Every site language's
catalogue is checked after reading, before anything is written (catalogs.check_catalogues)."""

from __future__ import annotations

from pelican import signals

from .catalogs import check_catalogues, new_build
from .jinja import install


def _on_generator_init(generator) -> None:
    install(generator.env, generator.settings)


def _check(generators) -> None:
    if generators:
        check_catalogues(generators[0].settings)


def register() -> None:
    signals.initialized.connect(new_build)
    signals.generator_init.connect(_on_generator_init)
    signals.all_generators_finalized.connect(_check)
