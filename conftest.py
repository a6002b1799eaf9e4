"""Tests import pelicanconf, tests.* and the plugins by name. The plugins are installed
packages (`make`: pip install --editable .), which is all Pelican, tasks.py and pelicanconf.py
rely on (tests/test_build_hygiene.py checks that); this checkout's plugins/ also comes first here
so that tests run this checkout's code even in a virtualenv another checkout installed into."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
for path in (ROOT / "plugins", ROOT):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
