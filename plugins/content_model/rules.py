"""The article and page metadata rules, as data plus small checks.

Each check returns a list of (field, message) problems; the message says what to write instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

REQUIRED_ARTICLE = ("title", "date", "lang", "category")
REQUIRED_PAGE = ("title", "lang")

# Field name as editors write it (Pelican lower-cases keys) -> what it is for.
KNOWN_FIELDS = {
    "title": "Title",
    "date": "Date",
    "modified": "Modified",
    "lang": "Lang",
    "slug": "Slug",
    "category": "Category",
    "summary": "Summary",
    "tags": "Tags",
    "authors": "Authors",
    "author": "Author",
    "signatories": "Signatories",
    "source": "Source",
    "sourceurl": "SourceURL",
    "originallanguage": "OriginalLanguage",
    "translatedby": "TranslatedBy",
    "license": "License",
    "prisoners": "Prisoners",
    "prisonerlinks": "PrisonerLinks",
    "translationof": "TranslationOf",
    "image": "Image",
    "imagealt": "ImageAlt",
    "status": "Status",
    "template": "Template",
    "translation": "Translation",
    "action": "Action",  # a sidecar YAML next to the text (plugins/actions)
}

DATE_HINT = ("write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, optionally with an offset such as "
             "+03:00, with a year from 1800 to 2100")


def field_label(name: str) -> str:
    return KNOWN_FIELDS.get(name, name)


def check_fields_known(names: Sequence[str]) -> list[tuple[str, str]]:
    """(field, message) for each name that is no known field, in any case; the field is
    named as given (as the editor wrote it: `Sumary`, not Pelican's `sumary`)."""
    problems = []
    for name in names:
        if name.lower() not in KNOWN_FIELDS:
            close = difflib.get_close_matches(name.lower(), KNOWN_FIELDS, n=1)
            hint = (
                f"did you mean '{KNOWN_FIELDS[close[0]]}'?"
                if close
                else ("known fields: " + ", ".join(sorted(set(KNOWN_FIELDS.values()))))
            )
            problems.append((name, f"unknown field; {hint}"))
    return problems


def is_empty(value: object) -> bool:
    """A header value that says nothing: absent, or only whitespace (Python-Markdown's meta
    extension gives each field as a list of its lines, `Title:` alone as [''])."""
    lines = value if isinstance(value, (list, tuple)) else [value]
    return not "".join(str(line) for line in lines if line is not None).strip()


def check_required(meta: Mapping[str, object], is_article: bool,
                   hints: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(field, message) for each required field that is missing or empty (README: an empty
    field counts as unset). `meta` maps lower-case names to the header's values (strings or
    lists of lines); `hints` maps a name to what to write after an empty field's colon."""
    required = REQUIRED_ARTICLE if is_article else REQUIRED_PAGE
    problems = []
    for name in required:
        label = field_label(name)
        if name not in meta or meta[name] is None:
            problems.append((label, f"missing; add a line '{label}: …' to the header"))
        elif is_empty(meta[name]):
            hint = (hints or {}).get(name, f"a value after '{label}:'")
            problems.append((label, f"empty; write {hint}"))
    return problems


def check_choice(field: str, value: str, allowed: Sequence[str]) -> list[tuple[str, str]]:
    if value in allowed:
        return []
    return [(field, f"'{value}' is not one of {', '.join(allowed)}; use one of them")]


def split_list(value: object, separator: str) -> list[str]:
    """Metadata lists: one value per header line, or several separated on one line."""
    lines = value if isinstance(value, list) else [str(value)]
    return [item.strip() for line in lines for item in str(line).split(separator) if item.strip()]


# The texts `invoke new` writes into a scaffold (tasks.py uses these): a published document that
# still contains one was not finished. Field name (or "body") -> placeholder.
SCAFFOLD_PLACEHOLDERS = {
    "summary": "One or two sentences for lists and feeds.",
    "body": "Write the text here.",
    "note": "[^1]: The note.",
}


def check_scaffold_left(source: str, metadata: Mapping[str, object]) -> list[tuple[str, str]]:
    """Problems for placeholder text of the `invoke new` scaffold left in a document that is
    not a draft: [("line N" or "Summary", message)]. Drafts (`Status: draft`) may keep it."""
    if str(metadata.get("status", "")).strip().lower() == "draft":
        return []
    problems = []
    summary = str(metadata.get("summary", "") or "")
    if SCAFFOLD_PLACEHOLDERS["summary"] in summary:
        problems.append(("Summary", "still the scaffold's placeholder; write one or two "
                                    "sentences, or remove the line"))
    header_end = source.find("\n\n")
    header_lines = source.count("\n", 0, header_end) + 1 if header_end >= 0 else 0
    for number, line in enumerate(source.splitlines(), 1):
        if number <= header_lines:
            continue  # header lines are checked as fields above
        stripped = line.strip()
        for key in ("body", "note"):
            # The body placeholder opens a sentence the scaffold continues; the note is a line.
            if stripped.startswith(SCAFFOLD_PLACEHOLDERS[key]) if key == "body" \
                    else stripped == SCAFFOLD_PLACEHOLDERS[key]:
                problems.append((f"line {number}", "the scaffold's placeholder text "
                                 f"'{stripped[:40]}' is still here; replace it with the "
                                 "text, or keep 'Status: draft' until it is finished"))
    return problems
