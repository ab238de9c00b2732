#!/usr/bin/env bash
# Renders a drill HTML report (crossfade drill --local --html FILE) to a PNG with headless
# Chromium, so the timeline chart can be checked by eye or attached to a ticket.
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png   (WINDOW_SIZE=1200,800 by default)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html OUT.png" >&2
  exit 2
fi
report=$1
out=$2
if [ ! -f "$report" ]; then
  echo "screenshot-report: no such report file: $report" >&2
  exit 2
fi

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "screenshot-report: installing chromium (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
  else
    echo "screenshot-report: needs Chromium; install it (e.g. sudo apt-get install -y chromium)" >&2
    exit 2
  fi
fi

mkdir -p "$(dirname "$out")"
report_abs=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out_abs"

# a throwaway profile and no background services: the page is local and must load nothing else
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$out_abs" --window-size="${WINDOW_SIZE:-1200,800}" \
  "file://$report_abs" >"$profile/chromium.log" 2>&1 || {
    echo "screenshot-report: chromium failed:" >&2
    tail -n 20 "$profile/chromium.log" >&2
    exit 1
  }

if [ ! -s "$out_abs" ]; then
  echo "screenshot-report: chromium wrote no screenshot; its log:" >&2
  tail -n 20 "$profile/chromium.log" >&2
  exit 1
fi
echo "$out_abs"
