"""YAML for the registry without anchors or aliases: a 300-byte file of nested aliases
("billion laughs") expands to gigabytes in any loader that resolves them; registry files never
need them. The event stream is checked first (parsing events does not expand aliases), then
the document is loaded with libyaml's safe loader."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster, same result


class Refused(ValueError):
    """A construct the registry does not accept; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def load(text: str) -> object:
    """The data of one YAML document. Raises :class:`Refused` for an anchor (&name) or alias
    (*name), and yaml.YAMLError for invalid YAML (the safe loader also refuses
    !!python/… tags)."""
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise Refused(line, f"an alias (*{event.anchor}) repeats other YAML; write the "
                                "value out (anchors and aliases are not accepted)")
        if getattr(event, "anchor", None):
            raise Refused(line, f"an anchor (&{event.anchor}) is not accepted; write the "
                                "values out in full")
        if isinstance(event, yaml.ScalarEvent) and event.style == '"':
            # A double-quoted scalar can write a control character as an escape ("\e",
            # "\v", "\r"), which the check of the file's raw text (text.py) cannot see.
            bad = [c for c in event.value if c not in "\t\n" and (
                ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)]
            if bad:
                raise Refused(line, f"the escape for the control character U+{ord(bad[0]):04X} "
                                    "is not accepted; delete it")
    return yaml.load(text, Loader=_LOADER)
