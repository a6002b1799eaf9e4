"""prisoners.json / prisoners.csv / prisoners.schema.json for partners: every public field, all
languages' names, stable field names (the schema's), and nothing published without consent."""

from __future__ import annotations

import csv
import io
import json

from pydantic import BaseModel

from .loader import Registry
from .schema import LANGS, Case, Lang, Person

SCHEMA_VERSION = "1.0"


class PublicPerson(Person):
    profile_urls: dict[Lang, str]


class OpenData(BaseModel):
    schema_version: str
    license: str
    people: list[PublicPerson]
    cases: list[Case]


def public_person(person: Person, urls: dict[str, str]) -> PublicPerson:
    data = person.model_dump(mode="json", exclude_none=True)
    if not person.consent.address and ({"address", "postal"} & set(data["letters"])):
        # Never published without recorded consent: to the public the address is unknown.
        data["letters"] = {"state": "address-unknown"}
    if not person.consent.photo:
        data.pop("photo", None)
    if not person.consent.birthday:  # the loader refuses this already; never published
        data.pop("birthday", None)
    return PublicPerson.model_validate({**data, "profile_urls": urls})


def build(registry: Registry, profile_urls: dict[str, dict[str, str]], license: str) -> OpenData:
    return OpenData(
        schema_version=SCHEMA_VERSION,
        license=license,
        people=[public_person(p, profile_urls[s]) for s, p in sorted(registry.people.items())],
        cases=[c for _, c in sorted(registry.cases.items())],
    )


def to_json(data: OpenData) -> str:
    return json.dumps(data.model_dump(mode="json", exclude_none=True), ensure_ascii=False,
                      indent=2, sort_keys=False) + "\n"


def json_schema() -> str:
    schema = OpenData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Left political prisoners in Russia: registry export"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    ["slug"]
    + [f"name_{lang}" for lang in LANGS]
    + ["gender", "status", "status_as_of", "case", "charges_en", "sentence_en",
       "detention_place_en", "organisations", "last_verified"]
    + [f"profile_url_{lang}" for lang in LANGS]
)


# OWASP, "CSV Injection": a cell starting with one of these is read by spreadsheets as a
# formula (=HYPERLINK(…) sends data elsewhere, =cmd|… runs commands). A leading apostrophe makes
# the spreadsheet show the cell as text. https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: "=1+2" -> "'=1+2"; other cells unchanged."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _joined(items) -> str:
    # A spreadsheet opened with ";" as its separator splits the cell here: each item on its own.
    return "; ".join(neutralise(item) for item in items)


def to_csv(data: OpenData) -> str:
    """One row per person (CSV_COLUMNS), every cell neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in data.people:
        row = {"slug": p.slug, "gender": p.gender, "status": p.status,
               "status_as_of": str(p.status_as_of), "case": p.case or "",
               "charges_en": _joined(
                   (f"art. {c.article}: " if c.article else "") + c.description["en"]
                   for c in p.charges),
               "sentence_en": p.sentence.term["en"] if p.sentence else "",
               "detention_place_en": p.detention_place["en"] if p.detention_place else "",
               "organisations": _joined(p.organisations),
               "last_verified": str(p.last_verified)}
        for lang in LANGS:
            row[f"name_{lang}"] = getattr(p.names, lang).full
            row[f"profile_url_{lang}"] = p.profile_urls[lang]
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return out.getvalue()
