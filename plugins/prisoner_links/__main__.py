"""python -m prisoner_links DRAFT.md [-s pelicanconf.py]: the editor's preview."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prisoner_links", description=__doc__)
    parser.add_argument("draft", type=Path, help="a Markdown article or page in any language")
    parser.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    args = parser.parse_args(argv)
    if not args.draft.is_file():
        parser.error(f"{args.draft}: no such file")
    import importlib.util

    if importlib.util.find_spec("natasha") is None:  # the `mentions` extra, not the build's
        print("python -m prisoner_links: the preview's name recognition (natasha) is not "
              "installed; `invoke mentions` installs it, or: .venv/bin/python -m pip install "
              "--require-hashes --no-deps -r requirements-mentions.lock", file=sys.stderr)
        return 2
    from pelican.settings import read_settings

    settings = read_settings(str(args.settings))
    from .preview import preview

    preview(args.draft, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
