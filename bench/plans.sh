#!/usr/bin/env bash
# bench/plans.sh HELHED_BIN [SECONDS] - holistic plans at national scale,
# signed in as the national analyst (who sees every plan): Det Boligsociale
# Danmarkskort (/planer: map, figures and the list of every plan), a plan's
# page, the plan list as JSON and one plan as JSON, against nginx serving the
# identical bytes (bench/signed_in.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/signed_in.sh" "$1" "${2:-10}" national@helhed.example demo-national-helhed \
  /planer /planer/1 /api/v1/plans /api/v1/plans/1
echo "no goal yet: recorded in docs/BENCHMARKS.md to compare future changes with"
