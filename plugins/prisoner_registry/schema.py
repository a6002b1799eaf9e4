"""The registry schema: one YAML file per person (content/prisoners/) and per case group
(content/cases/). Pydantic models; the build enforces them and publishes their JSON Schema."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    create_model,
    model_validator,
)

import site_scheme
from safe_input.slugs import SLUG_PATTERN

LANGS = site_scheme.LANGUAGES  # every text map and name set is keyed by the site's languages
# Closed list; the order is the order of the sections on the index pages.
STATUSES = (
    "pre-trial-detention",
    "imprisoned",
    "house-arrest",
    "restrictions",
    "forced-psychiatric-treatment",
    "released",
    "in-exile",
    "deceased",
    "historical",
)
# Subscripting Literal with a tuple gives one Literal of all its values: the lists stay single.
Lang = Literal[LANGS]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
LETTER_CHANNELS = ("post", "fsin-pismo", "zonatelecom")

_PARTIAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _partial_date(value: str | date) -> str:
    """Sources often give only a year or a month ("Jul 2023"), so dates may be partial."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _PARTIAL.match(text):
        raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    if len(text) == 10:
        date.fromisoformat(text)  # rejects 2024-02-30
    if int(text[:4]) < 1900:  # as `born`: a typo, and the numbers page would chart centuries
        raise ValueError(f"'{text}' is before 1900; check the year")
    return text


def period_end(value: str | date) -> date:
    """The last day a partial date covers: '2021' -> 2021-12-31, '2021-09' -> 2021-09-30."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if len(text) == 4:
        return date(int(text), 12, 31)
    if len(text) == 7:
        year, month = map(int, text.split("-"))
        after = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(after.toordinal() - 1)
    return date.fromisoformat(text)


def period_start(value: str | date) -> date:
    """The first day a partial date covers: '2021' -> 2021-01-01, '2021-09' -> 2021-09-01."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return date.fromisoformat((text + "-01-01")[:10] if len(text) == 4 else (text + "-01")[:10])


PartialDate = Annotated[
    str | date,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),  # YAML reads 2024 as a number
    AfterValidator(_partial_date),
]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]  # the site's one slug alphabet


def _needs_english(value: dict[str, str]) -> dict[str, str]:
    if not value.get("en", "").strip():
        raise ValueError("an English text ('en') is required; other languages fall back to it")
    return value


LocalizedText = Annotated[dict[Lang, str], AfterValidator(_needs_english)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonName(Strict):
    given: Annotated[str, Field(min_length=1)]
    family: Annotated[str, Field(min_length=1)]

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"


# One required field per site language (names.en, names.ru, …).
Names = create_model(
    "Names", __base__=Strict,
    __doc__="The name as written in each site language: German transliteration (Kagarlizki) "
            "for de, Ukrainian spelling for uk, the original Cyrillic for ru.",
    **{lang: (PersonName, ...) for lang in LANGS})


class StatusChange(Strict):
    date: PartialDate
    status: Status
    note: LocalizedText | None = None


class Charge(Strict):
    article: str | None = Field(None, description="Criminal Code article, e.g. '212 part 1.1'")
    description: LocalizedText


class Sentence(Strict):
    term: LocalizedText
    # The term as a number for the numbers page (plugins/registry_numbers): months of deprivation of
    # liberty in force (after appeals); 0 for a sentence without one (a fine, time served).
    term_months: int = Field(ge=0, le=1200, description=(
        "Months of deprivation of liberty in force after appeals; 0 for a fine or time served"))
    regime: LocalizedText | None = None
    date: PartialDate
    court: LocalizedText | None = None


class Source(Strict):
    publication: str
    date: PartialDate
    url: HttpUrl | None = None


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def _cyrillic(value: str) -> str:
    """An envelope line in Cyrillic: Russian Post sorts and the censor files letters by it."""
    if not _CYRILLIC.search(value) or _LATIN.search(value):
        raise ValueError(f"'{value}' must be written in Cyrillic (no Latin letters), as on a "
                         "Russian envelope")
    return value


Cyrillic = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_cyrillic)]
_INDEX = re.compile(r"^[1-9]\d{5}$")


def _postal_code(value: str) -> str:
    """Russian Post's index (почтовый индекс): six digits, the first not 0."""
    if not _INDEX.match(value):
        raise ValueError(f"'{value}' is not a Russian postal code; write its six digits, "
                         "e.g. '123456'")
    return value


PostalCode = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),  # YAML reads 123456 as a number
    AfterValidator(_postal_code),
    Field(json_schema_extra={"pattern": _INDEX.pattern}),  # the same rule for partners
]


class PostalAddress(Strict):
    """The envelope of a letter to a prison, in the order a Russian envelope gives it: the
    facility, its street, its town or settlement, its region, and the six-digit index. The
    addressee's line is made from `names.ru`, `patronymic` and `born` (FSIN files letters by
    full name and year of birth). Published only with `consent.address: true`."""

    patronymic: Cyrillic | None = Field(None, description="Отчество, if the person has one")
    facility: Cyrillic = Field(description="e.g. ФКУ ИК-1 УФСИН России по … области")
    street: Cyrillic = Field(description="street and building: ул. …, д. …")
    locality: Cyrillic = Field(description="town or settlement: г. …, пос. …")
    region: Cyrillic | None = Field(None, description="region and district, when needed")
    postal_code: PostalCode


class LettersReceived(Strict):
    """Letters the person is known to have received, from a source: a count, or the date of
    the last known letter, or both. "Who needs a letter now" orders writable people by it."""

    count: int | None = Field(None, ge=0, le=1_000_000, description="letters received in all")
    last_letter: PartialDate | None = Field(None, description="when the last known letter came")
    source: Source

    @model_validator(mode="after")
    def _something_known(self) -> LettersReceived:
        if self.count is None and self.last_letter is None:
            raise ValueError("give 'count', 'last_letter' or both; otherwise leave 'received' "
                             "out")
        if self.last_letter is not None and \
                period_start(self.last_letter) > period_end(self.source.date):
            raise ValueError(f"last_letter {self.last_letter} is later than its source's date "
                             f"({self.source.date}); a source cannot report a later letter")
        return self


class Letters(Strict):
    """How to write. An address is shown only with recorded consent (see Consent)."""

    state: Literal["can-write", "address-unknown", "do-not-write"]
    address: str | None = Field(None, description="In Cyrillic, as a Russian envelope needs it")
    postal: PostalAddress | None = Field(None, description="The envelope, field by field; "
                                         "gives the printable letter sheet")
    channels: list[Literal["post", "fsin-pismo", "zonatelecom"]] = []
    parcels: LocalizedText | None = None
    note: LocalizedText | None = None
    received: LettersReceived | None = None

    @model_validator(mode="after")
    def _address_when_writable(self) -> Letters:
        if self.state == "can-write" and not ((self.address or self.postal) and self.channels):
            raise ValueError("state 'can-write' needs an address and at least one channel")
        if self.state != "can-write" and self.channels:
            raise ValueError(f"state '{self.state}' cannot list channels; remove them")
        if self.state != "can-write" and self.postal:
            raise ValueError(f"state '{self.state}' cannot give a postal address; remove "
                             "'postal' or set the state to 'can-write'")
        if self.address and self.postal:
            raise ValueError("give the address once: in 'postal' (field by field, which makes "
                             "the letter sheet) or in 'address', not both")
        return self


class Consent(Strict):
    address: bool = False
    photo: bool = False
    birthday: bool = False


_BIRTHDAY = re.compile(r"^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _birthday(value: str | date) -> str:
    """'MM-DD' (the day only) or 'YYYY-MM-DD'; 02-29 is a day like any other."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _BIRTHDAY.match(text):
        raise ValueError(f"'{text}' is not a birthday; write MM-DD (e.g. '03-15') or YYYY-MM-DD")
    date.fromisoformat(text if len(text) == 10 else f"2000-{text}")  # 2000: a leap year
    return text


Birthday = Annotated[str | date, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
                     AfterValidator(_birthday),
                     Field(json_schema_extra={"pattern": _BIRTHDAY.pattern})]


def _full_date(value: object) -> object:
    """A whole date, YYYY-MM-DD (YAML gives a date; a number would be read as a timestamp)."""
    if isinstance(value, date) or (isinstance(value, str) and
                                   re.match(r"^\d{4}-\d{2}-\d{2}$", value)):
        return value
    raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD")


FullDate = Annotated[date, BeforeValidator(_full_date)]


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError(f"'{value}' is not a time; write HH:MM, 24-hour (e.g. '10:30')")
    return value


def _timezone(value: str) -> str:
    from zoneinfo import ZoneInfo

    try:
        if "/" not in value and value != "UTC":
            raise ValueError
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise ValueError(f"'{value}' is not a time zone; use an IANA name such as "
                         "Europe/Moscow or Asia/Yekaterinburg") from None
    return value


class TimelineEvent(Strict):
    date: PartialDate
    event: LocalizedText


class SupportLink(Strict):
    title: str
    url: HttpUrl | None = None


class Photo(Strict):
    file: str
    credit: str
    license: str


class Hearing(Strict):
    """A court hearing (the one kind of date that may lie in the future): on the profile or
    case page and in the calendars (plugins/calendars). Without `time` it is an all-day
    event; `timezone` is the court's (IANA name)."""

    date: FullDate
    time: Annotated[str, AfterValidator(_time),
                    Field(json_schema_extra={"pattern": _TIME.pattern})] | None = None
    timezone: Annotated[str, AfterValidator(_timezone)] = "Europe/Moscow"
    court: LocalizedText | None = None
    what: LocalizedText
    source: Source


class Person(Strict):
    slug: Slug
    names: Names
    aliases: list[str] = []
    gender: Literal["m", "f"] = Field(description="Grammatical gender, for declension")
    born: int | None = Field(None, ge=1900, le=2100)
    # Published (profile, calendars, home page) only with consent.birthday: true (loader.py).
    birthday: Birthday | None = Field(None, description="MM-DD or YYYY-MM-DD; needs "
                                                        "consent.birthday")
    occupation: LocalizedText | None = None
    status: Status
    status_as_of: PartialDate
    status_history: list[StatusChange] = []
    charges: list[Charge] = []
    sentence: Sentence | None = None
    detention_place: LocalizedText | None = None
    case: Slug | None = None
    organisations: list[str] = []
    letters: Letters
    consent: Consent = Consent()
    sources: Annotated[list[Source], Field(min_length=1)]
    # When the facts were last confirmed, no later than status_as_of (see verification_problem).
    last_verified: PartialDate
    timeline: list[TimelineEvent] = []
    hearings: list[Hearing] = []
    support: list[SupportLink] = []
    photo: Photo | None = None
    bio: LocalizedText


class Case(Strict):
    slug: Slug
    name: LocalizedText
    summary: LocalizedText
    sources: Annotated[list[Source], Field(min_length=1)]
    last_verified: PartialDate  # no later than its newest source (see verification_problem)
    hearings: list[Hearing] = []  # the case's own hearings (a trial's opening…)


def verification_problem(entry: Person | Case) -> tuple[str, str] | None:
    """(field, message) when `last_verified` claims a check newer than the facts it checked.

    The rule: a verification confirms facts, so it cannot be dated after them. For a person the
    checked fact is the status: `last_verified` may not fall after the period `status_as_of`
    covers ('2021-09' covers September 2021). Whoever confirms a status today sets both dates.
    A case group has no status; its facts are its sources, so `last_verified` may not fall after
    the newest source's period. Otherwise a profile would say "Last verified 2026" next to a
    status only known as of 2021."""
    if isinstance(entry, Person):
        limit, what = entry.status_as_of, "status_as_of"
    else:
        limit = max((s.date for s in entry.sources), key=period_end)
        what = "the newest source's date"
    start = str(entry.last_verified)  # its first day: "2024" -> 2024-01-01
    start = date.fromisoformat((start + "-01-01")[:10] if len(start) == 4 else
                               (start + "-01")[:10])
    if start > period_end(limit):  # certainly after, at the precision both dates give
        fix = "status_as_of" if isinstance(entry, Person) else "a source's date"
        return ("last_verified",
                f"{entry.last_verified} is later than {what} ({limit}): a check cannot be newer "
                f"than the facts it confirmed; if the facts were confirmed on "
                f"{entry.last_verified}, set {fix} to that date too, otherwise set "
                "last_verified to when they were confirmed")
    return None


class ProperNames(Strict):
    """content/names.yaml: proper names (organisations, signatories, support groups, sources)
    as written in each site language. Registry entries and articles name them in English;
    pages show them in the page's language, or in English marked lang="en"."""

    names: list[LocalizedText] = []

    @model_validator(mode="after")
    def _unique(self) -> ProperNames:
        seen: set[str] = set()
        for entry in self.names:
            if entry["en"] in seen:
                raise ValueError(f"'{entry['en']}' is listed twice; keep one entry")
            seen.add(entry["en"])
        return self
