#!/usr/bin/env bash
# cli/report.sh HELHED_BIN sqlite|postgres - `helhed report plan-year` on the
# demo database: PDF (converted to PNG with pdftoppm), HTML, CSV and XLSX,
# external by default and internal with --internal, and usage errors that
# name the option and what was expected. The numbers themselves are checked
# against their sessions in tests/unit/test_report.c.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-report.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }

db=$(fresh_db_url "$kind" "$tmp")
"$bin" demo --db "$db" >/dev/null
h() { "$bin" "$@" --db "$db"; }
year=$(date -u +%Y)
year=$((year - 1))

# PDF: a real PDF of several A4 pages; page 1 converts to PNG.
h report plan-year --plan 1 --year "$year" --format pdf --out "$tmp/r.pdf" 2>"$tmp/err" && ok || bad "pdf: $(cat "$tmp/err")"
[ "$(head -c 5 "$tmp/r.pdf")" = "%PDF-" ] && ok || bad "pdf magic"
grep -q "pages" "$tmp/err" && ok || bad "pdf summary line: $(cat "$tmp/err")"
if command -v pdfinfo >/dev/null; then
  pages=$(pdfinfo "$tmp/r.pdf" | awk '/^Pages:/ {print $2}')
  [ "${pages:-0}" -ge 2 ] && ok || bad "pdf pages: $pages"
  size=$(pdfinfo "$tmp/r.pdf" | awk '/^Page size:/ {print $3 "x" $5}')
  [ "$size" = "595.276x841.89" ] && ok || bad "A4 portrait: $size"
  grep -q "af $pages" "$tmp/err" || true
fi
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 60 -f 1 -l 1 "$tmp/r.pdf" "$tmp/page" && ls "$tmp"/page-*1.png >/dev/null 2>&1 && ok \
    || bad "pdftoppm page 1"
fi
if command -v pdftotext >/dev/null; then
  pdftotext -f 1 -l 1 "$tmp/r.pdf" "$tmp/p1.txt"
  grep -q "ÅRSRAPPORT TIL LANDSBYGGEFONDEN" "$tmp/p1.txt" && ok || bad "page 1 title"
  grep -q "Side 1 af" "$tmp/p1.txt" && ok || bad "page footer"
  grep -q "Til Landsbyggefonden" "$tmp/p1.txt" && ok || bad "external by default"
fi
# PDF to standard output as well.
h report plan-year --plan 1 --year "$year" --format pdf >"$tmp/stdout.pdf" 2>/dev/null && \
  [ "$(head -c 5 "$tmp/stdout.pdf")" = "%PDF-" ] && ok || bad "pdf to stdout"

# Internal: the team's numbers.
h report plan-year --plan 1 --year "$year" --format html --internal --out "$tmp/i.html" 2>"$tmp/err" && ok \
  || bad "internal html"
grep -q "(team)" "$tmp/err" && ok || bad "internal said: $(cat "$tmp/err")"
grep -q "Internt (alle tal)" "$tmp/i.html" && ok || bad "internal html marks itself"

# HTML: a standalone Danish document with its CSS inline.
h report plan-year --plan 1 --year "$year" --format html --out "$tmp/r.html" 2>/dev/null && ok || bad "html"
grep -q '<html lang="da">' "$tmp/r.html" && grep -q "<style>" "$tmp/r.html" && grep -q "Årsrapport til Landsbyggefonden" \
  "$tmp/r.html" && ok || bad "html content"
grep -q "Til LBF (små tal skjult)" "$tmp/r.html" && ok || bad "html external"

# CSV: table;title;row;column;value with a BOM, every table of the report.
h report plan-year --plan 1 --year "$year" --format csv --out "$tmp/r.csv" 2>/dev/null && ok || bad "csv"
header=$(head -n 1 "$tmp/r.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')
[ "$header" = "table;title;row;column;value" ] && ok || bad "csv header: $header"
for t in plan deltagelse deltagelse_udvikling kategorier fokusomraader aktiviteter koen_alder inddragelse maalopfyldelse beboerroller \
  opsoegende; do
  grep -q "^$t;" "$tmp/r.csv" && ok || bad "csv table $t"
done
grep -q "^deltagelse;Deltagelse i $year;Gange (afholdte);Antal;" "$tmp/r.csv" && ok || bad "csv sessions row"

# XLSX: needs --out; a zip with one sheet per table.
h report plan-year --plan 1 --year "$year" --format xlsx --out "$tmp/r.xlsx" 2>/dev/null && \
  [ "$(head -c 2 "$tmp/r.xlsx")" = PK ] && ok || bad "xlsx"
if command -v unzip >/dev/null; then
  sheets=$(unzip -l "$tmp/r.xlsx" | grep -c "xl/worksheets/sheet" || true)
  [ "$sheets" -ge 10 ] && ok || bad "xlsx sheets: $sheets"
fi

# Errors: each names the option and what it expected; nothing is written.
expect() { # expect CODE TEXT ARGS...
  local code=$1 want=$2; shift 2
  local rc=0 out
  out=$(h report "$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" -eq "$code" ] && [[ "$out" == *"$want"* ]]; then ok; else bad "report $*: $rc $out"; fi
}
expect 2 "expected a report: plan-year"
expect 2 "unknown report 'quarterly'" quarterly
expect 2 "--plan ID is required" plan-year --year "$year" --format pdf
expect 2 "--plan expects a plan number" plan-year --plan x --year "$year" --format pdf
expect 2 "--year Y is required" plan-year --plan 1 --format pdf
expect 2 "--year expects a year from 1990 to 2100, not '20x5'" plan-year --plan 1 --year 20x5 --format pdf
expect 2 "--format is required: pdf, html, csv or xlsx" plan-year --plan 1 --year "$year"
expect 2 "--format expects pdf, html, csv or xlsx, not 'doc'" plan-year --plan 1 --year "$year" --format doc
expect 2 "--format xlsx needs --out FILE" plan-year --plan 1 --year "$year" --format xlsx
expect 2 "unknown option" plan-year --plan 1 --year "$year" --format pdf --colour
expect 1 "no plan with id 999999" plan-year --plan 999999 --year "$year" --format pdf --out "$tmp/none.pdf"
[ ! -e "$tmp/none.pdf" ] && ok || bad "nothing written for an unknown plan"
"$bin" report --help | grep -q "report plan-year" && ok || bad "help"

echo "report cli ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
