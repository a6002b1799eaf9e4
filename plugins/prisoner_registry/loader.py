"""Loads and checks the registry; every problem is reported as `file: field: message`."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .schema import LANGS, Case, Person, ProperNames

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster, same result


@dataclass
class Registry:
    people: dict[str, Person] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # slug -> source file (relative)
    # content/names.yaml: English name -> {lang: name}
    proper_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def members(self, case_slug: str) -> list[Person]:
        return [p for p in self.people.values() if p.case == case_slug]


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


def _read(path: Path, rel: str, model: type[BaseModel], report) -> BaseModel | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except UnicodeDecodeError:
        report(rel, "(file)", "is not UTF-8 text; save it as UTF-8")
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


def _dates(obj: object, path: str = "") -> Iterable[tuple[str, str]]:
    """Every date in a model, as (field path, ISO text, possibly partial)."""
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _dates(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _dates(item, f"{path}.{i}")
    elif isinstance(obj, date):
        yield path, obj.isoformat()
    elif isinstance(obj, str) and path.rsplit(".", 1)[-1] in (
        "date", "status_as_of"
    ):
        yield path, obj


def load(content: Path, report, today: date | None = None) -> Registry:
    """Read content/prisoners/*.yaml and content/cases/*.yaml, checking each and all together."""
    today_iso = (today or date.today()).isoformat()
    registry = Registry()
    base = content.parent
    for folder, model, target in (("cases", Case, registry.cases),
                                  ("prisoners", Person, registry.people)):
        for path in sorted((content / folder).glob("*.y*ml")):
            rel = path.relative_to(base).as_posix()
            item = _read(path, rel, model, report)
            if item is None:
                continue
            if item.slug != path.stem:
                report(rel, "slug", f"'{item.slug}' differs from the file name; rename the file "
                                    f"to {item.slug}{path.suffix} or fix the slug")
            if item.slug in target:
                report(rel, "slug", f"'{item.slug}' is also used by {registry.files[item.slug]}")
                continue
            for where, text in _dates(item):
                if text > today_iso[: len(text)]:
                    report(rel, where, f"{text} is in the future; check the date")
            target[item.slug] = item
            registry.files[item.slug] = rel
    for slug, person in registry.people.items():
        if person.case and person.case not in registry.cases:
            report(registry.files[slug], "case",
                   f"'{person.case}' is not a case group; add content/cases/{person.case}.yaml "
                   f"or use one of {', '.join(sorted(registry.cases)) or '(none yet)'}")
    _check_name_collisions(registry, report)
    names_file = content / "names.yaml"
    if names_file.exists():
        found = _read(names_file, names_file.relative_to(base).as_posix(), ProperNames, report)
        if found is not None:
            registry.proper_names = {entry["en"]: dict(entry) for entry in found.names}
    return registry


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
