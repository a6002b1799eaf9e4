"""What a UI msgstr may contain: exactly the markup and placeholders of its msgid, nothing more.

Templates are autoescaped, but a UI msgstr is inserted as markup (Jinja's i18n extension marks
the translated string safe and escapes only the values put into its placeholders), and the
feeds' footer does the same. So a translation may reorder the msgid's tags, never add, drop or
change one: that is pofilter's `xmltags` check, enforced. Nor may it add a straight double
quote: some UI strings are shown inside attributes (title="…", aria-label="…"). Its
placeholders must be ones the msgid has, and the msgstr must format where the msgid formats:
msgfmt's `python-format` check (`msgfmt -c`), enforced, so a mistyped `%(datum)s` is refused
instead of raising KeyError on every page in that language.
"""

from __future__ import annotations

import re
from collections import Counter

# Anything a browser may start a tag, comment or declaration with, up to its ">" or, when that
# is missing, to the end of the string (the page's next ">" would close it).
_MARKUP = re.compile(r"<(?=[A-Za-z/!?])[^>]*>?")
# Python %-format conversion specifiers (the Python docs, "printf-style String Formatting").
_PRINTF = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
                     r"(?P<type>[diouxXeEfFgGcrsa%])")
_BRACE = re.compile(r"\{(\w+)\}")


def markup(text: str) -> Counter:
    """The tags (with their attributes, as written) of `text`, counted."""
    return Counter(m.group(0) for m in _MARKUP.finditer(text))


def placeholders(text: str) -> set[str]:
    """Named and positional placeholders: {"%(date)s", "%d", "{name}"}; "%%" is not one."""
    found = {m.group(0) for m in _PRINTF.finditer(text) if m.group("type") != "%"}
    return found | {m.group(0) for m in _BRACE.finditer(text)}


def _formats(text: str, names: set[str], positional: int) -> str | None:
    """The error `text % values` raises with values for the given placeholders, or None."""
    values: object = tuple(0 for _ in range(positional)) if positional else dict.fromkeys(
        names, 0)
    try:
        text % values  # noqa: B018 (only whether it raises matters)
    except (KeyError, ValueError, TypeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _args(sources: list[str]) -> tuple[set[str], int]:
    names = {m.group("name") for s in sources for m in _PRINTF.finditer(s)
             if m.group("name") is not None}
    positional = max((sum(1 for m in _PRINTF.finditer(s)
                          if m.group("name") is None and m.group("type") != "%")
                      for s in sources), default=0)
    return names, positional


def _show(tokens) -> str:
    return ", ".join(tokens)  # in the order they appear


def problems(msgid: str, msgid_plural: str | None, msgstrs: list[str]) -> list[str]:
    """Why these msgstrs may not stand for this msgid (empty when they may), each reason
    saying what to fix. Untranslated (empty) msgstrs are not checked."""
    sources = [msgid] + ([msgid_plural] if msgid_plural else [])
    allowed_markup = [markup(s) for s in sources]
    allowed = set().union(*(placeholders(s) for s in sources))
    names, positional = _args(sources)
    source_formats = all(_formats(s, names, positional) is None for s in sources)
    found: list[str] = []
    for msgstr in (s for s in msgstrs if s):
        tags = markup(msgstr)
        if tags not in allowed_markup:
            extra = tags - allowed_markup[0]
            missing = allowed_markup[0] - tags
            detail = "; ".join(part for part in (
                f"adds {_show(extra)}" if extra else "",
                f"drops {_show(missing)}" if missing else "") if part)
            found.append(f"its markup differs from the English text ({detail}); a translation "
                         "may contain only the tags and attributes of the English text")
        quotes = _MARKUP.sub("", msgstr).count('"')
        if quotes > max(_MARKUP.sub("", s).count('"') for s in sources):
            found.append('it has a straight double quote ("), which ends the HTML attribute '
                         "the text may be shown in (a title, a label); use the quotation "
                         "marks of the language (« », „ “, “ ”)")
        unknown = sorted(placeholders(msgstr) - allowed)
        if unknown:
            have = _show(sorted(allowed)) if allowed else "none"
            found.append(f"it has {_show(unknown)}, which the English text does not have "
                         f"(it has {have}); use the English text's placeholders as they are")
        elif source_formats:
            error = _formats(msgstr, names, positional)
            if error:
                found.append(f"it is not a valid format string ({error}); write a literal % "
                             "as %%")
    return list(dict.fromkeys(found))
