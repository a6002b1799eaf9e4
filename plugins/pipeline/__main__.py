"""python -m pipeline table | plugins | check [-s pelicanconf.py] | live [-s pelicanconf.py]

table    the README's pipeline table (Markdown), from pipeline.yaml
plugins  the PLUGINS order pipeline.yaml gives
check    compare pipeline.yaml with the receivers Pelican really connects; exit 1 on a difference
live     what Pelican really connects, as JSON (used by tests/test_pipeline.py)
"""

from __future__ import annotations

import argparse
import json
import sys

from . import broken_constraints, differences, live, load, plugins, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["table", "plugins", "check", "live"])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    if args.command == "table":
        print(table(), end="")
    elif args.command == "plugins":
        print("\n".join(plugins()))
    elif args.command == "live":
        print(json.dumps(live(args.settings), indent=1))
    else:
        pipeline = load()
        running = live(args.settings)
        problems = [*differences(pipeline.declared(), running),
                    *broken_constraints(pipeline, running)]
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            return 1
        print("pipeline.yaml matches what Pelican runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
