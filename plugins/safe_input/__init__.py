"""Input safety shared by every reader of volunteers' files (Markdown, registry YAML, .po).

Not a Pelican plugin of its own: the readers import it (an installed package, as every plugin).

- :mod:`safe_input.text` — reading an input file: size cap, UTF-8, byte-order mark, control
  characters, NFC.
- :mod:`safe_input.sanitiser` — the one HTML allowlist (nh3) every piece of HTML from a
  contributor passes through, and what it would remove.
- :mod:`safe_input.slugs` — the one slug function and character set.
- :mod:`safe_input.urls` — URL fields and local paths (must stay inside content/).
- :mod:`safe_input.yaml_safe` — YAML without anchors or aliases.
- :mod:`safe_input.dates` — how far ahead of the build a recorded date may lie.
- :mod:`safe_input.walk` — listing a built folder without following a link out of it.
"""


def register() -> None:
    """Nothing to connect: the modules are used by the readers."""
