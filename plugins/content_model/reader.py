"""A Markdown reader that validates metadata and typesets each language with its own quotes."""

from __future__ import annotations

import os
import re
from datetime import datetime
from urllib.parse import unquote

from markdown import Markdown
from pelican.readers import MarkdownReader

import build_errors
from private_api import markdown_metadata, priority_of
from safe_input import dates, sanitiser, urls
from safe_input.slugs import is_slug, slugify

from . import rules, source_checks
from .settings import SCHEMA
from .typography import typeset

_HEADER_LANG = re.compile(r"^lang:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)
_HEADER_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):", re.MULTILINE)
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


class Rejected(Exception):
    """The file has input errors (already reported); Pelican skips it without caching it."""


def _header(text: str) -> str:
    return text.split("\n\n", 1)[0]


# The years a text's Date may name: a mistyped year (2204, 9999) would keep a text at the top
# of every listing and feed, and dates near the calendar's end overflow in date arithmetic
# (a time zone or a day added: OverflowError in the calendars and the search records).
DATE_YEARS = (1800, 2100)


def parse_date(value: str) -> datetime:
    """ISO 8601 dates only: unambiguous for editors in six locales (no 03/04/2024), in the
    years DATE_YEARS. Raises ValueError."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise ValueError(value)
    parsed = datetime.fromisoformat(value.replace(" ", "T", 1).replace("Z", "+00:00"))
    if not DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]:
        raise ValueError(value)
    return parsed


def future_problem(label: str, value: str, parsed: datetime, timezone: str | None,
                   now: datetime | None = None) -> str | None:
    """Why a header date (`label` "Date" or "Modified", as written: `value`, as read:
    `parsed`) cannot be used, or None: it lies more than a day after `now` (the build's
    clock), the site's one rule for recorded dates (safe_input.dates, which the registry's
    dates follow too). A date without an offset is read in `timezone` (TIMEZONE)."""
    day = "the day of its last change" if label == "Modified" else "the day it is published"
    return dates.future_problem(
        value, timezone, f"check the year and write {day}, no later than a day after this "
                         f"build (a {label} further ahead would keep the text at the top of "
                         "every listing and feed), or keep 'Status: draft' until that day",
        now, parsed)


class ValidatingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus: metadata checked against the content model (every
    problem reported with file and field), per-language smart quotes, default slugs."""

    def read(self, source_path: str):
        self._source_path = source_path
        self._problems: list[tuple[str, str]] = []
        self._ahead: list[tuple[str, str]] = []  # future dates: refused unless a draft
        rel = os.path.relpath(source_path, os.path.dirname(self.settings["PATH"].rstrip("/")))
        if urls.links_out(source_path, self.settings["PATH"]):
            self._reject(rel, [("file", f"is a link to {os.path.realpath(source_path)}, outside "
                                        "the content folder; only files inside content/ are "
                                        "published: copy the text there")])
        text, problems = source_checks.read_text(source_path, self.settings)
        if text is None:
            self._reject(rel, problems)
        # A header line without its colon, or a blank line inside the header, is reported,
        # and the header read on past it (the line mended, line numbers kept), so every other
        # mistake of the header is named in the same build; the line's own problem keeps the
        # file from being published.
        broken, text = source_checks.read_header(text)
        self._problems += broken
        found = _HEADER_LANG.search(_header(text))  # a Lang: after the mended blank line too
        lang = found.group(1).lower() if found else self.settings["DEFAULT_LANG"]
        nesting = source_checks.check_nesting(text)
        if nesting:  # before Markdown and the segmenter descend into it
            self._reject(rel, broken + nesting)
        md = _markdown_for(self.settings, lang)
        content = md.convert(text)
        self._problems += source_checks.check_html(text, content)
        content = sanitiser.clean(content)  # the only path to a page (safe_input.sanitiser)
        self._problems += source_checks.check_internal_links(
            text, source_path, self.settings["PATH"])
        header = {k.lower(): v for k, v in getattr(md, "Meta", {}).items()
                  if k.lower() != source_checks.UNREAD_KEY}
        # Python-Markdown's meta extension lower-cases keys: the names as the editor wrote
        # them come from the header itself (its own key pattern, markdown.extensions.meta).
        written = {m.lower(): m for m in _HEADER_KEY.findall(_header(text))}
        self._problems += rules.check_fields_known([written.get(k, k) for k in header])
        # An empty field (the scaffold's "Modified:", or only spaces) means "not set", not
        # "invalid": every check below sees only the fields that say something.
        # A field on a line without its colon is there, only unread: that line's problem
        # names it, so it is not called missing as well (source_checks.read_header).
        unread = {str(v).strip().lower()
                  for v in getattr(md, "Meta", {}).get(source_checks.UNREAD_KEY, [])}
        self._problems += rules.check_required(
            {**{name: name for name in unread if name}, **header},
            self._is_article(source_path), self._required_hints(source_path))
        meta = {k: v for k, v in getattr(md, "Meta", {}).items()
                if not rules.is_empty(v) and k.lower() != source_checks.UNREAD_KEY}
        raw = {k.lower(): v for k, v in meta.items()}
        metadata = markdown_metadata(self, md, meta)
        # A draft may carry the day it is planned for (Pelican's own scheduled texts are
        # drafts with a date ahead, WITH_FUTURE_DATES); it is refused once the draft is
        # published (rules.check_scaffold_left lets drafts keep placeholders the same way).
        if str(metadata.get("status", "")).strip().lower() != "draft":
            self._problems += self._ahead
        if metadata.get("summary"):  # Markdown, made HTML by Pelican: the same allowlist
            self._problems += source_checks.check_html(text, str(metadata["summary"]),
                                                       "Summary")
            metadata["summary"] = sanitiser.clean(str(metadata["summary"]))
        self._validate(metadata, raw, source_path)
        self._problems += rules.check_scaffold_left(text, metadata)
        if self._problems:
            self._reject(rel, self._problems)
        return content, metadata

    @staticmethod
    def _reject(rel: str, problems: list[tuple[str, str]]):
        for field, message in problems:
            build_errors.report(rel, field, message)
        raise Rejected(rel)

    # -- metadata ---------------------------------------------------------------------------
    def process_metadata(self, name: str, value):
        name = name.lower()
        if name in ("date", "modified"):
            try:
                parsed = parse_date(value)
            except ValueError:
                self._problems.append(
                    (rules.field_label(name), f"'{value}' is not a valid date; {rules.DATE_HINT}")
                )
                return None
            label = rules.field_label(name)
            ahead = future_problem(label, value, parsed, self.settings.get("TIMEZONE"))
            if ahead:
                self._ahead.append((label, ahead))
            return parsed
        if name == "lang":
            return str(value).strip().lower()
        if name == "sourceurl":
            value = str(value).strip()
            problem = urls.url_problem(value)
            if problem:
                self._problems.append(("SourceURL", problem))
            return value
        if name == "image":
            value = str(value).strip()
            self._check_image(value)
            return value
        if name == "slug":
            value = str(value).strip()
            if not is_slug(value):
                self._problems.append(("Slug", f"'{value}' may hold only lowercase letters a-z, "
                                               f"digits and hyphens; write "
                                               f"'{slugify(value) or 'a-name'}'"))
            return value
        if name == "category":
            value = str(value).strip().lower()
        if name in ("tags", "category", "author", "authors"):
            result = super().process_metadata(name, value)
            for item in result if isinstance(result, list) else [result]:
                if not hasattr(item, "name"):
                    continue  # Pelican's "discard" marker for an empty Tags: line
                # The one slug function (safe_input.slugs), not Pelican's own slug rules:
                # authors have no page, but every slug of the site follows one rule.
                item.slug = slugify(item.name)
                if not item.slug and name in ("tags", "category"):
                    self._problems.append((rules.field_label(name), (
                        f"'{item.name}' has no letters or digits to make its address from "
                        f"(its page would be /{name.removesuffix('s')}//); write it in words")))
            return result
        if name == "signatories":
            return rules.split_list(value, ";")
        if name == "prisoners":
            return rules.split_list(value, ",")
        return super().process_metadata(name, value)

    def _check_image(self, value: str) -> None:
        """Image: a file under content/ (it becomes the feeds' enclosure, with its size)."""
        if ":" in value or "//" in value or "\\" in value or ".." in value.split("/"):
            self._problems.append(("Image", f"'{value}' must be the path of a file in the "
                                            "content folder, such as /images/photo.jpg"))
            return
        root = self.settings["PATH"]
        problem = urls.local_file_problem(value, root, root)
        path = os.path.join(root, unquote(value).lstrip("/"))  # as local_file_problem reads it
        if problem and not os.path.lexists(path):
            # Name the file looked for and the form that works (a path from the content
            # folder; `{static}` is link syntax, not a path).
            looked_for = os.path.relpath(path, os.path.dirname(root.rstrip("/")))
            name = os.path.basename(value) or "photo.jpg"
            problem = (f"points at a file that does not exist (looked for {looked_for}); "
                       "write the path of a file in the content folder, such as "
                       f"/images/{name} for content/images/{name}")
        if problem:
            self._problems.append(("Image", f"'{value}' {problem}"))

    def _validate(self, metadata: dict, raw: dict, source_path: str) -> None:
        is_article = self._is_article(source_path)
        lang = metadata.get("lang")
        if lang:
            self._problems += rules.check_choice("Lang", lang, self.settings["LANGUAGES"])
            self._problems += check_name_lang(source_path, lang, self.settings["LANGUAGES"])
        if is_article and raw.get("category"):
            self._problems += rules.check_choice(
                "Category", str(metadata["category"]), self.settings["CATEGORIES"]
            )
        if raw.get("template"):
            self._problems += check_template(str(metadata.get("template", "")).strip(),
                                             is_article, self.settings)
        alt = raw.get("imagealt") or []
        if raw.get("image") and not " ".join(alt if isinstance(alt, list) else [alt]).strip():
            # The lead image goes to feeds (Media RSS, JSON Feed) and og:image with this text.
            self._problems.append(("ImageAlt", "an Image needs ImageAlt: say in one sentence "
                                               "what the picture shows, for readers who cannot "
                                               "see it"))
        if "slug" not in metadata:
            metadata["slug"] = source_checks.slug_for_source(source_path,
                                                             self.settings["LANGUAGES"])
        metadata.setdefault("license", SCHEMA.get(self.settings, "LICENSE_DEFAULT"))
        if isinstance(metadata.get("title"), str):  # a title gets the body's typography
            quotes = SCHEMA.get(self.settings, "QUOTES").get(lang or self.settings["DEFAULT_LANG"])
            metadata["title"] = typeset(metadata["title"], tuple(quotes) if quotes else None)

    def _required_hints(self, source_path: str) -> dict[str, str]:
        """What to write after the colon of an empty required field, by field name."""
        languages = self.settings["LANGUAGES"]
        named = os.path.splitext(os.path.basename(source_path))[0].rpartition(".")
        return {
            "title": "the headline after 'Title:'",
            "date": rules.DATE_HINT.replace("write it", "the date after 'Date:'", 1),
            "lang": (f"'Lang: {named[2]}', the language the file name says"
                     if named[0] and named[2] in languages
                     else f"one of {', '.join(languages)} after 'Lang:'"),
            "category": f"one of {', '.join(self.settings['CATEGORIES'])} after 'Category:'",
        }

    def _is_article(self, source_path: str) -> bool:
        rel = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        return any(rel.startswith(p.rstrip("/") + "/") for p in self.settings["ARTICLE_PATHS"])



def check_name_lang(source_path: str, lang: str, languages: list[str]) -> list[tuple[str, str]]:
    """A translation is named `<slug>.<lang>.md` (README, "For editors"): a file whose name
    says one language and whose `Lang:` another is a problem, [("Lang", message)]."""
    stem = os.path.splitext(os.path.basename(source_path))[0]
    base, _, named = stem.rpartition(".")
    if not base or named not in languages or named == lang:
        return []
    return [("Lang", f"'{lang}', but the file name says '{named}'; write 'Lang: {named}', or "
                     f"rename the file to {base}.{lang}.md")]


def check_template(name: str, is_article: bool, settings: dict) -> list[tuple[str, str]]:
    """`Template:` must name one of the theme's templates made for this kind of document
    (ARTICLE_TEMPLATES / PAGE_TEMPLATES): any other template is missing, or needs a context
    (a person, a listing) that a document does not give it."""
    kind = "article" if is_article else "page"
    allowed = SCHEMA.get(settings, f"{kind.upper()}_TEMPLATES") or [kind]
    theme = os.path.join(settings.get("THEME", ""), "templates")
    if name in allowed and os.path.exists(os.path.join(theme, f"{name}.html")):
        return []
    return [("Template", f"'{name}' is not {'an' if is_article else 'a'} {kind} template; use "
                         f"one of: {', '.join(allowed)}, or remove the line to use '{kind}'")]


_instances: dict[tuple[int, str], Markdown] = {}
_meta: dict[tuple[int, str], tuple[object, float]] = {}  # each instance's meta preprocessor


def _markdown_for(settings: dict, lang: str) -> Markdown:
    """Building a Markdown instance costs more than converting a short text: one per
    language and build (settings object), reset before every file."""
    key = (id(settings), lang)
    md = _instances.get(key)
    if md is None:
        if len(_instances) > 64:  # autoreload: a new settings object per rebuild
            _instances.clear()
            _meta.clear()
        md = _instances[key] = Markdown(**markdown_config(settings, lang))
        _meta[key] = (md.preprocessors["meta"], priority_of(md.preprocessors, "meta"))
    if "meta" not in md.preprocessors:  # Pelican's _parse_metadata deregisters it
        md.preprocessors.register(_meta[key][0], "meta", _meta[key][1])
    return md.reset()


def markdown_config(settings: dict, lang: str) -> dict:
    """Markdown settings for one language: its quotation marks and translated footnote titles."""
    base = settings["MARKDOWN"]
    configs = {k: dict(v) for k, v in base.get("extension_configs", {}).items()}
    quotes = SCHEMA.get(settings, "QUOTES").get(lang)
    smarty = "markdown.extensions.smarty"
    if quotes and smarty in configs:
        ldq, rdq = quotes
        configs[smarty]["substitutions"] = {"left-double-quote": ldq, "right-double-quote": rdq}
    # Elision, no-break spaces and full stops after smarty (content_model/typography.py).
    configs["content_model.typography:TypographyExtension"] = {
        "quotes": list(quotes) if quotes else []}
    footnotes = "markdown.extensions.footnotes"
    if footnotes in configs:
        from ui_i18n.catalogs import translator  # the UI catalogue owns these words

        _ = translator(settings, lang).gettext
        configs[footnotes]["BACKLINK_TITLE"] = _("Back to reference %d in the text")
        configs[footnotes]["SUPERSCRIPT_TEXT"] = "{}"
    extensions = list(base.get("extensions", []))
    for name in configs:
        if name not in extensions:
            extensions.append(name)
    if "markdown.extensions.meta" not in extensions:
        extensions.append("markdown.extensions.meta")
    return {**base, "extensions": extensions, "extension_configs": configs}
