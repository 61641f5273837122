#!/usr/bin/env bash
# The French postal codes and their communes (npm package codes-postaux, MIT, built from INSEE's
# Code officiel géographique), for intake's check that a postal code and a city go together.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$HERE/../.." && pwd -P)"
TOOLS_DIR="${SPPLUS_TOOLS_DIR:-$REPO_ROOT/.local/tools}"
VERSION=4.1.2
DEST="$TOOLS_DIR/codes-postaux-$VERSION"
if [[ -s "$DEST/codes-postaux.json" ]]; then
  echo "postal codes: already in $DEST"
  exit 0
fi
mkdir -p "$DEST"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "codes-postaux@$VERSION" >/dev/null 2>&1 && tar xzf "codes-postaux-$VERSION.tgz")
cp "$tmp/package/codes-postaux.json" "$tmp/package/LICENSE" "$DEST/"
echo "postal codes: fetched into $DEST"
