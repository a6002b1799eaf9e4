"""The compiled matcher, kept between builds: recompiled only when the registry or the
name-form code changes (editors rebuild after every correction; the registry rarely changes)."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .matcher import Matcher, compile_matcher

_CODE = [Path(__file__).with_name(n) for n in ("forms.py", "translit.py", "matcher.py")]


def registry_key(people: dict) -> str:
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes())
    for slug in sorted(people):
        digest.update(people[slug].model_dump_json().encode())
    return digest.hexdigest()[:32]


def cached_matcher(people: dict, cache_dir: str | None) -> tuple[Matcher, bool]:
    """(matcher, whether it came from the cache)."""
    if not cache_dir:
        return compile_matcher(people), False
    key = registry_key(people)
    path = Path(cache_dir) / f"prisoner-matcher-{key}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fp:
                matcher = pickle.load(fp)
            matcher.people = people
            return matcher, True
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            path.unlink(missing_ok=True)  # a damaged cache is rebuilt, never trusted
    matcher = compile_matcher(people)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("prisoner-matcher-*.pickle"):
        old.unlink(missing_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fp:
        stored = Matcher(matcher.automaton, matcher.entries, matcher.slugs, matcher.rules,
                         matcher.given_forms, matcher.ambiguous_surnames, {})
        pickle.dump(stored, fp, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return matcher, False


RESULTS = "prisoner-links.pickle"
RESULTS_VERSION = 1


def result_key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "replace")).hexdigest()


def load_results(cache_dir: str | None) -> dict:
    """Link results of the last build, by result_key (empty when there are none)."""
    if not cache_dir:
        return {}
    try:
        with (Path(cache_dir) / RESULTS).open("rb") as fp:
            version, results = pickle.load(fp)
        return results if version == RESULTS_VERSION else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}


def save_results(cache_dir: str | None, results: dict) -> None:
    """Keep this build's results only (texts since deleted or edited drop out)."""
    if not cache_dir:
        return
    path = Path(cache_dir) / RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fp:
        pickle.dump((RESULTS_VERSION, results), fp, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
