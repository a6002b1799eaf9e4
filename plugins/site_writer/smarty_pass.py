"""Python-Markdown's smarty extension runs a second inline pass with its own twenty patterns
over every text of a document (quotes, dashes, ellipses, angled quotes): the largest cost our
Markdown set-up adds over Pelican's default reading. Every one of those patterns consumes a
quote, `--`, `...`, `<<` or `>>`, so a text with none of them is returned as it came, without
trying the patterns (private_api.skip_inline_pass_without). The HTML is the same byte for byte;
tests/test_smarty_pass.py holds both claims."""

from __future__ import annotations

import re

from markdown.extensions import Extension

from private_api import skip_inline_pass_without

# What each smarty pattern (markdown/extensions/smarty.py) needs in the text to match.
NEEDED = re.compile(r"""['"]|--|\.\.\.|<<|>>""")
EXTENSION = "site_writer.smarty_pass:SmartyPassExtension"


class SmartyPassExtension(Extension):
    """Loaded after smarty (it is added to the end of MARKDOWN's extension_configs)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        if "smarty" in md.treeprocessors:
            skip_inline_pass_without(md, "smarty", NEEDED)


def install(settings: dict) -> None:
    """Add the extension to the MARKDOWN setting (a new dict: the settings file's own object,
    shared by every build of the process, is left alone)."""
    base = settings.get("MARKDOWN") or {}
    if "markdown.extensions.smarty" not in base.get("extension_configs", {}) and \
            "markdown.extensions.smarty" not in base.get("extensions", []):
        return
    add_extension(settings, EXTENSION)


def add_extension(settings: dict, name: str) -> None:
    """Add the extension `name` (module:Class), last, to the MARKDOWN setting, as a new dict:
    the settings file's own object, shared by every build of the process, is left alone."""
    base = settings.get("MARKDOWN") or {}
    configs = base.get("extension_configs", {})
    settings["MARKDOWN"] = {**base, "extension_configs": {**configs, name: {}}}
    if "extensions" in base:  # Pelican's reader appends to this list
        settings["MARKDOWN"]["extensions"] = list(base["extensions"])
