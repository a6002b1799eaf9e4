"""python -m security_headers [nginx|headers] [-s pelicanconf.py]: print the policy."""

from __future__ import annotations

import argparse

from pelican.settings import read_settings

from .policy import headers_file, nginx_snippet

parser = argparse.ArgumentParser(prog="python -m security_headers")
parser.add_argument("format", choices=["nginx", "headers"])
parser.add_argument("-s", "--settings", default="pelicanconf.py")
args = parser.parse_args()
settings = read_settings(args.settings)
print(nginx_snippet(settings) if args.format == "nginx" else headers_file(settings), end="")
