#!/usr/bin/env bash
# Headless Chromium for the indicators page's screenshot test (Debian's package).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "chromium: not installed, and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
echo "chromium: installing Debian's package (once)"
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null 2>&1
  $SUDO apt-get install -y --no-install-recommends chromium >/dev/null
}
command -v chromium
