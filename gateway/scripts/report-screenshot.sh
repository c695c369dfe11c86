#!/usr/bin/env bash
# Screenshot of an audit report page in headless Chromium (Debian package "chromium":
# apt-get install -y chromium). The page is self-contained, so nothing is fetched.
# Usage: gateway/scripts/report-screenshot.sh REPORT.html OUT.png [WIDTHxHEIGHT]
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
png="$2"
size="${3:-1000x1900}"
[ -f "$html" ] || { echo "$0: no such file: $1" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install -y chromium)" >&2; exit 1; }

mkdir -p "$(dirname "$png")"
png_abs="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-extensions --no-first-run --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$png_abs" "file://$html" >/dev/null 2>&1

[ -s "$png_abs" ] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $png_abs"
