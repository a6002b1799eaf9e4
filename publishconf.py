"""Publishing settings: the public address and strict checks on top of pelicanconf."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://left-prisoners.example.org")
RELATIVE_URLS = False
FEED_SITEURL = SITEURL
WEBSUB_HUB = os.environ.get("WEBSUB_HUB") or None  # e.g. https://pubsubhubbub.appspot.com/
