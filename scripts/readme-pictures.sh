#!/usr/bin/env bash
# Renders the README's two pictures into docs/img/:
#   docs/img/architecture.png  the seed topology's architecture (crossfade diagram --svg), drawn by headless Chromium
#   docs/img/drill-report.png  the HTML report of a local drill of the seed (crossfade drill --local --html), screenshot
# Usage: scripts/readme-pictures.sh [TOPOLOGY]   (default examples/seed-active-passive.yaml)
# Needs what ./crossfade drill --local needs, and Chromium (scripts/screenshot-report.sh installs it as root).
# Scratch files go to a temporary folder that is removed at the end; only the two PNGs are written in the repo.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOPOLOGY=${1:-examples/seed-active-passive.yaml}
OUT="$ROOT/docs/img"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT"

# 1. the architecture: the SVG is drawn at its own size (its width and height attributes)
"$ROOT/crossfade" diagram --topology "$TOPOLOGY" --svg "$work/architecture.svg" >/dev/null
size=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$work/architecture.svg" | head -n 1)
if [ -z "$size" ]; then
  echo "readme-pictures: the diagram has no width and height" >&2
  exit 1
fi
# a page around the SVG, so the screenshot is the picture and nothing else
{
  echo '<!DOCTYPE html><html><head><meta charset="utf-8"/><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>'
  cat "$work/architecture.svg"
  echo '</body></html>'
} > "$work/architecture.html"
WINDOW_SIZE=$size "$ROOT/scripts/screenshot-report.sh" "$work/architecture.html" "$OUT/architecture.png" >/dev/null

# 2. a drill report: the seed's region outage, quietly, then its page at a readable width
"$ROOT/crossfade" drill --local --quiet --topology "$TOPOLOGY" --html "$work/drill.html" >"$work/drill.txt" || {
  echo "readme-pictures: the drill failed:" >&2
  cat "$work/drill.txt" >&2
  exit 1
}
WINDOW_SIZE=${REPORT_WINDOW:-1200,1500} "$ROOT/scripts/screenshot-report.sh" "$work/drill.html" "$OUT/drill-report.png" >/dev/null

# smaller files where a lossless optimiser is installed (optional)
if command -v optipng >/dev/null 2>&1; then
  optipng -quiet -o2 "$OUT/architecture.png" "$OUT/drill-report.png"
fi
ls -l "$OUT/architecture.png" "$OUT/drill-report.png" | awk '{print $5, $9}'
