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

# post TOKEN PATH DATA...: the status; the body in $tmp/body.
post() {
  local t=$1 p=$2
  shift 2
  local args=()
  for d in "$@"; do args+=(--data-urlencode "$d"); done
  curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $t" "${args[@]}" "$HELHED_URL$p"
}
expect_post() { # expect_post STATUS TEXT TOKEN PATH DATA...
  local want=$1 text=$2 got
  shift 2
  got=$(post "$@")
  if [ "$got" != "$want" ]; then bad "POST $2: $got, expected $want"; return; fi
  if [ -n "$text" ] && ! grep -q -- "$text" "$tmp/body"; then bad "POST $2: no '$text'"; return; fi
  ok
}

# A goal on a hand-picked set of departments: shown on the goal card and in
# the goal-achievement form; a refused goal keeps the ticked departments.
goal=(title="Beskæftigelse i to afdelinger" key_figure=outside_labour_share on=depts department=101-1
  department=101-3 baseline_year=2020 target_value=20 target_year=2026)
expect_post 303 "" "$staff" /planer/1/maal "${goal[@]}"
expect 200 "$staff" /planer/1/maal "Afdelingerne Toftegården, Granhøj Vest"
grep -q 'name="department" value="101-3" checked' "$tmp/body" && ok || bad "/planer/1/maal: 101-3 not ticked"
expect 200 "$staff" "/planer/1/maalopfyldelse?aar=2024" "<td>Afdelingerne Toftegården, Granhøj Vest</td>"
expect_post 422 'value="101-4" checked' "$staff" /planer/1/maal title=Fejl key_figure=outside_labour_share on=depts \
  department=101-2 department=101-4 baseline_year=abc target_value=20 target_year=2026
new=$(grep -o 'id="h-nytmaal".*' "$tmp/body") # the new goal's form, as typed
grep -q 'value="101-2" checked' <<<"$new" && ok || bad "refused goal: 101-2 not kept"
grep -q 'value="101-1" checked' <<<"$new" && bad "refused goal: 101-1 ticked" || ok

# Deleting takes two steps: the first post asks, only confirm=1 deletes.
expect 200 "$staff" /planer/1/maal
gid=$(grep -o 'id="g-[0-9]*">Beskæftigelse i to afdelinger' "$tmp/body" | grep -o '[0-9]*' | head -1)
grep -q 'data-confirm="Slet Beskæftigelse i to afdelinger?"' "$tmp/body" && ok || bad "goal delete: no data-confirm"
expect_post 200 "Slet målet »Beskæftigelse i to afdelinger«?" "$staff" /planer/1/maal/slet "id=$gid"
grep -q 'name="confirm" value="1"' "$tmp/body" && ok || bad "goal delete: the confirmation has no confirm=1"
grep -q "href=\"/planer/1/maal#g-$gid\">Fortryd" "$tmp/body" && ok || bad "goal delete: no Fortryd"
expect 200 "$staff" /planer/1/maal "Beskæftigelse i to afdelinger"
expect_post 303 "" "$staff" /planer/1/maal/slet "id=$gid" confirm=1
expect 200 "$staff" /planer/1/maal
grep -q "Beskæftigelse i to afdelinger" "$tmp/body" && bad "goal not deleted after confirm=1" || ok
expect_post 404 "" "$staff" /planer/1/maal/slet "id=$gid"
expect_post 200 "Slet aftalen »" "$staff" /planer/1/aftaler/slet id=1
expect_post 200 "fra teamet?" "$staff" /planer/1/medlemmer/slet id=1
expect_post 200 "Slet samarbejdsaftalen med" "$staff" /planer/1/samarbejde/slet id=1
expect 200 "$staff" /partnere/1 "Kontaktpersoner"
cid=$(grep -o 'kontakter/slet" class="inline" data-confirm="[^"]*"><input[^>]*><input type="hidden" name="id" value="[0-9]*"' \
  "$tmp/body" | head -1 | grep -o '[0-9]*"$' | tr -d '"')
cname=$(grep -o 'data-confirm="Slet [^"?]*' "$tmp/body" | head -1 | sed 's/.*Slet //')
expect_post 200 "Slet kontaktpersonen $cname?" "$staff" /partnere/1/kontakter/slet "id=$cid"
expect 200 "$staff" /planer/1 'data-confirm="Slet '
for p in aftaler medlemmer samarbejde; do
  grep -q "action=\"/planer/1/$p/slet\" class=\"inline\" data-confirm=" "$tmp/body" && ok || bad "/planer/1: $p not confirmed"
done
expect 200 "$national" /partnere/1 "Kontaktpersoner"
grep -q "$cname" "$tmp/body" && ok || bad "contact deleted without confirm=1"
expect 200 "$staff" /planer/1/maal
gid=$(grep -o 'id="g-[0-9]*"' "$tmp/body" | head -1 | grep -o '[0-9]*')
expect_post 404 "" "$national" /planer/1/maal/slet "id=$gid" # a role without the plan's edit routes
expect 200 "$staff" /planer/1/maal "id=\"g-$gid\""

# Budget notes: one per year, stored on the year's lines, shown on the plan;
# a note on a year without amounts is refused and kept.
expect_post 303 "" "$staff" /planer/1/budget action=save year=2024 b-2024-lbf=750000 b-2024-municipality=250000 \
  "n-2024=Forsinket opstart"
expect 200 "$staff" /planer/1/budget 'name="n-2024" id="n-2024" value="Forsinket opstart"'
expect 200 "$national" /planer/1 "Noter til budgettet"
grep -q "<dt>2024</dt><dd>Forsinket opstart</dd>" "$tmp/body" && ok || bad "/planer/1: the year note not shown"
expect_post 422 "Noten for 2025 kan ikke gemmes" "$staff" /planer/1/budget action=save year=2024 year=2025 \
  b-2024-lbf=750000 b-2024-municipality=250000 "n-2025=Uden beløb"
grep -q 'value="Uden beløb" type="text" maxlength="500" class="invalid"' "$tmp/body" && ok || bad "note not kept"

# A refused transition: 422 at the POST with the date and note as typed.
expect_post 422 'id="t-fejl"' "$staff" /planer/1/tilstand to=closed date=2099-01-01 "note=Min note"
grep -q 'value="2099-01-01"' "$tmp/body" && ok || bad "refused transition: date not kept"
grep -q 'id="t-note" name="note" type="text" value="Min note"' "$tmp/body" && ok || bad "refused transition: note not kept"

stop_helhed
echo "plans pages ($kind): $pass passed, $fail failed"
[ "$fail" = 0 ]
