#!/usr/bin/env bash
# bench/warning.sh HELHED_BIN [RUNS] - the early-warning rebuild at national
# scale against one pass of sqlite3 over the same values in the same run.
#
# Builds a national demo database (`helhed demo --scale national`: about
# 7,800 departments, 680 areas, 2016-2025, 2.3 million values), then times,
# each RUNS times (default 3) and including process start:
#   sqlite3   `SELECT COUNT(*), SUM(numerator), SUM(denominator), SUM(value)
#             FROM kf_value`: reading every value once, the least any
#             rebuild from the values can cost (the baseline);
#   helhed    `helhed warnings refresh`: reads the values and the area
#             aggregates, scores every department and area in every year,
#             writes statuses, the figures of the latest year and events, in
#             one transaction. Its own phase times (read, compute, write) are
#             printed too.
# Prints the medians and the ratio helhed/sqlite3. The goal (from the issue)
# is a rebuild of at most 3 s on SQLite.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bin=$1 runs=${2:-3}
bench_need sqlite3 awk
tmp=$(mktemp -d /tmp/helhed-bench-warning.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# wall CMD...: prints the wall seconds CMD took (bounded by 600 s).
wall() {
  local t0 t1
  t0=$(date +%s%N)
  timeout 600 "$@" >>"$tmp/out.log"
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

db="sqlite:$tmp/helhed.db"
echo "building the national demo database ..."
"$bin" demo --scale national --db "$db" >/dev/null
values=$(sqlite3 "$tmp/helhed.db" "SELECT COUNT(*) FROM kf_value")
: >"$tmp/base" && : >"$tmp/helhed"
for _ in $(seq 1 "$runs"); do
  wall sqlite3 "$tmp/helhed.db" "SELECT COUNT(*), SUM(numerator), SUM(denominator), SUM(value) FROM kf_value" >>"$tmp/base"
  wall "$bin" warnings refresh --db "$db" >>"$tmp/helhed"
done
base=$(median <"$tmp/base") helhed=$(median <"$tmp/helhed")
grep '^statuses rebuilt' "$tmp/out.log" | tail -n "$runs" | sed 's/^/  helhed: /'
echo "values: $values"
echo "sqlite3 one pass over kf_value: median ${base} s ($(tr '\n' ' ' <"$tmp/base"))"
echo "helhed warnings refresh:        median ${helhed} s ($(tr '\n' ' ' <"$tmp/helhed"))"
awk -v h="$helhed" -v b="$base" 'BEGIN { printf "ratio helhed/sqlite3: %.2f; goal <= 3 s: %s\n", h / b, h <= 3 ? "met" : "missed" }'
