"""A registry person for the linker's tests: one name in the Latin-script languages, one in
Russian and Ukrainian."""

from prisoner_registry.schema import Person

LANGS = ("en", "ru", "uk", "de", "fr", "es")


def person(slug, given, family, ru_given, ru_family, gender="m") -> Person:
    names = {lang: {"given": given, "family": family} for lang in LANGS}
    names["ru"] = names["uk"] = {"given": ru_given, "family": ru_family}
    return Person.model_validate({
        "slug": slug, "names": names, "gender": gender, "status": "imprisoned",
        "status_as_of": "2024", "letters": {"state": "address-unknown"},
        "sources": [{"publication": "X", "date": "2024"}], "last_verified": "2024-01-01",
        "bio": {"en": "x"}})
