"""Publishing settings: the public address and strict checks on top of pelicanconf."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://left-prisoners.example.org")
RELATIVE_URLS = False
FEED_SITEURL = SITEURL
WEBSUB_HUB = os.environ.get("WEBSUB_HUB") or None  # e.g. https://pubsubhubbub.appspot.com/
# Drafts (`Status: draft`) are previewed with pelicanconf.py only; a publish never writes them.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
STRICT_WARNINGS = True  # every Pelican warning stops a publish (plugins/build_errors)
# Where `invoke publish` sends output/ with rsync, e.g. "deploy@host:/srv/site/" or a local
# folder. Credentials stay in the SSH agent or ~/.ssh/config, never in this repository.
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")
# Mirror addresses and the onion service, comma-separated, shown on every page's footer.
MIRRORS = [u.strip() for u in os.environ.get("MIRRORS", "").split(",") if u.strip()] or MIRRORS  # noqa: F405
ONION_ADDRESS = os.environ.get("ONION_ADDRESS", ONION_ADDRESS)  # noqa: F405
