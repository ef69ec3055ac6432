#!/usr/bin/env bash
# bench/import.sh HELHED_BIN - the key-figure import at national scale
# against sqlite3's own CSV import of the same file in the same run.
#
# Builds a national demo database (`helhed demo --scale national`, about
# 7,800 departments), writes a deterministic long-form CSV with a value for
# every department, every key figure in the catalogue and every year from
# BENCH_IMPORT_FROM to BENCH_IMPORT_TO (default 2002-2015, before the demo's
# own 2016-2025, so every row is new: 7,779 x 30 x 14 = 3.27 million rows),
# then times, each including process start:
#   sqlite3   `.import` of the file into a plain table of 7 TEXT columns in a
#             fresh database file (no checks, no indexes): the baseline;
#   helhed    `helhed import keyfigures FILE`: parses, validates every row,
#             upserts into kf_value and refreshes the aggregates;
#   again     the same import once more: validates everything, changes nothing.
# Prints rows/s for each and the ratios helhed/sqlite3. Bounded by timeouts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bin=$1
from=${BENCH_IMPORT_FROM:-2002} to=${BENCH_IMPORT_TO:-2015}
limit=${BENCH_IMPORT_TIMEOUT:-1800}
bench_need sqlite3 awk
tmp=$(mktemp -d /tmp/helhed-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

demo_s='' base_s='' imp_s='' again_s=''
# elapsed SECONDS_VAR CMD...: runs CMD under timeout, stores wall seconds.
elapsed() {
  local var=$1 t0 t1
  shift
  t0=$(date +%s%N)
  timeout "$limit" "$@"
  t1=$(date +%s%N)
  printf -v "$var" '%s' "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
}

db="sqlite:$tmp/helhed.db"
elapsed demo_s "$bin" demo --scale national --db "$db" >/dev/null
"$bin" keyfigures | awk 'NR > 1 {print $1, $2}' >"$tmp/figures.txt"
sqlite3 "$tmp/helhed.db" "SELECT org_no, department_no FROM department ORDER BY org_no, department_no" >"$tmp/departments.txt"

# Every number is a hash of (department, year, figure): the same file in every
# run. Shares have numerator <= denominator; rates and means numerator and
# denominator; the index a value with its weight; amounts (counts) integers.
awk -v y0="$from" -v y1="$to" '
  BEGIN { nf = 0; FS = "[ |]"; print "org_no;department_no;year;key_figure;value;numerator;denominator" }
  FNR == NR { code[nf] = $1; kind[nf++] = $2; next }
  {
    d++
    for (y = y0; y <= y1; y++)
      for (f = 0; f < nf; f++) {
        h = (d * 7919 + y * 104729 + f * 1299709) % 1000003
        den = 20 + h % 980
        k = kind[f]
        if (k == "share")              printf "%s;%s;%d;%s;;%d;%d\n", $1, $2, y, code[f], h % (den + 1), den
        else if (k == "rate_per_1000") printf "%s;%s;%d;%s;;%d;%d\n", $1, $2, y, code[f], h % 97, den
        else if (k == "mean")          printf "%s;%s;%d;%s;;%d;%d\n", $1, $2, y, code[f], den * (100 + h % 400000), den
        else if (k == "index")         printf "%s;%s;%d;%s;%d.%d;;%d\n", $1, $2, y, code[f], 60 + h % 80, h % 10, den
        else                           printf "%s;%s;%d;%s;%d;;\n", $1, $2, y, code[f], 5 + h % 2000
      }
  }' "$tmp/figures.txt" "$tmp/departments.txt" >"$tmp/kf.csv"
file=$tmp/kf.csv
rows=$(($(wc -l <"$file") - 1))
ndept=$(wc -l <"$tmp/departments.txt") nfig=$(wc -l <"$tmp/figures.txt")
before=$(sqlite3 "$tmp/helhed.db" "SELECT COUNT(*) FROM kf_value")

# Baseline: sqlite3's CSV import into a plain table.
elapsed base_s sqlite3 "$tmp/baseline.db" <<SQL
CREATE TABLE kf (org_no TEXT, department_no TEXT, year TEXT, key_figure TEXT, value TEXT, numerator TEXT,
                 denominator TEXT);
.mode csv
.separator ;
.import --skip 1 $file kf
SQL
got=$(sqlite3 "$tmp/baseline.db" "SELECT COUNT(*) FROM kf")
[ "$got" = "$rows" ] || { echo "bench: sqlite3 imported $got rows, expected $rows" >&2; exit 1; }
rm -f "$tmp/baseline.db"

elapsed imp_s "$bin" import keyfigures "$file" --db "$db" >"$tmp/import.out"
grep -q "values: $rows new or changed, 0 unchanged" "$tmp/import.out" \
  || { echo "bench: unexpected import result:" >&2; cat "$tmp/import.out" >&2; exit 1; }
after=$(sqlite3 "$tmp/helhed.db" "SELECT COUNT(*) FROM kf_value")
[ "$after" = $((before + rows)) ] || { echo "bench: kf_value has $after rows, expected $((before + rows))" >&2; exit 1; }
elapsed again_s "$bin" import keyfigures "$file" --db "$db" >"$tmp/again.out"
grep -q "values: 0 new or changed, $rows unchanged" "$tmp/again.out" \
  || { echo "bench: unexpected re-import result:" >&2; cat "$tmp/again.out" >&2; exit 1; }

bytes=$(wc -c <"$file")
printf '\nkey-figure import: %s rows (%s departments x %s figures x years %s-%s), %s bytes; demo --scale national took %s s\n' \
  "$rows" "$ndept" "$nfig" "$from" "$to" "$bytes" "$demo_s"
printf 'kf_value held %s rows before, %s after\n' "$before" "$after"
awk -v r="$rows" -v b="$base_s" -v i="$imp_s" -v a="$again_s" 'BEGIN {
  printf "%-36s %10s %12s %8s\n", "run", "seconds", "rows/s", "ratio"
  printf "%-36s %10.2f %12.0f %8s\n", "sqlite3 .import (baseline)", b, r / b, "1.00"
  printf "%-36s %10.2f %12.0f %8.2f\n", "helhed import keyfigures (new)", i, r / i, b / i
  printf "%-36s %10.2f %12.0f %8.2f\n", "helhed import keyfigures (unchanged)", a, r / a, b / a
  printf "ratio helhed/sqlite3 (rows/s): %.2f new, %.2f unchanged (goal >= 1.0)\n", b / i, b / a
}'
