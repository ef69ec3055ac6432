#!/usr/bin/env bash
# bench/profile.sh HELHED_BIN [SECONDS] - a department's profile at national
# scale, signed in as the organisation's demo user: GET /afdelinger/101-1 (the
# HTML page) and GET /api/v1/departments/101-1/keyfigures (its key figures as
# JSON), against nginx serving the identical bytes (bench/signed_in.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/signed_in.sh" "$1" "${2:-10}" boligorganisation@helhed.example demo-boligorg-helhed \
  /afdelinger/101-1 /api/v1/departments/101-1/keyfigures
echo "goals: p99 < 10 ms and ratio helhed/nginx >= 0.3"
