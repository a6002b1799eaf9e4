"""Python-Markdown's own inline pass tries each of its fifteen patterns (code, escapes, links,
images, footnote references, autolinks, raw HTML, entities, line breaks, emphasis) on every
text of a document, and most texts (a sentence in a paragraph, a list item, the text after a
link) hold none of the characters those patterns start with. Every one of them consumes one
of `` ` \\ [ < & `` or two spaces before a line end, or is the emphasis processor, which
matches only its delimiters (`*`, `_`): a text with none of them is returned as it came,
without trying the patterns (private_api.skip_inline_pass_without, as smarty_pass does for
smarty's pass). The HTML is the same byte for byte; tests/test_inline_pass.py holds both
claims.

Only a pass whose patterns are all known here (by name and class) is changed: an extension
that adds or replaces an inline pattern turns the skip off rather than risk its matches."""

from __future__ import annotations

import re

from markdown.extensions import Extension

from private_api import registered_names, skip_inline_pass_without

from .smarty_pass import add_extension

# Pattern name -> (its class in markdown.inlinepatterns or the footnotes extension, a regex
# of what it needs in a text to match: its compiled pattern cannot match without it).
KNOWN = {
    "backtick": ("BacktickInlineProcessor", r"[`\\]"),
    "escape": ("EscapeInlineProcessor", r"\\"),
    "footnote": ("FootnoteInlineProcessor", r"\["),
    "reference": ("ReferenceInlineProcessor", r"\["),
    "link": ("LinkInlineProcessor", r"\["),
    "image_link": ("ImageInlineProcessor", r"\["),
    "image_reference": ("ImageReferenceInlineProcessor", r"\["),
    "short_reference": ("ShortReferenceInlineProcessor", r"\["),
    "short_image_ref": ("ShortImageReferenceInlineProcessor", r"\["),
    "autolink": ("AutolinkInlineProcessor", "<"),
    "automail": ("AutomailInlineProcessor", "<"),
    "html": ("HtmlInlineProcessor", "<"),
    "entity": ("HtmlInlineProcessor", "&"),
    "linebreak": ("SubstituteTagInlineProcessor", "  \n"),
}
DELIMITERS = "DelimiterProcessor"  # emphasis: matches only its tokens (`*`, `_`)
EXTENSION = "site_writer.inline_pass:InlinePassExtension"


def needed(md) -> re.Pattern | None:
    """A regex that finds, in any text one of `md`'s inline patterns can match, something
    (see the module's docstring); None when a pattern is not one of the known ones."""
    parts: list[str] = []
    for name in registered_names(md.inlinePatterns):
        pattern = md.inlinePatterns[name]
        kind = type(pattern)
        if not kind.__module__.startswith("markdown."):
            return None
        if kind.__name__ == DELIMITERS and name == "em_strong":
            parts += [re.escape(token) for token in pattern.tokens]
        elif KNOWN.get(name, ("",))[0] == kind.__name__:
            parts.append(KNOWN[name][1])
        else:
            return None
    return re.compile("|".join(dict.fromkeys(parts))) if parts else None


class InlinePassExtension(Extension):
    """Loaded after every extension that adds inline patterns (it is added to the end of
    MARKDOWN's extension_configs)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        found = needed(md) if "inline" in md.treeprocessors else None
        if found is not None:
            skip_inline_pass_without(md, "inline", found)


def install(settings: dict) -> None:
    """Add the extension to the MARKDOWN setting (a new dict: the settings file's own object,
    shared by every build of the process, is left alone)."""
    add_extension(settings, EXTENSION)
