"""Language versions built from the source document plus its catalogue.

A version is published when at least TRANSLATION_THRESHOLD percent of its segments are
translated and not fuzzy. Segments without a translation of exactly their current text show
the source text, marked with the source's `lang`; when that is because the text changed (a
fuzzy entry, or no entry since the last extract), the page says the translation may be
outdated. Translators' text is sanitised by the site's one allowlist (safe_input.sanitiser):
an entry the sanitiser would change is not used (its source text shows, marked with its
language) and a warning names catalogue, line and what was refused; strict mode (publishconf)
makes that an error."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from markdown import Markdown
from prisoner_links import tree as html_tree

from content_model import typography as _typography
from content_model.typography import typeset
from safe_input import nesting, sanitiser

from . import summaries
from .catalogs import CatalogueError, Stats, check_link, msgstr_line, own_files, table_stats
from .checks import block_problems
from .naming import catalogue_path
from .segments import Document, Segment, parse
from .settings import SCHEMA

logger = logging.getLogger(__name__)

MARK, END = "\ue000", "\ue001"  # private-use characters around a source-language marker
BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption")


@dataclass
class Version:
    lang: str
    stats: Stats  # of the current source's segments against the catalogue
    html: str = ""
    title: str = ""
    summary: str = ""
    fuzzy: bool = False  # some segment shows the source because its translation is outdated
    translator: str = ""
    title_lang: str = ""  # the language the title is shown in: the source's when untranslated
    summary_lang: str = ""
    # (msgctxt, msgid) of the catalogue's entries the build does not use (unusable_entries):
    # the translators' pages count them as untranslated.
    refused: frozenset[tuple[str, str]] = frozenset()


def sanitise(html: str) -> str:
    """The site's one sanitiser (safe_input.sanitiser)."""
    return sanitiser.clean(html)


def refused_msgstr(string: str, markdown_config: dict) -> str | None:
    """What the sanitiser would remove from a msgstr rendered as Markdown, or None: such an
    entry is not used (the source text shows) and a warning names it."""
    deep = nesting.problem(string)  # before Markdown descends into it
    if deep:
        return deep[1]
    if not any(c in string for c in "<:&"):
        return None  # no markup, no URL scheme, no entity: nothing to refuse
    md = markdown_for(markdown_config, check=True)
    found = sanitiser.refusals(md.reset().convert(string), translation=True)
    return found[0][1] if found else None


def msgctxt_line(path: Path, context: str, msgid: str | None = None) -> int:
    """The line of the msgstr of the entry with this msgctxt (and msgid, since a msgctxt such
    as `paragraph` repeats within a document) in a catalogue, 1 if not found, for messages:
    the line GNU msgfmt names for a problem of an entry, and the one a translator fixes."""
    import polib

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        po = polib.pofile(text)
    except (OSError, ValueError):
        return 1
    for entry in po:
        if entry.msgctxt == context and (msgid is None or entry.msgid == msgid):
            return msgstr_line(text, entry.linenum)
    return 1


_markdowns: dict[tuple[str, bool], Markdown] = {}
_config_keys: dict[int, tuple[dict, str]] = {}


def config_key(config: dict) -> str:
    """`repr(config)`: what tells Markdown configurations apart here and in the cached
    renderings' keys. Made once per configuration object (one per language and build, never
    changed once made: content_i18n._add_versions), not once per catalogue and use: the repr
    of a configuration with its footnote titles and quotes was a tenth of the CPU of making
    the catalogue versions (bench corpus, N = 2,000)."""
    hit = _config_keys.get(id(config))
    if hit is None or hit[0] is not config:
        if len(_config_keys) > 256:  # configurations of earlier builds (autoreload)
            _config_keys.clear()
        # The object is kept with its repr, so its id cannot be another object's meanwhile.
        hit = _config_keys[id(config)] = (config, repr(config))
    return hit[1]


def markdown_for(config: dict, check: bool = False) -> Markdown:
    """One Markdown per configuration (in practice per language): setting one up costs about
    as much as converting a document. `check`: a second instance, for the checks, so that
    converting a msgstr between a document's conversions leaves that one's state alone."""
    key = (config_key(config), check)
    if key not in _markdowns:
        _markdowns[key] = Markdown(**config)
    return _markdowns[key]


Table = dict[tuple[str, str], tuple[str, bool]]  # (msgctxt, msgid) -> (msgstr, fuzzy)


def lookup(seg: Segment, table: Table) -> tuple[str | None, bool]:
    """(translation or None, outdated) of one segment. A translation is used only for exactly
    the text it translates and only when it is not fuzzy (as msgfmt leaves fuzzy entries out);
    a segment the catalogue has no entry for has changed since the last extract: outdated."""
    entry = table.get((seg.context, seg.text))
    if entry is None:
        return None, True
    string, fuzzy = entry
    if fuzzy:
        return None, bool(string.strip())
    return (string if string.strip() else None), False


Refused = dict[tuple[str, str], str]  # (msgctxt, msgid) -> what the sanitiser refuses


def refused_entries(table: Table, markdown_config: dict) -> Refused:
    """The translated, not fuzzy entries whose msgstr the sanitiser would change, with what
    it refuses (refused_msgstr): not usable translations. Titles are plain text (escaped by
    the templates), never refused."""
    found = {}
    for (context, msgid), (string, fuzzy) in table.items():
        if string.strip() and not fuzzy and context != "title":
            problem = refused_msgstr(string, markdown_config)
            if problem:
                found[context, msgid] = problem
    return found


def usable_entries(table: Table, refused: Refused) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of the entries a body segment may show: translated, not
    fuzzy, not refused (refused_entries); titles are plain text, never Markdown."""
    return {key: string for key, (string, fuzzy) in table.items()
            if string.strip() and not fuzzy and key[0] != "title"
            and key not in refused}


def doc_stats(doc: Document, table: Table,
              refused: Collection[tuple[str, str]] | None = None) -> Stats:
    """The one count of a language version's progress (the publication threshold here, the
    translators' pages, `invoke i18n.status`): Stats(translated, fuzzy, untranslated) in
    segments of the current source `doc` (header, body and action texts, as extract writes
    them), so `total` is always len(doc.segments).

    `table`: the catalogue's current entries, (msgctxt, msgid) -> (msgstr, fuzzy)
    (summaries.Summary.table: obsolete `#~` entries left out, a plural entry's msgstr
    empty). `refused`: (msgctxt, msgid) of the entries the build does not use
    (unusable_entries).

    translated: segments the build shows translated (lookup: an entry of exactly this
    msgctxt and msgid, not fuzzy, a non-empty msgstr, not refused). fuzzy: segments whose
    entry is fuzzy with a msgstr, as `msgfmt --statistics` counts fuzzy entries. Every other
    segment is untranslated: an empty, refused or obsolete entry, a plural entry (a segment
    has one text; the build never shows a msgstr[N]), or none (the source changed since the
    last extract). Entries that translate no current segment count for nothing. Rule:
    TRANSLATING.md, gettext's (a translation belongs to exactly its msgctxt and msgid)."""
    done = fuzzy = 0
    for seg in doc.segments:
        string, _outdated = lookup(seg, table)
        if string is not None and refused and (seg.context, seg.text) in refused:
            string = None
        done += string is not None
        if string is None:
            entry = table.get((seg.context, seg.text))
            fuzzy += entry is not None and entry[1] and entry[0] != ""
    return Stats(done, fuzzy, len(doc.segments) - done - fuzzy)


def mark_languages_soup(html: str) -> str:
    """`html` (sanitised) with each source-language marker (MARK lang END, in a text or an
    image's alt text) removed and its language set as `lang` on the nearest block
    (BLOCKS), through BeautifulSoup: the general way, for any markup."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(string=lambda s: MARK in s):
        marker_lang = node.split(MARK, 1)[1].split(END, 1)[0]
        block = next((p for p in node.parents if p.name in BLOCKS), None)
        if block is not None:
            block["lang"] = marker_lang
        node.replace_with(node.replace(f"{MARK}{marker_lang}{END}", ""))
    for img in soup.find_all("img", alt=lambda alt: alt and MARK in alt):  # an alt text segment
        marker_lang = img["alt"].split(MARK, 1)[1].split(END, 1)[0]
        block = next((p for p in img.parents if p.name in BLOCKS), None)
        if block is not None:
            block["lang"] = marker_lang
        img["alt"] = img["alt"].replace(f"{MARK}{marker_lang}{END}", "")
    return str(soup)


_NO_NAMES: frozenset[str] = frozenset()


def mark_languages(html: str) -> str:
    """mark_languages_soup's result, made on the linker's small tree (prisoner_links.tree:
    the plain markup the sanitiser writes, read and written byte for byte as BeautifulSoup
    does) at a fraction of the cost; markup outside that tree's strict subset takes
    BeautifulSoup's way."""
    built = html_tree.build(html, _NO_NAMES, _NO_NAMES)
    if built is None:
        return mark_languages_soup(html)
    root, texts = built

    def block_of(element):
        while element is not None and element.name not in BLOCKS:
            element = element.parent
        return element

    for node, _block, _never in texts:
        if MARK in node.text:
            marker_lang = node.text.split(MARK, 1)[1].split(END, 1)[0]
            block = block_of(node.parent)
            if block is not None:
                block.set("lang", marker_lang)
            node.text = node.text.replace(f"{MARK}{marker_lang}{END}", "")
    for img in list(html_tree.elements(root)):
        alt = img.attrs.get("alt") if img.name == "img" else None
        if alt and MARK in alt:
            marker_lang = alt.split(MARK, 1)[1].split(END, 1)[0]
            block = block_of(img.parent)
            if block is not None:
                block.set("lang", marker_lang)
            img.set("alt", alt.replace(f"{MARK}{marker_lang}{END}", ""))
    return html_tree.serialize(root)


def render(doc: Document, source_lang: str, lang: str, table: Table,
           markdown_config: dict, refused_known: Refused | None = None) -> tuple:
    """(html, title, summary markdown, any outdated segment, refused entries as (msgctxt,
    msgid, what), title's language, summary's language) for one language. Segments without a
    usable translation show the source text, marked with the source's `lang` (for the title
    and summary: their language is returned, for the templates to mark); so does an entry
    whose msgstr the sanitiser would change (`refused_known`, if given: refused_entries),
    and it sets the outdated notice: a translation exists but cannot be shown."""
    outdated_used = False
    refused: list[tuple[str, str, str]] = []
    from_source: set[str] = set()  # "title", "summary": shown in the source language

    def translate(seg: Segment) -> str:
        nonlocal outdated_used
        string, outdated = lookup(seg, table)
        outdated_used = outdated_used or outdated
        if refused_known is not None:
            problem = refused_known.get((seg.context, seg.text)) if string else None
        else:
            problem = refused_msgstr(string, markdown_config) \
                if string and seg.context != "title" else None
        if problem:
            refused.append((seg.context, seg.text, problem))
            string, outdated_used = None, True
        if string is not None:
            return string
        if seg.context not in ("title", "summary"):
            return f"{MARK}{source_lang}{END}{seg.text}"
        from_source.add(seg.context)
        return seg.text

    # The title and summary are made below, on their own: left out of the body's Markdown, so
    # a blank line in their msgstr cannot end the header and add to the body.
    text = doc.render(translate, {"lang": lang, "title": None, "summary": None})
    html = markdown_for(markdown_config).reset().convert(text)
    body = mark_languages(sanitise(html))
    # A title is plain text: whatever a translator typed is shown, never interpreted. It stays
    # unescaped here, like an editor's Title (typeset returns characters, not entities): the
    # autoescaping templates escape it once.
    quotes = markdown_config.get("extension_configs", {}).get(
        "content_model.typography:TypographyExtension", {}).get("quotes")
    title = typeset(translate(Segment("title", doc.meta("title"), 0)),
                    tuple(quotes) if quotes else None)
    summary = translate(Segment("summary", doc.meta("summary"), 0)) if doc.meta("summary") else ""
    return (body, title, summary, outdated_used, list(dict.fromkeys(refused)),
            source_lang if "title" in from_source else lang,
            source_lang if "summary" in from_source else lang)


# The rendering code, the typography, the allowlist and the HTML tree are part of a cached
# rendering's key.
_CODE = hashlib.sha256(b"".join(
    [Path(__file__).with_name(n).read_bytes()
     for n in ("build.py", "segments.py", "checks.py")]
    + [Path(m.__file__).read_bytes() for m in (_typography, sanitiser, html_tree)]
)).hexdigest()


def source_document(source: Path, content: Path | str) -> Document:
    """The segments of the Markdown file `source` (under the content folder `content`), with
    its action's segments (actions.files.segments) as `extra`: what its catalogue holds."""
    from actions.files import segments as action_segments

    doc = parse(source.read_text(encoding="utf-8"))
    doc.extra = action_segments(source, content)
    return doc


def unusable_entries(path: Path, source: Path, doc: Document, table: Table,
                     config: dict, stamps: tuple | None = None,
                     ) -> tuple[Refused, dict[tuple[str, str], str]]:
    """(refused, moved) for the catalogue at `path` of the document `doc` (read from
    `source`), under one language's Markdown settings `config`: the build's one decision on
    which translated entries it does not use. `refused` maps (msgctxt, msgid) to what is
    wrong: the sanitiser would change the msgstr (refused_entries), or put back into its
    block it changes the block's structure (checks.block_problems); such an entry shows the
    source text and counts as untranslated everywhere (the version's threshold, the
    translators' pages, `invoke i18n.status`). `moved`: entries whose msgstr changes a link
    target (an input error). Both are remembered between builds (summaries.py). `stamps`:
    the (source, catalogue) (mtime, size) pairs when the caller has them already
    (versions_for looks each up once per catalogue); otherwise they are looked up here."""
    source_stamp, stamp = stamps or (summaries.stamp(source), summaries.stamp(path))
    config_repr = config_key(config)
    refused = summaries.refusals(
        path, (stamp, config_repr, _CODE), lambda: refused_entries(table, config))
    # Each msgstr put back into its block: a changed target stops the build like one in
    # the msgstr itself; a changed block structure makes the entry unusable, as a refusal.
    moved, reshaped = summaries.block_checks(
        path, (source_stamp, stamp, config_repr, _CODE),
        lambda: block_problems(doc, usable_entries(table, refused),
                               markdown_for(config, check=True)))
    return {**refused, **reshaped}, moved


def versions_for(source_path: str, source_lang: str, slug: str, settings: dict, report,
                 markdown_config, skip: set[str] | frozenset = frozenset(),
                 warn=None) -> list[Version]:
    """Every catalogue version of one source document, published (html set) or not.

    Published: at least TRANSLATION_THRESHOLD percent of the current source's segments have
    a translation of exactly their text (entries for other texts never count), or the
    catalogue's header says `X-Published: yes` (extract records it once the version reached
    the threshold), or the entries extract wrote reach it (the source as of the last
    extract, before an edit not yet extracted): a published version is never withdrawn by
    a later source edit. Languages in `skip` (translated as Markdown files) are left out:
    their catalogue, if any, holds only an action's texts (plugins/actions).

    `report(path, where, message)` gets each input error; `warn(format, *args)` each warning
    (default: this module's logger), so a caller in another process can hand them back."""
    out = []
    doc = source_document(Path(source_path), settings["PATH"])
    threshold = SCHEMA.get(settings, "TRANSLATION_THRESHOLD")
    source_stamp = None  # the source's (mtime, size), once: a part of every cache key below
    current = None  # the source's segments' (msgctxt, msgid), once
    source_file = Path(source_path).as_posix()
    for lang in settings["LANGUAGES"]:
        path = catalogue_path(settings["CONTENT_TRANSLATIONS_DIR"], lang, slug)
        if lang == source_lang or lang in skip or not path.exists():
            continue
        try:  # a link is never read (the cached summary of the file it replaced neither)
            check_link(path, settings["CONTENT_TRANSLATIONS_DIR"])
        except CatalogueError as exc:
            report(os.path.relpath(path), exc.where, exc.problem)
            continue
        # The catalogue's (mtime, size), once: it keys every cached step below (each looked
        # it up itself before: seven file system calls per catalogue).
        stamp = summaries.stamp(path)
        limit = SCHEMA.get(settings, "MAX_PO_BYTES")
        if stamp[1] > limit:
            report(os.path.relpath(path), "file", f"larger than the {limit / 1e6:.1f} MB limit "
                   "for one catalogue (MAX_PO_BYTES in pelicanconf.py)")
            continue
        if source_stamp is None:
            source_stamp = summaries.stamp(Path(source_path))
        summary = summaries.cached(path, stamp)
        if summary is None:
            try:
                summary = summaries.summarise(path)
            except CatalogueError as exc:
                report(os.path.relpath(path), exc.where, exc.problem + exc.fix)
                continue
        table = summary.table
        config = markdown_config(lang)
        config_repr = config_key(config)
        refused, moved = unusable_entries(path, Path(source_path), doc, table, config,
                                          stamps=(source_stamp, stamp))
        for (context, msgid), problem in refused.items():  # every build, published or not
            (warn or logger.warning)(
                "%s: line %d: msgctxt %s: %s; the entry is not used (the source text is "
                "shown) until the msgstr is fixed", os.path.relpath(path),
                msgctxt_line(path, context, msgid), context, problem)
        for context, msgid, problem in summary.problems:  # never published
            if (context, msgid) in refused:
                continue  # not used at all: the sanitiser's refusal is its one message
            report(os.path.relpath(path), f"line {msgctxt_line(path, context, msgid)}",
                   f"msgctxt {context}: {problem}; keep the link target as it is in the msgid")
        named = {(context, msgid) for context, msgid, _problem in summary.problems}
        for (context, msgid), problem in moved.items():  # never published
            if (context, msgid) in refused or (context, msgid) in named:
                continue  # not used, or already named by the msgstr's own check
            report(os.path.relpath(path), f"line {msgctxt_line(path, context, msgid)}",
                   f"msgctxt {context}: {problem}; keep the link target as it is in the msgid")
        version = Version(lang, doc_stats(doc, table, refused), translator=summary.translator,
                          refused=frozenset(refused))
        # Published before the source changed (extract not run since): stays published. A
        # refused entry extract wrote does not count there either, and one a translator's
        # tool has made obsolete since (`#~`) while its text is still in the source counts
        # as untranslated (catalogs.obsoleted): obsoleting entries never lifts a version.
        # Only entries naming this source's file (catalogs.own_files): one copied from
        # another text's catalogue translates nothing here.
        if current is None:
            current = {(seg.context, seg.text) for seg in doc.segments}
        own = own_files(summary.extracted_keys, source_file)
        written = {key for file in own for key in summary.extracted_keys[file]}
        counted = table_stats({key: table[key] for key in written}, refused)
        lost = len(summary.obsolete_keys & current)
        extracted = Stats(counted.translated, counted.fuzzy, counted.untranslated + lost)
        was = summary.published or extracted.percent >= threshold
        if version.stats.percent >= threshold or was:

            def make(config: dict = config, lang: str = lang, table: dict = table,
                     refused: Refused = refused) -> tuple:
                return render(doc, source_lang, lang, table, config, refused)

            key = (source_stamp, stamp, config_repr, _CODE)
            (version.html, version.title, version.summary, version.fuzzy, _refused,
             version.title_lang, version.summary_lang) = summaries.rendered(path, key, make)
        out.append(version)
    return out
