"""What `invoke i18n.extract` and `invoke i18n.status` do, as functions the tests call too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from .catalogs import (
    PUBLISHED,
    CatalogueError,
    Stats,
    check_link,
    entry_table,
    extracted,
    merge,
    obsoleted,
    read,
    stats,
    table_stats,
    template,
    write,
)
from .naming import catalogue_path, document_slug
from .segments import Document, parse_header

# An empty field counts as unset (README, "For editors"): a value is on the field's own line.
_LANG = re.compile(r"^lang:[ \t]*(\S+)", re.I | re.M)
_TRANSLATION_OF = re.compile(r"^translationof:[ \t]*\S", re.I | re.M)


class ExtractProblems(Exception):
    """Catalogues extract refused (left as they are): one CatalogueError each."""

    def __init__(self, problems: list[CatalogueError]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Source:
    slug: str
    path: Path
    lang: str
    file_langs: set[str]  # languages translated as Markdown files (they need no catalogue)
    translations: dict[str, Path] = field(default_factory=dict)  # those files, by language


def documents(content: Path, languages: list[str], default_lang: str) -> list[Source]:
    """Every source document (articles and pages) in any of the site's languages, with the
    languages it is translated into as Markdown files. Documents sharing a slug are one text,
    as Pelican groups them: its source is the one in the default language, else the one
    without `TranslationOf:` (else the first file)."""
    groups: dict[str, list[tuple[Path, str, bool]]] = {}
    for folder in ("articles", "pages"):
        for path in sorted((content / folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            head = text.replace("\r\n", "\n").split("\n\n", 1)[0]
            lang = _LANG.search(head)
            lang = lang.group(1).lower() if lang else default_lang
            slug = document_slug(parse_header(text).meta("slug"), path, languages)
            groups.setdefault(slug, []).append((path, lang, bool(_TRANSLATION_OF.search(head))))
    found = []
    for slug, group in groups.items():
        group.sort(key=lambda g: (g[1] != default_lang, g[2], str(g[0])))
        path, lang, _ = group[0]
        found.append(Source(slug, path, lang, {g[1] for g in group[1:]},
                            {g[1]: g[0] for g in reversed(group[1:])}))
    return sorted(found, key=lambda s: str(s.path))


def sources(content: Path, default_lang: str, languages: list[str] | None = None
            ) -> list[tuple[str, Path]]:
    """(slug, file) of every source document."""
    return [(s.slug, s.path) for s in documents(content, languages or [default_lang],
                                                default_lang)]


def registry_entries(content: Path):
    """(folder, slug, file, entry) of every valid registry file (invalid ones are the build's
    business: it reports them with file and field)."""
    import yaml
    from pydantic import ValidationError

    from prisoner_registry.schema import Case, Person
    from safe_input import text as input_text
    from safe_input import yaml_safe

    for folder, model in (("prisoners", Person), ("cases", Case)):
        for path in sorted((content / folder).glob("*.yaml")):
            # The build's own reading rules: size cap, no anchors/aliases (safe_input).
            text, _problems = input_text.read(path, input_text.MAX_YAML_BYTES, "MAX_YAML_BYTES")
            try:
                if text is None:
                    continue
                yield folder, path.stem, path, model.model_validate(yaml_safe.load(text))
            except (ValidationError, yaml.YAMLError, yaml_safe.Refused):
                continue


@dataclass
class Extracted:
    """What extract did, catalogue by catalogue: made (`created`), changed (`updated`), left
    as they were because nothing changed (`unchanged`), and `unused`: catalogues for a
    language the text is translated into as a Markdown file (the file wins, so the
    catalogue has no effect); those are left untouched, never deleted."""
    created: list[Path]
    updated: list[Path]
    unchanged: list[Path]
    unused: list[tuple[Path, Path]]  # (catalogue, the Markdown file that translates it)


def _update(po: Path, pot, lang: str, written: Extracted, problems: list,
            threshold: float | None = None, markdown: dict | None = None,
            doc: Document | None = None, source: str | None = None) -> None:
    """Merge one catalogue (msgmerge); for a document catalogue (`threshold` and its source
    `doc` given, read from the file `source`), record in its header that its language
    version is published once it reaches the threshold."""
    try:
        old = read(po) if po.exists() else None
        text = merge(pot, po if old is not None else None, lang)
    except CatalogueError as exc:
        problems.append(exc)  # never rewritten: the translator's file stays as it is
        return
    if threshold is not None and doc is not None:
        text = mark_published(text, old, threshold, doc, markdown, source)
    if not write(po, text):
        written.unchanged.append(po)
    else:
        (written.updated if old is not None else written.created).append(po)


def _carry_renamed(po: Path, source: Source, out: Path, lang: str, current: set[str]) -> None:
    """A document whose Slug changed takes its catalogue with it: the catalogue in `lang`
    whose references point at the document's file and whose name is no current document's
    slug is renamed to the new name (so its translations, and the published version, follow
    the new slug)."""
    rel = source.path.as_posix()
    for old in sorted((out / lang).glob("*.po")):
        if old.stem in current:
            continue
        try:
            entries = read(old)
        except CatalogueError:
            continue
        if any(rel.endswith("/" + f) or rel == f for e in entries for f, _ in e.occurrences):
            old.rename(po)
            return


def _lost(old, merged) -> int:
    """How many of `old`'s obsolete entries (catalogs.obsoleted) are texts of the current
    source (the merged catalogue's current entries): made obsolete by a translator's tool
    after the last extract, they were among the entries it wrote."""
    current = {(e.msgctxt or "", e.msgid) for e in merged if not e.obsolete}
    return len(obsoleted(old) & current)


def _unused(doc: Document, po, markdown: dict | None) -> frozenset[tuple[str, str]]:
    """(msgctxt, msgid) of the entries of the catalogue `po` the build does not use for the
    source `doc` under the Markdown settings `markdown`: build.refused_entries and the block
    checks (checks.block_problems), as build.unusable_entries decides (without its cache,
    and under MARKDOWN rather than a language's own settings, which change quotes and
    footnote labels, not what is refused); none without `markdown`."""
    if markdown is None:
        return frozenset()
    from .build import markdown_for, refused_entries, usable_entries
    from .checks import block_problems

    table = entry_table(po)
    refused = refused_entries(table, markdown)
    _moved, reshaped = block_problems(doc, usable_entries(table, refused),
                                      markdown_for(markdown, check=True))
    return frozenset(refused) | frozenset(reshaped)


def mark_published(text: str, old, threshold: float, doc: Document,
                   markdown: dict | None = None, source: str | None = None) -> str:
    """The merged catalogue with `X-Published: yes` added to its header when its language
    version is or was published: the old catalogue already says so, or reached the
    threshold with its own entries (the source as of the last extract, where an entry made
    obsolete since while its text is still in the source counts as untranslated: _lost),
    or the merged one reaches it, counted by build.doc_stats over the source `doc`, as the
    build counts. With `markdown` (the MARKDOWN setting), an entry the build does not use
    (_unused) does not count. With `source` (the source's file as its `#:` references name
    it), only the old entries naming that file are its own (catalogs.extracted): one copied
    from another text's catalogue translates nothing here. The field goes on a line of its
    own at the end of the header entry, where msgmerge and msgcat would write it."""
    from .build import doc_stats

    merged = polib.pofile(text)
    if merged.metadata.get(PUBLISHED, "").lower() == "yes":
        return text
    if old is not None and old.metadata.get(PUBLISHED, "").lower() == "yes":
        was = True
    elif old is not None:
        counted = table_stats(entry_table(extracted(old, source)), _unused(doc, old, markdown))
        was = Stats(counted.translated, counted.fuzzy,
                    counted.untranslated + _lost(old, merged)).percent >= threshold
    else:
        was = False
    now = doc_stats(doc, entry_table(merged), _unused(doc, merged, markdown))
    if not (was or now.percent >= threshold):
        return text
    head, sep, rest = text.partition("\n\n")
    return f'{head}\n"{PUBLISHED}: yes\\n"{sep}{rest}'


def extract_all(root: Path, content: Path, out: Path, languages: list[str],
                default_lang: str, threshold: float = 80,
                markdown: dict | None = None) -> Extracted:
    """Write or update translations/content/<lang>/<slug>.po for every source document and
    every language other than its own (a language the text is translated into as a Markdown
    file gets none, and an existing one is left as it is and listed in `unused`; only an
    action's texts are extracted for it), and <lang>/prisoners/<slug>.po,
    <lang>/cases/<slug>.po for the registry.
    Catalogues msgfmt refuses are left untouched and raised together as ExtractProblems
    after all the others are updated. `markdown`: Pelican's MARKDOWN setting, so that an
    entry the build refuses does not count towards recording the threshold."""
    if markdown is not None:
        markdown = {**markdown, "extensions": list(dict.fromkeys(
            [*markdown.get("extensions", []), *markdown.get("extension_configs", {})]))}
    from .registry import template as registry_template

    written = Extracted([], [], [], [])
    problems: list[CatalogueError] = []
    for folder, slug, path, entry in registry_entries(content):
        label = entry.names.en.full if hasattr(entry, "names") else entry.name["en"]
        pot = registry_template(entry, path, path.relative_to(root).as_posix(), label)
        for lang in languages:
            if lang != default_lang:
                _update(catalogue_path(out, lang, slug, folder), pot, lang, written, problems)
    sources_ = documents(content, languages, default_lang)
    current = {s.slug for s in sources_}
    from .build import source_document

    for source in sources_:
        doc = source_document(source.path, content)
        rel = source.path.relative_to(root).as_posix()
        pot = template(doc, rel, doc.meta("title"), doc.meta("category"))
        for lang in languages:
            po = catalogue_path(out, lang, source.slug)
            if lang in source.file_langs and doc.extra and lang != source.lang:
                # Translated as a Markdown file: its catalogue holds only the action's texts.
                only = template(Document([], extra=doc.extra), rel, doc.meta("title"),
                                doc.meta("category"))
                _update(po, only, lang, written, problems)
                continue
            if lang in source.file_langs and lang != source.lang:
                if po.exists():
                    written.unused.append((po, source.translations[lang]))
                continue
            if lang == source.lang:
                continue
            if not po.exists():
                _carry_renamed(po, source, out, lang, current)
            _update(po, pot, lang, written, problems, threshold, markdown, doc, rel)
    if problems:
        raise ExtractProblems(problems)
    return written


def status(out: Path, ui: Path, languages: list[str], default_lang: str,
           content: Path, settings: dict | None = None) -> list[tuple[str, str, Stats]]:
    """(language, part, stats) for the UI, articles, pages, prisoners and cases of every
    language. Texts translated into a language as a Markdown file are not counted there.
    With `settings` (Pelican's, at least MARKDOWN), a translation the build does not use
    (it shows the source text: build.unusable_entries, ui_i18n.catalogs.refused, and for
    the registry always registry.table) counts as untranslated, as on the translators'
    pages; a UI catalogue the build refuses as a whole (ui_i18n.catalogs.problem) raises
    CatalogueError with the build's line."""
    import polib

    from . import summaries
    from .build import source_document
    from .registry import table, text_stats

    docs = documents(content, languages, default_lang)
    registry_files = list(registry_entries(content))  # read once, not per language
    sources_: dict[Path, Document] = {}  # each source's segments, parsed once
    if out.is_dir():
        # Every catalogue checked by msgfmt in batches (catalogs.check_many), not one msgfmt
        # per file: that was two thirds of the time at N = 2,000 (bench/README.md). A broken
        # one is left out here and named below, as the build names it.
        summaries.prefetch(out, settings or {})
    rows = []
    for lang in languages:
        ui_po = ui / lang / "LC_MESSAGES" / "messages.po"
        if lang != default_lang and ui_po.exists():
            from ui_i18n.catalogs import TemplateMissing, template_keys

            check_link(ui_po, ui)  # as the build: never read through a link
            refused = frozenset()
            try:  # the template's messages, as the translators' pages count them (progress)
                template = template_keys({"UI_TRANSLATIONS_DIR": str(ui)})
            except TemplateMissing as exc:
                # Its message says the fix (restore it): msgfmt's advice would not.
                raise CatalogueError(Path(exc.path), exc.where, exc.problem, fix="") from None
            if settings is not None:
                # The build's own decision (its compiled catalogue), never a second one.
                from ui_i18n.catalogs import problem
                from ui_i18n.catalogs import refused as ui_refused

                ui_settings = {**settings, "UI_TRANSLATIONS_DIR": str(ui),
                               "DEFAULT_LANG": default_lang}
                stop = problem(ui_settings, lang)
                if stop:
                    raise CatalogueError(ui_po, *stop)
                refused = ui_refused(ui_settings, lang)
            rows.append((lang, "UI", stats(polib.pofile(str(ui_po)), refused, template)))
        for folder in ("prisoners", "cases"):
            registry = Stats(0, 0, 0)
            if lang == default_lang:
                continue
            for kind, slug, _path, entry in registry_files:
                if kind != folder:
                    continue
                po = catalogue_path(out, lang, slug, folder)
                if po.exists():
                    check_link(po, out)  # as the build: never read through a link
                refused: set[tuple[str, str]] = set()
                table(po, refused=refused)  # the build's decision on what it leaves out
                found = ((summaries.cached(po) or summaries.summarise(po)).table
                         if po.exists() else {})
                s = text_stats(entry, lang, found, refused)
                registry = Stats(registry.translated + s.translated, registry.fuzzy + s.fuzzy,
                                 registry.untranslated + s.untranslated)
            rows.append((lang, folder, registry))
        for part in ("articles", "pages"):
            total = Stats(0, 0, 0)
            for doc in docs:
                po = catalogue_path(out, lang, doc.slug)
                kind = "pages" if "/pages/" in doc.path.as_posix() else "articles"
                if kind == part and po.exists() and lang not in doc.file_langs \
                        and lang != doc.lang:
                    check_link(po, out)  # as the build: never read through a link
                    if doc.path not in sources_:
                        sources_[doc.path] = source_document(doc.path, content)
                    s = document_stats(doc.path, po, lang, content, settings,
                                       sources_[doc.path])
                    total = Stats(total.translated + s.translated, total.fuzzy + s.fuzzy,
                                  total.untranslated + s.untranslated)
            if total.total:
                rows.append((lang, part, total))
    return rows


def document_stats(source: Path, po: Path, lang: str, content: Path,
                   settings: dict | None, doc: Document | None = None) -> Stats:
    """The progress of the language version of the document `source` (a Markdown file under
    `content`) made from the catalogue `po`: build.doc_stats, the count the threshold uses,
    over the source's current segments, with the entries the build does not use under
    `settings` (refused_keys; none without `settings`). `doc`: the source's
    build.source_document, if the caller has it. Raises CatalogueError for a catalogue msgfmt
    refuses or a msgstr that stops the build."""
    from . import summaries
    from .build import doc_stats, source_document

    summary = summaries.cached(po) or summaries.summarise(po)
    doc = doc or source_document(source, content)
    return doc_stats(doc, summary.table, refused_keys(source, po, lang, content, settings, doc))


def refused_keys(source: Path, po: Path, lang: str, content: Path,
                 settings: dict | None, doc=None) -> frozenset[tuple[str, str]]:
    """The entries of a document's catalogue the build does not use (build.unusable_entries),
    under the language's Markdown settings; none without `settings`. `doc`: the source's
    build.source_document, if the caller has it. Raises CatalogueError for a msgstr that
    changes a link target, which stops the build."""
    if settings is None:
        return frozenset()
    from content_model.reader import markdown_config

    from . import summaries
    from .build import source_document, unusable_entries

    doc = doc or source_document(source, content)
    summary = summaries.cached(po) or summaries.summarise(po)
    refused, moved = unusable_entries(po, source, doc, summary.table,
                                      markdown_config(settings, lang))
    # A msgstr that changes a link target (in itself or put back into its block) stops the
    # build (build.versions_for): named here as the build names it, never counted translated.
    moves = [(c, m, p) for c, m, p in summary.problems if (c, m) not in refused]
    moves += [(c, m, p) for (c, m), p in moved.items()
              if (c, m) not in refused and (c, m) not in {(c, m) for c, m, _ in moves}]
    if moves:
        from .build import msgctxt_line

        context, msgid, problem = moves[0]
        raise CatalogueError(po, f"line {msgctxt_line(po, context, msgid)}",
                             f"msgctxt {context}: {problem}; keep the link target as it is "
                             "in the msgid")
    return frozenset(refused)


def format_status(rows) -> str:
    lines = ["| language | part | translated | fuzzy | untranslated | % |",
             "|---|---|---|---|---|---|"]
    for lang, part, s in rows:
        percent = str(s.shown_percent) if s.total else "–"  # nothing here needs a catalogue
        lines.append(f"| {lang} | {part} | {s.translated} | {s.fuzzy} | {s.untranslated} | "
                     f"{percent} |")
    return "\n".join(lines)
