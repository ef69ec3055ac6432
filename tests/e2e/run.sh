#!/usr/bin/env bash
# e2e/run.sh HELHED_BIN SCREENSHOT_DIR - serves Helhed with demo data and runs
# the browser tests (playwright-core driving Debian's Chromium).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 shots=$2
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$shots"
tmp=$(mktemp -d /tmp/helhed-e2e.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
"$bin" demo --db "sqlite:$tmp/helhed.db" >/dev/null
# Municipality boundaries from the shared test data, when present (never
# committed): the key-figure page then draws its map.
geo="$(cd "$(dirname "$0")/../.." && pwd)/../shared/data/geo/dagi_kommuner_2014.topojson"
if [ -f "$geo" ]; then "$bin" import boundaries "$geo" --db "sqlite:$tmp/helhed.db" >/dev/null; fi
start_helhed "$bin" "sqlite:$tmp/helhed.db" "$tmp/server.log"
HELHED_URL=$HELHED_URL SCREENSHOT_DIR=$shots node --test --test-reporter=spec "$here"/*.test.mjs
stop_helhed
