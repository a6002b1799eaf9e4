"""Registry.proper_name: content/names.yaml first, then a person, then a case group."""

from types import SimpleNamespace as NS

from prisoner_registry.loader import Registry


def _person(en: str, ru: str):
    full = lambda text: NS(full=text)  # noqa: E731
    return NS(names=NS(en=full(en), ru=full(ru)))


def test_names_file_then_person_then_case_group_and_unknown_names_stay_unknown():
    registry = Registry(
        people={"a": _person("Anna Petrova", "Анна Петрова"),
                "b": _person("Anna Petrova", "Анна Петрова-Вторая"),
                "c": _person("Tomsk Case", "Томское дело (человек)")},
        cases={"tomsk": NS(name={"en": "Tomsk Case", "ru": "Томское дело"}),
               "ufa": NS(name={"en": "Ufa Circle"})},
        proper_names={"Ufa Circle": {"en": "Ufa Circle", "ru": "Уфимский кружок"}})
    assert registry.proper_name("Anna Petrova", "ru") == ("Анна Петрова", "ru")  # the first
    assert registry.proper_name("Tomsk Case", "ru") == ("Томское дело (человек)", "ru")
    assert registry.proper_name("Ufa Circle", "ru") == ("Уфимский кружок", "ru")
    assert registry.proper_name("Nobody", "ru") is None
    registry.cases["kazan"] = NS(name={"en": "Kazan Group"})  # a later addition is seen
    assert registry.proper_name("Kazan Group", "ru") == ("Kazan Group", "en")
