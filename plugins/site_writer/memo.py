"""Keys of what each output was made from, kept between builds into the same folder: an output
whose key equals the one recorded for it last time, and whose file is still there as it was
written, is not rendered again.

A key is a hash of the output's own inputs (what the feature that writes it hands the writer)
plus the site's "chrome", which every page shows: settings, templates, UI catalogues, the
plugins' code, content/names.yaml, and the page menu."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from .files import bring
from .settings import SCHEMA

# Settings that change how a build runs, not what it writes.
NOT_IN_OUTPUT = {"CACHE_PATH", "PARALLEL_WORKERS", "PRISONER_LINKS_CACHE", "LOAD_CONTENT_CACHE",
                 "CACHE_CONTENT", "STRICT_WARNINGS", "DEPLOY_TARGET", "CHECK_MODIFIED_METHOD",
                 "GZIP_CACHE", "CONTENT_CACHING_LAYER", "PARALLEL_MIN_ITEMS", "PERFORMANCE",
                 "WRITE_FIRST", "OUTPUT_REPLACES", "OUTPUT_PATH"}
PLUGINS_DIR = Path(__file__).resolve().parents[1]


def digest(*parts: object) -> str:
    """A 32-hex-digit BLAKE2b hash of the parts' reprs (bytes are hashed as they are)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "replace"))
        h.update(b"\0")
    return h.hexdigest()


def chrome(settings: dict) -> str:
    """What every output shows besides its own inputs: the settings that reach the output and
    the stamps (path, mtime, size) of the theme, the plugins' code and the UI catalogues."""
    stable = sorted((k, repr(v)) for k, v in settings.items()
                    if k.isupper() and k not in NOT_IN_OUTPUT)
    watched = []
    for folder, pattern in ((settings["THEME"], "**/*"), (PLUGINS_DIR, "**/*.py"),
                            (settings.get("UI_TRANSLATIONS_DIR", ""), "*/LC_MESSAGES/*.po")):
        if folder:
            watched += [p for p in Path(folder).glob(pattern) if p.is_file()]
    # The proper-names glossary (prisoner_registry) names organisations on many pages.
    watched += [p for p in [Path(settings["PATH"]) / "names.yaml"] if p.is_file()]
    stamps = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(watched)]
    return digest(stable, stamps)


class Memo:
    """The keys recorded by the last build and the ones this build makes.

    Keys are recorded for the folder the output ends up in: `output_path`, or the folder it
    will replace (OUTPUT_REPLACES, set by `invoke build`, which builds into a fresh folder and
    swaps it in). An output still fresh there is then linked (or copied) into the new folder
    with its timestamps instead of being rendered again."""

    def __init__(self, settings: dict, output_path: str):
        self.output_path = output_path
        self.previous = SCHEMA.get(settings, "OUTPUT_REPLACES") or output_path
        self.elsewhere = os.path.realpath(self.previous) != os.path.realpath(output_path)
        folder = os.path.join(settings["CACHE_PATH"], "render-memo")
        self.file = os.path.join(folder, digest(os.path.realpath(self.previous))[:16] + ".pickle")
        self.chrome = chrome(settings)
        # name -> (key, ((file, size, mtime_ns), ...) or None until the files are written)
        self.recorded: dict[str, tuple] = {}
        self.new: dict[str, tuple] = {}
        self.made: dict[str, list[str]] = {}  # name -> the files its job wrote
        self._menu: str | None = None
        self._prints: dict[int, tuple[object, str]] = {}
        try:
            with open(self.file, "rb") as fp:
                self.recorded = pickle.load(fp)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            self.recorded = {}

    # ---- keys ---------------------------------------------------------------------------
    def key(self, context: dict | None, *parts: object) -> str:
        """A key for one output: the chrome (with the page menu from `context`) plus `parts`."""
        if self._menu is None:
            pages = (context or {}).get("pages_by_lang", {})
            self._menu = digest(self.chrome, sorted(
                (lang, [(str(p.title), p.url) for p in docs]) for lang, docs in pages.items()))
        return digest(self._menu, *[self.fingerprint(p) for p in parts])

    def fingerprint(self, value: object) -> object:
        """A stable, hashable stand-in for `value`: documents (Pelican's Content) and registry
        models by what a page shows of them (made once per object per build), containers
        element by element, anything else by its repr."""
        if isinstance(value, (str, bytes, int, float, bool, type(None))):
            return value
        if isinstance(value, (list, tuple)):
            return [self.fingerprint(v) for v in value]
        if isinstance(value, dict):
            return sorted((repr(k), self.fingerprint(v)) for k, v in value.items())
        if isinstance(value, (set, frozenset)):
            return sorted(repr(self.fingerprint(v)) for v in value)
        if isinstance(value, (datetime, date)):
            return value.isoformat()
        hit = self._prints.get(id(value))
        if hit is None or hit[0] is not value:
            hit = self._prints[id(value)] = (value, self._describe(value))
        return hit[1]

    def _describe(self, value: object) -> str:
        if hasattr(value, "_content") and hasattr(value, "metadata"):  # an article or page
            return self.document(value)
        dump = getattr(value, "model_dump_json", None)  # a registry model (pydantic)
        if dump is not None:
            return digest(type(value).__name__, dump())
        return digest(type(value).__name__, repr(value))

    def document(self, doc) -> str:
        """An article or page: its HTML after linking, metadata, language versions (with their
        state), the people it names and the catalogue progress its switcher shows."""
        versions = sorted((lang, d.url, bool(getattr(d, "outdated", False)),
                           bool(getattr(d, "fuzzy_translation", False)))
                          for lang, d in (getattr(doc, "alternates", None) or {}).items())
        people = [self.fingerprint(p) for p in getattr(doc, "people", None) or []]
        meta = sorted((k, str(v)) for k, v in doc.metadata.items())
        return digest(doc.url, doc._content, meta, versions, people,
                      getattr(doc, "catalogue_progress", None), getattr(doc, "outdated", False))

    def card(self, article) -> str:
        """What a listing shows of one text."""
        return digest(article.url, str(article.title), str(getattr(article, "summary", "")),
                      article.date.isoformat(), str(getattr(article, "category", "")),
                      [str(t) for t in getattr(article, "tags", []) or []],
                      [self.fingerprint(p) for p in getattr(article, "people", None) or []],
                      sorted(getattr(article, "alternates", None) or {}))

    def listing_key(self, context: dict, name: str, template: str, kwargs: dict) -> str:
        """A listing (home, category, tag, archives; all its pages): what each listed text
        shows in a list, and the listing's own arguments."""
        cards = []
        for a in kwargs.get("articles") or []:
            hit = self._prints.get(id(a) ^ 1)  # ^1: a card is not the document's fingerprint
            if hit is None or hit[0] is not a:
                hit = self._prints[id(a) ^ 1] = (a, self.card(a))
            cards.append(hit[1])
        extra = sorted((k, str(v) if hasattr(v, "slug") else repr(v)) for k, v in kwargs.items()
                       if k not in ("articles", "dates", "relative_urls"))
        return self.key(context, name, template, cards, extra)

    # ---- the record ----------------------------------------------------------------------
    def fresh(self, name: str, key: str) -> bool:
        """Whether `name` (relative to the output folder) need not be rendered: same key as
        last time and every file it wrote unchanged since (size and mtime as recorded). In a
        fresh folder those files are linked in from the folder it replaces. Either way `key`
        is recorded for the next build."""
        self.new[name] = (key, None)
        old = self.recorded.get(name)
        if old is None or old[0] != key or not old[1]:
            return False
        for rel, size, mtime in old[1]:
            try:
                stat = os.stat(os.path.join(self.previous, rel))
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                return False
        if self.elsewhere:
            for rel, _size, _mtime in old[1]:
                bring(os.path.join(self.previous, rel), os.path.join(self.output_path, rel))
        self.new[name] = old
        return True

    def written(self) -> set[str]:
        """The files (relative paths) this build has written or kept so far."""
        found = {rel for files in self.made.values() for rel in files}
        found.update(rel for _key, stamps in self.new.values() if stamps
                     for rel, _size, _mtime in stamps)
        return found

    def stale(self, later: Iterable[str] = ()) -> list[str]:
        """Files the last build into this same folder wrote that this build has not written,
        still with the size and mtime that build left them with (a file put there since by
        someone else stays): an article taken down, a letter sheet whose consent was withdrawn.
        Outputs named in `later` (rendered after every other) are left for a call after them.
        [] for a fresh folder (`invoke build`: nothing stale is brought into it)."""
        if self.elsewhere:
            return []
        now, later = self.written(), set(later)
        found = []
        for name, (_key, stamps) in self.recorded.items():
            if name in later:
                continue
            for rel, size, mtime in stamps or ():
                if rel in now:
                    continue
                try:  # lstat: a symlink put in its place is not the file the build wrote
                    stat = os.lstat(os.path.join(self.output_path, rel))
                except OSError:
                    continue
                if stat.st_mode & 0o170000 == 0o100000 and \
                        (stat.st_size, stat.st_mtime_ns) == (size, mtime):
                    found.append(rel)
        return found

    def save(self) -> None:
        """Record this build's keys with the size and mtime of each file each output wrote
        (after every file is written and timestamps are settled). An output rendered without
        a key is recorded too (key None: never skipped), so the next build knows its files."""
        for name in self.made:
            self.new.setdefault(name, (None, None))
        for name, (key, stamps) in list(self.new.items()):
            if stamps is not None:
                continue
            stamps = []
            for rel in self.made.get(name) or [name]:
                try:
                    stat = os.stat(os.path.join(self.output_path, rel))
                except OSError:
                    stamps = None
                    break
                stamps.append((rel, stat.st_size, stat.st_mtime_ns))
            if stamps:
                self.new[name] = (key, tuple(stamps))
            else:
                del self.new[name]
        folder = os.path.dirname(self.file)
        os.makedirs(folder, exist_ok=True)
        with open(self.file + ".partial", "wb") as fp:
            pickle.dump(self.new, fp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(self.file + ".partial", self.file)
        # Which folder these keys are for, so that they go once the folder has gone.
        Path(self.file).with_suffix(".path").write_text(os.path.realpath(self.previous),
                                                        encoding="utf-8")
        forget_gone(folder, keep=Path(self.file).with_suffix(".path"))


def forget_gone(folder: str, keep: Path | None = None) -> None:
    """Remove the keys kept for output folders that no longer exist: no build reads them.
    `keep`: this build's record (its folder may not exist yet: `invoke build` swaps it in)."""
    for record in Path(folder).glob("*.path"):
        if record == keep:
            continue
        try:
            gone = not os.path.isdir(record.read_text(encoding="utf-8"))
        except OSError:
            continue
        if gone:
            record.with_suffix(".pickle").unlink(missing_ok=True)
            record.unlink(missing_ok=True)

