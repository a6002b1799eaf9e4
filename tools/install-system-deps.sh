#!/bin/sh
# Installs the system packages the test suite needs, only when they are missing:
# gettext (msgfmt --check on the catalogues) and Debian's chromium (browser tests).
set -e
missing=""
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages:$missing. Install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "Installing system packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
