#!/usr/bin/env bash
# cli/report_dialogue.sh HELHED_BIN sqlite|postgres - `helhed report dialogue`
# on the demo database: the documentation package of organisation 101 in
# København as PDF (page 1 and a department's page converted to PNG with
# pdftoppm) and HTML, and usage errors that name the option and what was
# expected. The numbers themselves are checked against the key figures in
# tests/unit/test_dialogue_package.c.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-report-dialogue.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }

db=$(fresh_db_url "$kind" "$tmp")
"$bin" demo --db "$db" >/dev/null
h() { "$bin" "$@" --db "$db"; }

# The demo's dialogue of 101 × 0101: the latest year that has one.
year=""
now=$(date -u +%Y)
for y in $now $((now - 1)) $((now - 2)) $((now - 3)); do
  if h report dialogue --org 101 --municipality 0101 --year "$y" --format html --out "$tmp/probe.html" 2>/dev/null; then
    year=$y
    break
  fi
done
[ -n "$year" ] && ok || { bad "no demo dialogue of 101 × 0101 in $((now - 3))-$now"; echo "report dialogue cli ($kind): $pass passed, $fail failed"; exit 1; }

# PDF: a real A4 PDF with the front matter and a page per department.
h report dialogue --org 101 --municipality 0101 --year "$year" --format pdf --out "$tmp/p.pdf" 2>"$tmp/err" && ok \
  || bad "pdf: $(cat "$tmp/err")"
[ "$(head -c 5 "$tmp/p.pdf")" = "%PDF-" ] && ok || bad "pdf magic"
grep -q "departments, [0-9]* pages" "$tmp/err" && ok || bad "pdf summary line: $(cat "$tmp/err")"
depts=$(sed -n 's/.*), \([0-9]*\) departments.*/\1/p' "$tmp/err")
pages=$(sed -n 's/.* \([0-9]*\) pages$/\1/p' "$tmp/err")
[ "${depts:-0}" -ge 1 ] && [ "${pages:-0}" -gt "${depts:-0}" ] && ok || bad "pages $pages for $depts departments"
if command -v pdfinfo >/dev/null; then
  [ "$(pdfinfo "$tmp/p.pdf" | awk '/^Pages:/ {print $2}')" = "$pages" ] && ok || bad "pdfinfo pages"
  size=$(pdfinfo "$tmp/p.pdf" | awk '/^Page size:/ {print $3 "x" $5}')
  [ "$size" = "595.276x841.89" ] && ok || bad "A4 portrait: $size"
fi
if command -v pdftotext >/dev/null; then
  pdftotext -f 1 -l 1 "$tmp/p.pdf" "$tmp/p1.txt"
  grep -q "STYRINGSDIALOG · DOKUMENTATIONSPAKKE" "$tmp/p1.txt" && ok || bad "page 1 kicker"
  grep -q "Side 1 af $pages" "$tmp/p1.txt" && ok || bad "page footer"
  pdftotext "$tmp/p.pdf" "$tmp/all.txt"
  for s in "Organisationen i kommunen" "Organisationens definitioner" "Vurderinger pr. afdeling" \
    "Afdelinger udvalgt til nærmere dialog" "Mål for $((year + 1))" "Opfølgning på målene fra $((year - 1))" \
    "Planer i organisationens områder" "Afdelingsark" "Afdeling 101-1" "Nøgletal bag vurderingerne"; do
    grep -q "$s" "$tmp/all.txt" && ok || bad "pdf section: $s"
  done
  # The page of the first department's sheet.
  dpage=""
  for i in $(seq 2 "$pages"); do
    if pdftotext -f "$i" -l "$i" "$tmp/p.pdf" - | grep -q "Afdeling 101-1 ·"; then dpage=$i; break; fi
  done
  [ -n "$dpage" ] && ok || bad "no page with the sheet of 101-1"
fi
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 60 -f 1 -l 1 "$tmp/p.pdf" "$tmp/page" && ls "$tmp"/page-*1.png >/dev/null 2>&1 && ok \
    || bad "pdftoppm page 1"
  if [ -n "${dpage:-}" ]; then
    pdftoppm -png -r 60 -f "$dpage" -l "$dpage" "$tmp/p.pdf" "$tmp/dept" && ls "$tmp"/dept-*.png >/dev/null 2>&1 \
      && ok || bad "pdftoppm department page $dpage"
  fi
fi
# To standard output as well.
h report dialogue --org 101 --municipality 0101 --year "$year" --format pdf >"$tmp/stdout.pdf" 2>/dev/null && \
  [ "$(head -c 5 "$tmp/stdout.pdf")" = "%PDF-" ] && ok || bad "pdf to stdout"

# HTML: a standalone Danish document with its CSS inline.
h report dialogue --org 101 --municipality 0101 --year "$year" --format html --out "$tmp/p.html" 2>/dev/null && ok \
  || bad "html"
grep -q '<html lang="da">' "$tmp/p.html" && grep -q "<style>" "$tmp/p.html" && ok || bad "html document"
grep -q "Styringsdialog · dokumentationspakke" "$tmp/p.html" && grep -q 'class="rp-spark"' "$tmp/p.html" && ok \
  || bad "html content"

# Errors: each names the option and what it expected; nothing is written.
expect() { # expect CODE TEXT ARGS...
  local code=$1 want=$2; shift 2
  local rc=0 out
  out=$(h report "$@" 2>&1 >/dev/null) || rc=$?
  if [ "$rc" -eq "$code" ] && [[ "$out" == *"$want"* ]]; then ok; else bad "report $*: $rc $out"; fi
}
expect 2 "expected a report: plan-year or dialogue"
expect 2 "--org ORG is required" dialogue --municipality 0101 --year "$year" --format pdf
expect 2 "--org expects an organisation number" dialogue --org abc --municipality 0101 --year "$year" --format pdf
expect 2 "--municipality CODE is required" dialogue --org 101 --year "$year" --format pdf
expect 2 "--municipality expects a four-digit municipality code, not '101'" dialogue --org 101 --municipality 101 \
  --year "$year" --format pdf
expect 2 "--year Y is required" dialogue --org 101 --municipality 0101 --format pdf
expect 2 "--year expects a year from 1990 to 2100, not '1850'" dialogue --org 101 --municipality 0101 --year 1850 \
  --format pdf
expect 2 "--format is required: pdf or html" dialogue --org 101 --municipality 0101 --year "$year"
expect 2 "--format expects pdf or html, not 'csv'" dialogue --org 101 --municipality 0101 --year "$year" --format csv
expect 2 "unknown option" dialogue --org 101 --municipality 0101 --year "$year" --format pdf --internal
expect 1 "no steering dialogue for organisation 101 in municipality 0101 in 1995" dialogue --org 101 \
  --municipality 0101 --year 1995 --format pdf --out "$tmp/none.pdf"
[ ! -e "$tmp/none.pdf" ] && ok || bad "nothing written for a missing dialogue"
"$bin" report --help | grep -q "report dialogue --org ORG" && ok || bad "help"

echo "report dialogue cli ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
