#!/usr/bin/env bash
# bench/lists.sh HELHED_BIN [--persons N] - `helhed lists compute` at national
# scale against reading the file with cat and against the same aggregation in
# SQLite and PostgreSQL, all in one run on the same file.
#
# Writes `helhed demo microdata --persons N --years 2` (default N = 5,900,000,
# the national population: 11.8 million rows) into a temporary folder, warms
# the page cache, then times (wall clock, each including process start; the
# short runs best of BENCH_LISTS_REPEAT, default 3):
#   cat       `cat FILE > /dev/null`: reading the bytes, the limit for a reader;
#   helhed    `helhed lists compute --persons FILE --list-year 2025 --out ...`;
#   sqlite3   `.import` into a typed table in a fresh database, then the
#             aggregation of bench/lists_sqlite.sql (times reported apart);
#   postgres  COPY into a table on a throwaway server on 127.0.0.1 (as
#             tests/with-postgres.sh starts it), then bench/lists_postgres.sql.
# Checks that the three give the same values for every area (1e-6), prints
# seconds, peak memory, read rates and ratios, and whether each goal is met:
# helhed >= 5x faster than the faster SQL aggregation (after loading), read
# rate >= 30 % of cat's, peak memory < 1 GB. Everything stops by itself
# (timeouts) and is removed afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/../tests/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
persons=5900000
while [ $# -gt 0 ]; do
  case $1 in
    --persons) persons=$2; shift 2 ;;
    *) echo "usage: bench/lists.sh HELHED_BIN [--persons N]" >&2; exit 2 ;;
  esac
done
repeat=${BENCH_LISTS_REPEAT:-3}
limit=${BENCH_LISTS_TIMEOUT:-1800}
bench_need sqlite3 psql awk
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "bench: PostgreSQL server binaries missing (apt-get install postgresql)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/helhed-bench-lists.XXXXXX)
chmod 755 "$tmp"
run_as=()
pguser=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the postgres system user runs it and
  # owns the folder (for its log and socket); root still writes everywhere.
  run_as=(runuser -u postgres --)
  pguser=postgres
  chown postgres "$tmp"
fi
cleanup() {
  [ -d "$tmp/pg" ] && "${run_as[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# timed NAME CMD...: runs CMD under timeout and /usr/bin/time (for the peak
# resident memory); appends "NAME seconds peak_kb" to $tmp/times, seconds
# from the nanosecond clock.
timed() {
  local name=$1 t0 t1
  shift
  t0=$(date +%s%N)
  timeout "$limit" /usr/bin/time -o "$tmp/time.out" -f "%M" "$@"
  t1=$(date +%s%N)
  echo "$name $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}') $(cat "$tmp/time.out")" >>"$tmp/times"
}
# best NAME: the fastest run of NAME as "seconds peak_kb".
best() { awk -v n="$1" '$1 == n' "$tmp/times" | sort -k2,2n | head -1 | cut -d' ' -f2-; }

file=$tmp/persons.csv
echo "bench: writing $persons persons x 2 years ..." >&2
gen_t0=$(date +%s%N)
"$bin" demo microdata --persons "$persons" --years 2 --seed 1 --out "$file" 2>/dev/null
gen_s=$(awk -v a="$gen_t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
chmod 644 "$file"
bytes=$(wc -c <"$file")
rows=$(($(wc -l <"$file") - 1))
cat "$file" >/dev/null
cat "$file" >/dev/null

: >"$tmp/times"
for _ in $(seq "$repeat"); do
  timed cat sh -c 'cat "$1" >/dev/null' sh "$file"
  timed helhed "$bin" lists compute --persons "$file" --list-year 2025 --out "$tmp/helhed.csv" 2>/dev/null
done
"$bin" lists compute --persons "$file" --list-year 2025 --out "$tmp/helhed1.csv" --threads 1 2>/dev/null
cmp -s "$tmp/helhed.csv" "$tmp/helhed1.csv" || { echo "bench: one and two threads differ" >&2; exit 1; }
for _ in $(seq "$repeat"); do
  timed helhed_1thread "$bin" lists compute --persons "$file" --list-year 2025 --out "$tmp/helhed1.csv" --threads 1 2>/dev/null
done

# SQLite: typed table, .import, then the query.
echo "bench: sqlite3 ..." >&2
cat >"$tmp/sqlite_load.sql" <<SQL
CREATE TABLE persons (year INTEGER, person_id TEXT, area_code TEXT, region_code INTEGER, age INTEGER,
                      outside_labour_fte REAL, convicted INTEGER, basic_education_only INTEGER, in_education INTEGER,
                      taxable INTEGER, gross_income REAL, non_western INTEGER);
.mode csv
.separator ;
.import --skip 1 $file persons
SQL
timed sqlite_import sqlite3 "$tmp/bench.db" <"$tmp/sqlite_load.sql"
got=$(sqlite3 "$tmp/bench.db" "SELECT COUNT(*) FROM persons")
[ "$got" = "$rows" ] || { echo "bench: sqlite3 imported $got rows, expected $rows" >&2; exit 1; }
timed sqlite_query sh -c 'sqlite3 -csv -header "$1" <"$2" >"$3"' sh "$tmp/bench.db" "$here/lists_sqlite.sql" "$tmp/sqlite.csv"
rm -f "$tmp/bench.db"

# PostgreSQL: a throwaway server, COPY, then the query.
echo "bench: postgres ..." >&2
mkdir "$tmp/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp/pg"
"${run_as[@]}" "$pgbin/initdb" -D "$tmp/pg" -U "$pguser" -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
port=$(free_port)
"${run_as[@]}" "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w -t 30 \
  -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$tmp/pg.log" >&2; exit 1; }
pg="postgres://$pguser@127.0.0.1:$port/postgres"
psql -q -v ON_ERROR_STOP=1 "$pg" -c "CREATE TABLE persons (year int, person_id text, area_code text, region_code int,
  age int, outside_labour_fte float8, convicted int, basic_education_only int, in_education int, taxable int,
  gross_income float8, non_western int)"
timed pg_copy psql -q -v ON_ERROR_STOP=1 "$pg" -c "COPY persons FROM '$file' WITH (FORMAT csv, HEADER true, DELIMITER ';')"
psql -q -v ON_ERROR_STOP=1 "$pg" -c "ANALYZE persons"
got=$(psql -qAt "$pg" -c "SELECT COUNT(*) FROM persons")
[ "$got" = "$rows" ] || { echo "bench: COPY loaded $got rows, expected $rows" >&2; exit 1; }
{ echo "\\copy ("; sed -e 's/--.*$//' -e 's/;$//' "$here/lists_postgres.sql"; echo ") TO '$tmp/postgres.csv' WITH (FORMAT csv, HEADER true)"; } \
  | tr '\n' ' ' >"$tmp/pg_query.sql"
echo >>"$tmp/pg_query.sql"
timed pg_query psql -q -v ON_ERROR_STOP=1 "$pg" -f "$tmp/pg_query.sql"

# The same values from all three.
compare() {
  awk -F, -v name="$1" '
    FNR == 1 { next }
    NR == FNR { want[$1] = $0; n++; next }
    {
      m++
      if (!($1 in want)) { print name ": unexpected area " $1; bad++; next }
      split(want[$1], w, ",")
      for (i = 3; i <= 13; i++) {
        if ($i == "" || w[i] == "") { if ($i != w[i]) { print name ": " $1 " column " i ": " $i " vs " w[i]; bad++ } }
        else if ($i - w[i] > 1e-6 || w[i] - $i > 1e-6) { print name ": " $1 " column " i ": " $i " vs " w[i]; bad++ }
      }
    }
    END { if (n != m) { print name ": " m " areas vs " n; bad++ } exit bad > 0 }' "$tmp/helhed.csv" "$2"
}
compare sqlite3 "$tmp/sqlite.csv" || { echo "bench: sqlite3 and helhed disagree" >&2; exit 1; }
compare postgres "$tmp/postgres.csv" || { echo "bench: PostgreSQL and helhed disagree" >&2; exit 1; }
areas=$(($(wc -l <"$tmp/helhed.csv") - 1))

read -r cat_s cat_kb <<<"$(best cat)"
read -r h_s h_kb <<<"$(best helhed)"
read -r h1_s h1_kb <<<"$(best helhed_1thread)"
read -r si_s si_kb <<<"$(best sqlite_import)"
read -r sq_s sq_kb <<<"$(best sqlite_query)"
read -r pc_s _ <<<"$(best pg_copy)"
read -r pq_s _ <<<"$(best pg_query)"
printf '\nlists compute: %s rows (%s persons x 2 data years), %s bytes, %s areas; microdata written in %s s\n' \
  "$rows" "$persons" "$bytes" "$areas" "$gen_s"
printf 'all three agree on every value of every area (within 1e-6)\n'
awk -v b="$bytes" -v c="$cat_s" -v ck="$cat_kb" -v h="$h_s" -v hk="$h_kb" -v h1="$h1_s" -v h1k="$h1_kb" \
    -v si="$si_s" -v sik="$si_kb" -v sq="$sq_s" -v sqk="$sq_kb" -v pc="$pc_s" -v pq="$pq_s" 'BEGIN {
  mb = 1e6
  printf "%-40s %9s %10s %11s\n", "run", "seconds", "peak MB", "MB/s read"
  printf "%-40s %9.3f %10.1f %11.0f\n", "cat FILE > /dev/null", c, ck / 1024, b / mb / c
  printf "%-40s %9.3f %10.1f %11.0f\n", "helhed lists compute (2 threads)", h, hk / 1024, b / mb / h
  printf "%-40s %9.3f %10.1f %11.0f\n", "helhed lists compute (1 thread)", h1, h1k / 1024, b / mb / h1
  printf "%-40s %9.2f %10.1f %11s\n", "sqlite3 .import", si, sik / 1024, ""
  printf "%-40s %9.2f %10.1f %11s\n", "sqlite3 aggregation (after loading)", sq, sqk / 1024, ""
  printf "%-40s %9.2f %10s %11s\n", "PostgreSQL COPY", pc, "server", ""
  printf "%-40s %9.2f %10s %11s\n", "PostgreSQL aggregation (after loading)", pq, "server", ""
  sql = (sq < pq) ? sq : pq
  sqlname = (sq < pq) ? "sqlite3" : "PostgreSQL"
  printf "speed-up over the faster SQL aggregation (%s, %.2f s): %.1fx (goal >= 5x: %s)\n", sqlname, sql, sql / h,
    (sql / h >= 5) ? "met" : "missed"
  printf "speed-up over loading and aggregating: %.1fx sqlite3, %.1fx PostgreSQL\n", (si + sq) / h, (pc + pq) / h
  printf "read rate: %.0f%% of cat (goal >= 30%%: %s)\n", 100 * c / h, (100 * c / h >= 30) ? "met" : "missed"
  printf "peak memory: %.1f MB (goal < 1 GB: %s)\n", hk / 1024, (hk < 1024 * 1024) ? "met" : "missed"
}'
