"""python -m site_checks OUTPUT_DIR [--settings pelicanconf.py] [--no-html]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.settings import read_settings

from . import run_checks
from .html_validity import ValidatorMissing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_checks", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--no-html", action="store_true", help="skip the Nu HTML Checker")
    args = parser.parse_args(argv)
    try:
        problems = run_checks(args.out_dir, read_settings(args.settings), html=not args.no_html)
    except ValidatorMissing as exc:
        print(f"site checks: {exc}", file=sys.stderr)
        return 2
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.out_dir}", file=sys.stderr)
        return 1
    print(f"site checks passed: {args.out_dir}")
    return 0


sys.exit(main())
