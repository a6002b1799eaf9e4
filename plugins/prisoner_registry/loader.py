"""Loads and checks the registry; every problem is reported as `file: field: message`."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from safe_input import dates, nesting, sanitiser, yaml_safe
from safe_input import text as input_text
from safe_input.text import invisible_characters
from safe_input.urls import inside, local_file_problem

from .envelope import envelope_problems
from .schema import LANGS, Case, Person, ProperNames, verification_problem
from .views import markdown_html


@dataclass
class Registry:
    people: dict[str, Person] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # slug -> source file (relative)
    # Files that exist but were refused (their problems reported): file name without .yaml ->
    # source file. A reference to one is not "missing": the file's own line says what to fix.
    invalid_people: dict[str, str] = field(default_factory=dict)
    invalid_cases: dict[str, str] = field(default_factory=dict)
    # content/names.yaml: English name -> {lang: name}
    proper_names: dict[str, dict[str, str]] = field(default_factory=dict)
    _name_index: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _name_index_key: tuple[int, int] | None = field(default=None, init=False, repr=False,
                                                    compare=False)

    def members(self, case_slug: str) -> list[Person]:
        return [p for p in self.people.values() if p.case == case_slug]

    def proper_name(self, text: str, lang: str) -> tuple[str, str] | None:
        """(name, the language it is in) for an English proper name shown in `lang`: from
        content/names.yaml, else a registered person's or case group's English name; English
        where the registry has no `lang` version; None when the registry does not know it."""
        entry = self.proper_names.get(text)
        if entry:
            return (entry[lang], lang) if entry.get(lang) else (entry["en"], "en")
        person, case = self._by_english_name().get(text, (None, None))
        if person is not None:
            return getattr(person.names, lang).full, lang
        if case is not None:
            return (case.name[lang], lang) if case.name.get(lang) else (text, "en")
        return None

    def _by_english_name(self) -> dict[str, tuple[Person | None, Case | None]]:
        # Templates ask for a proper name several times per page; a scan of 1,000 people per
        # call was 8 s of a cold build at N = 2,000 (bench/results/profile-cold-2000.txt).
        # The first person or case with a name wins, as the scan it replaces did.
        key = (len(self.people), len(self.cases))
        if self._name_index_key != key:
            index: dict[str, tuple[Person | None, Case | None]] = {}
            for case in self.cases.values():
                if case.name.get("en"):
                    index.setdefault(case.name["en"], (None, case))
            first: dict[str, Person] = {}
            for person in self.people.values():
                first.setdefault(person.names.en.full, person)
            index.update((name, (person, None)) for name, person in first.items())
            self._name_index, self._name_index_key = index, key
        return self._name_index


def _describe(error: dict, model: type[BaseModel]) -> tuple[str, str]:
    loc = ".".join(str(part) for part in error["loc"]) or "(file)"
    kind, value = error["type"], error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "").replace(" or ", ", ")
        return loc, f"'{value}' is not one of {expected}"
    if kind == "missing":
        return loc, "missing; add this field"
    if kind == "extra_forbidden":
        known = list(_field_names(model))
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it"
        return loc, f"unknown field; {hint}"
    message = error["msg"].removeprefix("Value error, ")
    return loc, message


def _field_names(model: type[BaseModel]) -> Iterable[str]:
    for name, info in model.model_fields.items():
        yield name
        sub = info.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            yield from _field_names(sub)


def _read(path: Path, rel: str, model: type[BaseModel], report, limit: int
          ) -> BaseModel | None:
    # Size cap, UTF-8, byte-order mark, control characters, NFC (safe_input.text).
    text, problems = input_text.read(path, limit, "MAX_YAML_BYTES")
    if text is None:
        for where, message in problems:
            report(rel, "(file)" if where == "file" else where, message)
        return None
    try:
        data = yaml_safe.load(text)
    except yaml_safe.Refused as exc:
        report(rel, f"line {exc.line}", str(exc))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        report(rel, where, f"not valid YAML: {getattr(exc, 'problem', exc)}")
        return None
    if not isinstance(data, dict):
        report(rel, "(file)", "must be a YAML mapping of fields (slug: …, names: …)")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            report(rel, *_describe(error, model))
        return None


def read_model(path: Path, rel: str, model: type[BaseModel], report,
               limit: int = input_text.MAX_YAML_BYTES) -> BaseModel | None:
    """One YAML file of content/ checked against `model` by the registry's rules (size cap,
    encoding, no aliases, schema), each problem reported as `report(rel, field, message)`;
    None when it has any. For other plugins' YAML data (plugins/letters_kit)."""
    return _read(path, rel, model, report, limit)
# Hearings (`hearings.<n>.date`, of a person or a case group) are the one kind of date that may
# lie in the future: a court sets them ahead. Everything else records what already happened.
FUTURE_ALLOWED = re.compile(r"^hearings\.\d+\.date$")


def _dates(obj: object, path: str = "") -> Iterable[tuple[str, str]]:
    """Every date in a model, as (field path, ISO text, possibly partial): the `date`,
    `status_as_of` and `last_verified` fields, a whole `birthday` and the `born` year."""
    if path in ("born", "birthday"):
        text = str(obj) if obj is not None else ""
        if len(text) in (4, 10):  # a year, or a whole date ('03-15' names no year)
            yield path, text
        return
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _dates(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _dates(item, f"{path}.{i}")
    elif isinstance(obj, date):
        yield path, obj.isoformat()
    elif isinstance(obj, str) and path.rsplit(".", 1)[-1] in (
        "date", "status_as_of", "last_verified", "last_letter"
    ):
        yield path, obj


def load(content: Path, report, now: datetime | None = None,
         max_bytes: int = input_text.MAX_YAML_BYTES, each=None,
         timezone: str | None = None) -> Registry:
    """Read content/prisoners/*.yaml and content/cases/*.yaml, checking each and all together.
    ``now``: the build's clock (an aware datetime; default: now) and ``timezone`` (TIMEZONE;
    UTC if None), against which dates ahead are refused (safe_input.dates, the site's one
    rule). ``max_bytes``: the size cap per file (MAX_YAML_BYTES). ``each(func, items)``, when
    given, returns [func(item) for item in items] (the plugin hands it to pipeline.each, which may
    check the files on every core); problems are reported here, in file order, either way."""
    clock = (now or datetime.now(UTC), timezone)
    registry = Registry()
    base = content.parent
    for folder, model, target, invalid in (
            ("cases", Case, registry.cases, registry.invalid_cases),
            ("prisoners", Person, registry.people, registry.invalid_people)):
        paths = sorted((content / folder).glob("*.y*ml"))
        files = [(path, path.relative_to(base).as_posix(), model, content, max_bytes,
                  clock) for path in paths]
        checked = each(check_file, files) if each is not None else list(map(check_file, files))
        for (path, rel, *_rest), (item, problems, later) in zip(files, checked, strict=True):
            for problem in problems:
                report(*problem)
            if item is None:
                if later is None:  # read, and refused
                    invalid[path.stem] = rel
                continue
            if item.slug != path.stem:
                report(rel, "slug", f"'{item.slug}' differs from the file name; rename the file "
                                    f"to {item.slug}{path.suffix} or fix the slug")
            if item.slug in target:
                report(rel, "slug", f"'{item.slug}' is also used by {registry.files[item.slug]}")
                continue
            for problem in later:
                report(*problem)
            target[item.slug] = item
            registry.files[item.slug] = rel
    for slug, person in registry.people.items():
        if person.case and person.case not in registry.cases \
                and person.case not in registry.invalid_cases:
            report(registry.files[slug], "case",
                   f"'{person.case}' is not a case group; add content/cases/{person.case}.yaml "
                   f"or use one of {', '.join(sorted(registry.cases)) or '(none yet)'}")
    _check_name_collisions(registry, report)
    names_file = content / "names.yaml"
    if names_file.exists():
        found = _read(names_file, names_file.relative_to(base).as_posix(), ProperNames, report,
                      max_bytes)
        if found is not None:
            registry.proper_names = {entry["en"]: dict(entry) for entry in found.names}
    return registry


def check_file(file: tuple[Path, str, type[BaseModel], Path, int,
                           tuple[datetime, str | None]]
               ) -> tuple[BaseModel | None, list[tuple[str, str, str]],
                          list[tuple[str, str, str]] | None]:
    """One registry file (`file`: path, path relative to the site, model, content folder,
    size cap in bytes, (the build's clock, TIMEZONE)) read and checked on its own: (the
    entry or None, the problems found reading it, the problems of the entry itself:
    _check_entry, dates in the future, verification; None when the file was read and
    refused, [] when it is a link out of the content folder, not read). Problems are (file,
    field, message), for the caller to report with what it checks across files (a slug used
    twice drops the entry's own problems). A pure function of the file: pipeline.each may
    run it in another process."""
    path, rel, model, content, max_bytes, (now, timezone) = file
    problems: list[tuple[str, str, str]] = []

    def report(*problem: str) -> None:
        problems.append(problem)

    if not inside(path, content):
        report(rel, "(file)", f"is a link to {path.resolve()}, outside the content folder; "
                              "copy the file there instead of linking it")
        return None, problems, []
    item = _read(path, rel, model, report, max_bytes)
    if item is None:
        return None, problems, None
    later: list[tuple[str, str, str]] = []

    def report_later(*problem: str) -> None:
        later.append(problem)

    _check_entry(item, rel, content, report_later)
    for where, text in _dates(item):
        if FUTURE_ALLOWED.match(where):
            continue
        # A partial date ('2026-12') is ahead when its first day is (safe_input.dates).
        ahead = dates.future_problem(text, timezone, "check the date (only a hearing's date, "
                                     "under hearings, may lie ahead)", now)
        if ahead:
            report_later(rel, where, ahead)
    problem = verification_problem(item)
    if problem:
        report_later(rel, *problem)
    return item, problems, later


def _check_entry(item: BaseModel, rel: str, content: Path, report) -> None:
    """Invisible characters in names and aliases, HTML outside the sanitiser's allowlist in
    the bio (the one Markdown field), a photo file that is not inside content/, a birthday
    without consent, and two hearings at the same date and time (their calendar UIDs would
    be the same: plugins/calendars)."""
    seen: dict[tuple, int] = {}
    for i, hearing in enumerate(getattr(item, "hearings", [])):
        when = (hearing.date, hearing.time)
        if when in seen:
            report(rel, f"hearings.{i}.date", f"hearings.{seen[when]} has the same date and "
                                              "time; merge the two into one entry")
        seen.setdefault(when, i)
    if isinstance(item, Person):
        if item.birthday is not None and not item.consent.birthday:
            report(rel, "birthday", "is published only with the person's consent; add "
                                    "'consent: {birthday: true}' once they (or their lawyer or "
                                    "support group) have agreed, or remove the birthday")
        year = str(item.birthday or "")[:-6]  # 'YYYY' of a whole date, '' of 'MM-DD'
        if year and item.born is not None and int(year) != item.born:
            report(rel, "birthday", f"the year {year} differs from born ({item.born}); "
                                    "correct one of them")
        for lang in LANGS:
            name = getattr(item.names, lang)
            for part in ("given", "family"):
                for char in invisible_characters(getattr(name, part)):
                    report(rel, f"names.{lang}.{part}",
                           f"contains the invisible character {char}; delete it (two names "
                           "that differ only by it would look the same)")
        for i, alias in enumerate(item.aliases):
            for char in invisible_characters(alias):
                report(rel, f"aliases.{i}", f"contains the invisible character {char}; "
                                            "delete it")
        for where, message in envelope_problems(item):
            report(rel, where, message)
        if item.photo is not None:
            problem = _photo_problem(item.photo.file, content)
            if problem:
                report(rel, "photo.file", problem)
        for lang, text in item.bio.items():
            deep = nesting.problem(text)
            if deep:  # before Markdown descends into it (safe_input.nesting)
                report(rel, f"bio.{lang}", deep[1])
                continue
            for _needle, message in sanitiser.refusals(markdown_html(text)):
                report(rel, f"bio.{lang}", message)


def _photo_problem(value: str, content: Path) -> str | None:
    if ":" in value or "//" in value or "\\" in value or ".." in value.split("/"):
        return (f"'{value}' must be the path of a file in the content folder, such as "
                "images/photo.jpg")
    problem = local_file_problem(value, str(content), str(content))
    return f"'{value}' {problem}" if problem else None


def _check_name_collisions(registry: Registry, report) -> None:
    for lang in LANGS:
        seen: dict[str, list[str]] = defaultdict(list)
        for slug, person in registry.people.items():
            name = getattr(person.names, lang)
            seen[name.full.casefold().replace("ё", "е")].append(slug)
        for slugs in seen.values():
            if len(slugs) > 1:
                for slug in slugs:
                    others = ", ".join(registry.files[s] for s in slugs if s != slug)
                    report(registry.files[slug], f"names.{lang}",
                           f"the full name is the same as in {others}; add a distinguishing "
                           "detail to one of them so links cannot go to the wrong person")
