#!/bin/sh
# Installs the system packages the build, checks and tests need, only when they are missing.
#
# `install-system-deps.sh build`: only what `make build` needs: PyICU (each language's
# collation) is built from source against Debian's ICU, so it needs libicu-dev, pkg-config, a C++
# compiler and Python's headers; the build itself checks every catalogue with gettext's
# `msgfmt --check` (and `invoke i18n.extract` merges with msgmerge), so it needs gettext.
#
# Without an argument, also: Debian's chromium
# (browser tests), a Java runtime (the Nu HTML Checker), node/npm (axe-core and vnu.jar from the
# npm registry), rsync (deployment, and the publish tests that deploy to a local folder) and
# hugo (the benchmark's baseline; tests/test_bench.py runs a small benchmark) and newsboat (the
# real feed reader tests/test_feed_reader.py drives with `newsboat -x reload`).
set -e
missing=""
pkg-config --exists icu-i18n 2>/dev/null || missing="$missing libicu-dev pkg-config"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
python_h="$("${PYTHON:-python3}" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h"
[ -f "$python_h" ] || missing="$missing python3-dev"
{ command -v msgfmt && command -v msgmerge; } >/dev/null 2>&1 || missing="$missing gettext"
if [ "$1" != "build" ]; then
    [ -x /usr/bin/chromium ] || missing="$missing chromium"
    command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
    command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
    command -v rsync >/dev/null 2>&1 || missing="$missing rsync"
    command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
    command -v newsboat >/dev/null 2>&1 || missing="$missing newsboat"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages:$missing. Install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "Installing system packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
