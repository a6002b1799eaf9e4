"""Skips re-rendering outputs whose inputs did not change since the last build into the same
output folder (the editor's rebuild loop: `invoke serve`, or `pelican … -o DIR` again).

Each skippable output is named with a key: a hash of everything it shows (its own data, the
texts it lists) plus the site's "chrome" (settings, templates, UI catalogues, the plugins'
code, content/names.yaml, the page menu). When the key equals the one recorded for that file in
the last build and the file is still there, it is left alone. It covers the outputs that
dominate a rebuild: article and page views, listings, profiles, the prisoners index and case
pages, and feeds with their archive pages. A build into a fresh folder renders everything.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from pelican import signals

import parallel_output

# Settings that change how a build runs, not what it writes.
NOT_IN_OUTPUT = {"CACHE_PATH", "PARALLEL_WORKERS", "PRISONER_LINKS_CACHE", "LOAD_CONTENT_CACHE",
                 "CACHE_CONTENT", "STRICT_WARNINGS", "DEPLOY_TARGET", "CHECK_MODIFIED_METHOD",
                 "GZIP_CACHE", "CONTENT_CACHING_LAYER", "RENDER_MEMO"}
_memo: dict = {"recorded": {}, "new": {}, "file": None, "chrome": ""}
ROOT = Path(__file__).resolve().parents[2]


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "replace"))
        h.update(b"\0")
    return h.hexdigest()


def key(context: dict, *parts: object) -> str:
    """A key for one output: the chrome (with the page menu from `context`) plus `parts`."""
    if "menu" not in _memo:
        _memo["menu"] = digest(_memo["chrome"], sorted(
            (lang, [(str(p.title), p.url) for p in pages])
            for lang, pages in context.get("pages_by_lang", {}).items()))
    return digest(_memo["menu"], *parts)


def _people(doc) -> list:
    """What a page shows of each person it names; made once per person per build (a
    model's repr is slow and the same people appear on thousands of pages)."""
    seen = _memo.setdefault("people", {})
    out = []
    for p in getattr(doc, "people", None) or []:
        hit = seen.get(id(p))
        if hit is None or hit[0] is not p:
            # Names, aliases and gender make the name forms the search index carries
            # (plugins/site_search), the case its filters.
            hit = seen[id(p)] = (p, (p.slug, repr(p.names), p.status, tuple(p.aliases),
                                     p.gender, p.case))
        out.append(hit[1])
    return out


def document_key(context: dict, name: str, template: str, doc) -> str:
    """An article or page: its HTML after linking, metadata, language versions (with their
    state), the people it names and the catalogue progress its switcher shows."""
    versions = sorted((lang, d.url, bool(getattr(d, "outdated", False)),
                       bool(getattr(d, "fuzzy_translation", False)))
                      for lang, d in (getattr(doc, "alternates", None) or {}).items())
    people = _people(doc)
    meta = sorted((k, str(v)) for k, v in doc.metadata.items())
    return key(context, name, template, doc._content, meta, versions, people,
               getattr(doc, "catalogue_progress", None), getattr(doc, "outdated", False))


def listing_key(context: dict, name: str, template: str, kwargs: dict) -> str:
    """A listing (home, category, tag, archives; all its pages): what each listed text shows
    in a list, and the listing's own arguments."""
    cards = _memo.setdefault("cards", {})
    entries = []
    for a in kwargs.get("articles") or []:
        card = cards.get(id(a))
        if card is None or card[0] is not a:
            card = cards[id(a)] = (a, digest(
                a.url, str(a.title), str(getattr(a, "summary", "")), a.date.isoformat(),
                str(getattr(a, "category", "")), [str(t) for t in getattr(a, "tags", []) or []],
                _people(a),
                sorted(getattr(a, "alternates", None) or {})))
        entries.append(card[1])
    extra = sorted((k, str(v) if hasattr(v, "slug") else repr(v)) for k, v in kwargs.items()
                   if k not in ("articles", "dates", "relative_urls"))
    return key(context, name, template, entries, extra)


def fresh(output_path: str, name: str, k: str) -> bool:
    """True when `name` (relative to the output folder) can be left as it is. Either way the
    key is recorded for the next build."""
    _memo["new"][name] = k
    return _memo["recorded"].get(name) == k and os.path.exists(os.path.join(output_path, name))


def keep_archives(feed_path: str) -> None:
    """Carry the keys of a feed's archive pages over to the next build: the feed was skipped
    as a whole, so they were not asked about."""
    families = _memo.get("families")
    if families is None:
        families = _memo["families"] = {}
        for name in _memo["recorded"]:
            if "-archive-" in name:
                families.setdefault(name.rsplit("-archive-", 1)[0], []).append(name)
    for name in families.get(feed_path, []):
        _memo["new"].setdefault(name, _memo["recorded"][name])


def _chrome(pelican) -> str:
    settings = pelican.settings
    stable = sorted((k, repr(v)) for k, v in settings.items()
                    if k.isupper() and k not in NOT_IN_OUTPUT)
    watched = []
    for folder, pattern in ((settings["THEME"], "**/*"), (ROOT / "plugins", "**/*.py"),
                            (settings["UI_TRANSLATIONS_DIR"], "*/LC_MESSAGES/*.po")):
        watched += [p for p in Path(folder).glob(pattern) if p.is_file()]
    # The proper-names glossary (prisoner_registry) names organisations on many pages.
    watched += [p for p in [Path(settings["PATH"]) / "names.yaml"] if p.is_file()]
    stamps = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(watched)]
    return digest(stable, stamps)


def _forget_gone(folder: str) -> None:
    """Remove the keys kept for output folders that no longer exist: no build reads them."""
    for record in Path(folder).glob("*.path"):
        try:
            gone = not os.path.isdir(record.read_text(encoding="utf-8"))
        except OSError:
            gone = True
        if gone:
            for part in Path(folder).glob(f"{record.stem}.*"):
                part.unlink(missing_ok=True)


def _load(pelican) -> None:
    settings = pelican.settings
    folder = os.path.join(settings["CACHE_PATH"], "render-memo")
    out = os.path.realpath(pelican.output_path)
    for derived in ("menu", "families", "cards", "people"):  # made lazily during a build
        _memo.pop(derived, None)
    _forget_gone(folder)
    # RENDER_MEMO = False (tasks.py's builds into a fresh folder that is then renamed): nothing
    # there to skip, and keys kept for that folder's name would never be read again.
    keep = settings.get("RENDER_MEMO", True)
    _memo.update(recorded={}, new={}, chrome=_chrome(pelican) if keep else "",
                 file=os.path.join(folder, digest(out)[:16]) if keep else None)
    if not keep:
        return
    for part in Path(folder).glob(f"{Path(_memo['file']).name}.*.pickle"):
        try:
            with open(part, "rb") as fp:
                _memo["recorded"].update(pickle.load(fp))
        except (OSError, EOFError, pickle.UnpicklingError):
            pass


def _save(_pelican=None) -> None:
    """Each writer process saves the keys of the files it owns (called at `finalized`,
    before plugins/parallel_output ends the writer processes)."""
    if not _memo["file"]:
        return
    index, workers = parallel_output.process()
    folder = os.path.dirname(_memo["file"])
    os.makedirs(folder, exist_ok=True)
    target = f"{_memo['file']}.{index}.pickle"
    with open(target + ".partial", "wb") as fp:
        pickle.dump(_memo["new"], fp, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(target + ".partial", target)
    if index == 0:  # which folder these keys are for (_forget_gone), once it has gone
        out = os.path.realpath(_pelican.output_path) if _pelican is not None else ""
        Path(f"{_memo['file']}.path").write_text(out, encoding="utf-8")
        # other worker counts' files would hold stale keys
        for part in Path(folder).glob(f"{Path(_memo['file']).name}.*.pickle"):
            suffix = part.name.rsplit(".", 2)[-2]
            if suffix.isdigit() and int(suffix) >= workers:
                part.unlink(missing_ok=True)


def register() -> None:
    # Listed before parallel_output in PLUGINS: keys are loaded before the writer processes
    # fork, and each process saves its keys before parallel_output ends it.
    signals.get_writer.connect(_load)
    signals.finalized.connect(_save)
