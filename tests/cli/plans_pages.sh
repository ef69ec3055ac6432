#!/usr/bin/env bash
# cli/plans_pages.sh HELHED_BIN sqlite|postgres - the plan pages on both
# databases with the demo: every page of a plan answers in Danish, the CSV
# exports have their rows, department and area pages list their plans, and
# scope holds: a plan outside the reader's scope is 404 on every page, a
# transition the reader may not make is 403, a route the role lacks is 404.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-plans-pages.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
h() { "$bin" "$@" --db "$db"; }
h demo >/dev/null
h user add aarhus@test.example --name "Aarhus Bruger" --grant municipality:0751 >/dev/null
tok() { h user token "$1" --label pages; }
national=$(tok national@helhed.example) kommune=$(tok kommune@helhed.example)
staff=$(tok planmedarbejder@helhed.example) aarhus=$(tok aarhus@test.example)
start_helhed "$bin" "$db" "$tmp/server.log"
# get TOKEN PATH: the status; the body in $tmp/body.
get() { curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$HELHED_URL$2"; }
expect() { # expect STATUS TOKEN PATH [TEXT]
  local got
  got=$(get "$2" "$3")
  if [ "$got" != "$1" ]; then bad "$3: $got, expected $1"; return; fi
  if [ -n "${4:-}" ] && ! grep -q -- "$4" "$tmp/body"; then bad "$3: no '$4'"; return; fi
  ok
}

# Every page of plan 1 (Demoparken, København), as the national user.
expect 200 "$national" /planer "Det Boligsociale Danmarkskort"
expect 200 "$national" "/planer?round=2011-2014&focus=Sundhed" "Sundhed"
expect 200 "$national" /planer/1 "Forløb"
grep -q 'class="timeline"' "$tmp/body" && ok || bad "/planer/1: no timeline"
[ "$(grep -o '<li class="tl-' "$tmp/body" | wc -l)" = 9 ] && ok || bad "/planer/1: not nine states"
grep -q 'transition-form' "$tmp/body" && ok || bad "/planer/1: national makes LBF's steps (extension)"
grep -q 'href="/planer/1/rediger"' "$tmp/body" && bad "/planer/1: national reads only" || ok
expect 200 "$national" /planer/1/budget "Landsbyggefonden"
expect 200 "$national" /planer/1/maal "Udgangspunkt"
expect 200 "$national" /planer/1/maalopfyldelse?aar=2024 "Målopfyldelsesskema 2024"
expect 200 "$national" /planer/1/versioner "Version 1"
expect 200 "$national" "/planer/1/versioner?fra=1&til=nu" "Ændringer fra version 1 til planen nu"
expect 200 "$national" /partnere "Partnere"
expect 200 "$national" /partnere/1 "Kontaktpersoner"
expect 200 "$national" /afdelinger/101-1 'href="/planer/1"'
expect 200 "$national" /omraader/BO-0101-1 'href="/planer/1"'
expect 404 "$national" /planer/1/rediger

# CSV: a header and a row per plan the reader sees.
expect 200 "$national" /planer.csv "indsatsområder"
all=$(tail -n +2 "$tmp/body" | grep -c . || true)
[ "$all" -ge 27 ] && ok || bad "/planer.csv: $all plans, expected the 27 of Table 1 and more"
expect 200 "$national" "/planer/1/maalopfyldelse.csv?aar=2024" "fremdrift_pct"

# Scope: Aarhus sees Aarhus's plans only; København's plan 1 does not exist for it.
expect 200 "$aarhus" /planer.csv
mine=$(tail -n +2 "$tmp/body" | grep -c . || true)
[ "$mine" -ge 1 ] && [ "$mine" -lt "$all" ] && ok || bad "aarhus sees $mine of $all plans"
tail -n +2 "$tmp/body" | tr -d '\r' | awk -F';' '$6 != "0751" { bad = 1 } END { exit bad }' && ok ||
  bad "aarhus sees a plan outside Aarhus"
for p in /planer/1 /planer/1/budget /planer/1/maal /planer/1/maalopfyldelse /planer/1/versioner \
  /planer/1/maalopfyldelse.csv /planer/1/rediger; do
  expect 404 "$aarhus" "$p"
done
expect 404 "$staff" /planer/2
expect 200 "$staff" /planer/1/rediger "Redigér planen"

# Visible but not allowed: the municipality may not register LBF's extension.
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $kommune" \
  --data-urlencode "to=extended" "$HELHED_URL/planer/1/tilstand")
[ "$code" = 403 ] && ok || bad "kommune extends plan 1: $code"
grep -q "Handlingen blev afvist" "$tmp/body" && ok || bad "the 403 page is not the Danish one"

stop_helhed
echo "plans pages ($kind): $pass passed, $fail failed"
[ "$fail" = 0 ]
