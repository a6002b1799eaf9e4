"""Python helpers the templates call in place of Jinja expressions (for speed) give what the
Jinja expressions gave: Jinja's own newstyle gettext and its filters are the reference."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from babel.support import NullTranslations
from jinja2 import Environment

from tests.sitebuild import ROOT


def _site_env() -> Environment:
    from ui_i18n.jinja import install

    env = Environment(autoescape=True)
    install(env, {"DEFAULT_LANG": "en", "UI_TRANSLATIONS_DIR": str(ROOT / "translations")})
    return env


def _jinja_env() -> Environment:
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(NullTranslations(), newstyle=True)
    return env


@pytest.mark.parametrize("source", [
    '{{ _("100%% of them") }}',  # %% with no variables: newstyle gettext still applies %
    '{{ _("No percent sign") }}',
    '{{ _("a < b & c") }}',  # a UI string is Markup: not escaped again
    '{{ _("%(n)s%% done", n="<5>") }}',  # a variable is escaped
])
def test_gettext_gives_what_jinjas_newstyle_gettext_gives(source):
    assert _site_env().from_string(source).render() == _jinja_env().from_string(source).render()


def _alternate_names():
    from prisoner_registry import _install_globals

    generator = SimpleNamespace(settings={"DEFAULT_LANG": "en"}, env=Environment())
    _install_globals(generator)
    return generator.env.globals["alternate_names"]


def _person(ru: str, en: str, aliases: list[str]):
    full = lambda name: SimpleNamespace(full=name)  # noqa: E731
    return SimpleNamespace(names=SimpleNamespace(ru=full(ru), en=full(en)), aliases=aliases)


OLD_EXPRESSION = ('{{ (([person.names.ru.full, person.names.en.full] + person.aliases)'
                  ' | unique | reject("equalto", NAME) | list) | tojson }}')


@pytest.mark.parametrize(("person", "name", "expected"), [
    # the same name in other letter case counts once (the first spelling kept), and the
    # page's own name is left out
    (_person("Иванов Иван", "Ivan Ivanov", ["ivan ivanov", "Vanya", "ИВАНОВ ИВАН"]),
     "Ivan Ivanov", ["Иванов Иван", "Vanya"]),
    (_person("Иванов Иван", "Ivan Ivanov", ["ivan ivanov", "Vanya"]),
     "Иванов Иван", ["Ivan Ivanov", "Vanya"]),
    # a page's name that is none of them (a German transliteration) leaves all
    (_person("Иванов Иван", "Ivan Ivanov", []), "Iwan Iwanow", ["Иванов Иван", "Ivan Ivanov"]),
    # a name differing from the page's own only in letter case stays (reject is exact)
    (_person("Иванов Иван", "Ivan Ivanov", ["IVAN IVANOV"]), "ivan ivanov",
     ["Иванов Иван", "Ivan Ivanov"]),
])
def test_alternate_names_are_what_the_filter_chain_gave(person, name, expected):
    assert _alternate_names()(person, name) == expected
    old = Environment(autoescape=True).from_string(OLD_EXPRESSION).render(person=person, NAME=name)
    import json

    assert json.loads(old) == expected
