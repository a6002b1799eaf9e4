"""python -m site_settings [-s pelicanconf.py]: print the README's settings table, made from
every enabled plugin's declarations (plugins/<plugin>/settings.py)."""

from __future__ import annotations

import argparse

from pelican.settings import read_settings

from site_settings import markdown_table, schemas

parser = argparse.ArgumentParser(prog="python -m site_settings", description=__doc__)
parser.add_argument("-s", "--settings", default="pelicanconf.py")
args = parser.parse_args()
print(markdown_table(schemas(read_settings(args.settings)["PLUGINS"])), end="")
