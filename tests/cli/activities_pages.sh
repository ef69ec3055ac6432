#!/usr/bin/env bash
# cli/activities_pages.sh HELHED_BIN sqlite|postgres - the activity pages on
# both databases: plan staff create an activity and register sessions (a
# repeated client token counts once, a refused form keeps what was typed),
# every page answers in Danish, readers outside the plan team see "<5" and
# no forms, and scope holds: another municipality's user gets 404, a role
# without plan writing has no registration, staff of plan 1 cannot touch
# plan 2.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-act-pages.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
h() { "$bin" "$@" --db "$db"; }
h demo >/dev/null
h user add aarhus@test.example --name "Aarhus Bruger" --grant municipality:0751 >/dev/null
tok() { h user token "$1" --label pages; }
national=$(tok national@helhed.example) kommune=$(tok kommune@helhed.example) reader=$(tok laeser@helhed.example)
staff=$(tok planmedarbejder@helhed.example) aarhus=$(tok aarhus@test.example) admin=$(tok admin@helhed.example)
start_helhed "$bin" "$db" "$tmp/server.log"
get() { curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$HELHED_URL$2"; }
expect() { # expect STATUS TOKEN PATH [TEXT]
  local got
  got=$(get "$2" "$3")
  if [ "$got" != "$1" ]; then bad "$3: $got, expected $1"; return; fi
  if [ -n "${4:-}" ] && ! grep -q -- "$4" "$tmp/body"; then bad "$3: no '$4'"; return; fi
  ok
}
# post TOKEN PATH DATA...: the status; the body in $tmp/body, headers in $tmp/head.
post() {
  local t=$1 p=$2
  shift 2
  local args=()
  for d in "$@"; do args+=(--data-urlencode "$d"); done
  curl -s -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $t" "${args[@]}" "$HELHED_URL$p"
}
expect_post() { # expect_post STATUS TEXT TOKEN PATH DATA...
  local want=$1 text=$2 got
  shift 2
  got=$(post "$@")
  if [ "$got" != "$want" ]; then bad "POST $2: $got, expected $want"; return; fi
  if [ -n "$text" ] && ! grep -q -- "$text" "$tmp/body"; then bad "POST $2: no '$text'"; return; fi
  ok
}
location() { grep -i '^location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: *//'; }

# An activity on plan 1 by its plan staff; a refused one keeps what was typed.
expect_post 422 'value="Uden kategori"' "$staff" /planer/1/aktiviteter/ny "name=Uden kategori" place=Gården
grep -q 'id="categories-fejl"' "$tmp/body" && ok || bad "refused activity: no error at the categories"
expect_post 303 "" "$staff" /planer/1/aktiviteter/ny "name=Gåklub CLI" categories=exercise categories=wellbeing \
  targets=elderly schedule=weekly first_date=2025-01-06 start_time=10:00 status=running responsible_kind=staff \
  "responsible=Sundhedsmedarbejder" channels=flyer
act=$(location | grep -o '/aktiviteter/[0-9]*' | grep -o '[0-9]*')
[ -n "$act" ] && ok || bad "no activity id after creating"
a="/planer/1/aktiviteter/$act"

# Sessions from the phone form: a repeated token counts once.
today=$(date -u +%F)
s1=(date=2025-02-03 start_time=10:00 c_female_senior=3 c_male_senior=1 new_participants=4 volunteers=1 client_token=cli-tok-1)
expect_post 303 "" "$staff" "/registrer/$act" "${s1[@]}"
first=$(location)
expect_post 303 "" "$staff" "/registrer/$act" "${s1[@]}"
[ "$(location)" = "$first" ] && ok || bad "repeated token: $(location) vs $first"
expect 200 "$staff" "$first" "Gemt"
expect_post 422 'value="9"' "$staff" "/registrer/$act" date=2025-02-10 start_time=10:00 c_female_senior=1 \
  new_participants=9 client_token=cli-tok-2
grep -q 'name="client_token" value="cli-tok-2"' "$tmp/body" && ok || bad "refused session: token not kept"
expect_post 422 'Kvinder, 65+ år' "$staff" "/registrer/$act" date=2025-02-10 c_female_senior=abc client_token=cli-tok-3
grep -q 'value="abc"' "$tmp/body" && ok || bad "refused session: the typed count not kept"
expect_post 303 "" "$staff" "/registrer/$act" date=2025-02-10 start_time=10:00 c_female_senior=2 c_male_senior=1 \
  "keys=K17, A-204
B-3" new_participants=0 client_token=cli-tok-4
expect_post 303 "" "$staff" "/registrer/$act" "date=$today" c_female_adult=7 client_token=cli-tok-5

# Every page, as the plan team.
expect 200 "$staff" /planer/1 "Aktiviteter og inddragelse"
grep -q 'href="/planer/1/rapport?aar=' "$tmp/body" && ok || bad "/planer/1: no link to the yearly report"
expect 200 "$staff" /planer/1/aktiviteter "Ny aktivitet"
grep -q "href=\"$a\">Gåklub CLI" "$tmp/body" && ok || bad "the list lacks the new activity"
expect 200 "$staff" "/planer/1/aktiviteter?status=running&kategori=exercise" "Gåklub CLI"
expect 200 "$staff" "/planer/1/aktiviteter?status=stopped&kategori=exercise"
grep -q "Gåklub CLI" "$tmp/body" && bad "filter by status ignored" || ok
expect 200 "$staff" "$a?aar=2025" "Møder og fremmøde 2025"
grep -q 'B-3' "$tmp/body" && ok || bad "$a: the team does not see the keys"
expect 200 "$staff" "$a/rediger" 'value="Gåklub CLI"'
expect 200 "$staff" /registrer "href=\"/registrer/$act\""
expect 200 "$staff" "/registrer/$act" 'name="client_token"'
expect 200 "$staff" /planer/1/inddragelse "Porteføljen"
expect 200 "$staff" /planer/1/opsoegning "Opsøgende arbejde"
expect 200 "$staff" /planer/1/roller "Beboerroller"
expect_post 303 "" "$staff" "$a/inddragelse" year=2025 phase=ideas type=resident_initiative_joint hart=7 \
  "q_involved=Ja"
expect 200 "$staff" "/planer/1/inddragelse?aar=2025" "Porteføljen 2025"
# "Not recorded" is shaded on its own grey scale with its own legend entry.
grep -q 'class="heat-none heat-u[0-4]"' "$tmp/body" && ok || bad "inddragelse: no grey scale for not recorded"
grep -q 'class="heat-none heat-[0-4]"' "$tmp/body" && bad "inddragelse: not recorded on the types' scale" || ok
grep -q 'Ikke registreret (egen skala)' "$tmp/body" && ok || bad "inddragelse: no legend for not recorded"
expect_post 422 "Deltagelsesform" "$staff" "$a/inddragelse" year=2025 phase=planning "q_worked=Det gik godt"
grep -q "Det gik godt" "$tmp/body" && ok || bad "refused involvement: the answer not kept"
expect_post 303 "" "$staff" /planer/1/opsoegning date=2025-03-01 method=door_to_door contacts=14 "note=Blok C"
expect 200 "$staff" "/planer/1/opsoegning?aar=2025" "Blok C"
expect_post 422 'value="Blok D"' "$staff" /planer/1/opsoegning date=2025-03-01 method=door_to_door contacts=0 "note=Blok D"
expect_post 303 "" "$staff" /planer/1/roller year=2025 volunteer=9 ildsjael=3
expect 200 "$staff" "/planer/1/roller?aar=2025" 'value="9"'
expect_post 303 "" "$staff" /planer/1/roller/kurser course_year=2025 kind=budget "title=Budgetkursus CLI" completed=6

# Readers outside the team: "<5" for small person counts, no forms, no keys.
# 12 participants of whom 2 new: "new" is hidden, so "returning" (10) must be
# too, or 12 - 10 gives the 2 away (complementary suppression).
expect_post 303 "" "$staff" "/registrer/$act" date=2025-03-03 start_time=10:00 c_female_adult=12 new_participants=2 \
  client_token=cli-tok-supp
expect 200 "$staff" "$a?aar=2025" "Gåklub CLI"
row=$(grep -o '<tr><th scope="row">3\.3\.2025[^<]*</th>\(<td class="num">[^<]*</td>\)*' "$tmp/body" | head -1)
[ "$(echo "$row" | grep -o '<td class="num">[^<]*</td>' | head -3 | tr -d '\n')" = \
  '<td class="num">12</td><td class="num">2</td><td class="num">10</td>' ] && ok || bad "team row: $row"
expect 200 "$reader" "$a?aar=2025" "Gåklub CLI"
grep -q '&lt;5' "$tmp/body" && ok || bad "$a: the reader sees small counts"
row=$(grep -o '<tr><th scope="row">3\.3\.2025[^<]*</th>\(<td class="num">[^<]*</td>\)*' "$tmp/body" | head -1)
[ "$(echo "$row" | grep -o '<td class="num">[^<]*</td>' | head -3 | tr -d '\n')" = \
  '<td class="num">12</td><td class="num">&lt;5</td><td class="num">x</td>' ] && ok ||
  bad "reader row: new hidden but returning derivable: $row"
grep -q 'B-3' "$tmp/body" && bad "$a: the reader sees participant keys" || ok
grep -q 'method="post"' "$tmp/body" && bad "$a: the reader gets forms" || ok
expect 200 "$national" /planer/1/aktiviteter "Gåklub CLI"
grep -q 'aktiviteter/ny' "$tmp/body" && bad "national offered a new activity" || ok
expect 200 "$national" /planer/1/inddragelse "Porteføljen"
expect 200 "$reader" /planer/1/roller "Beboerroller"

# Scope: another municipality's user, roles without plan writing, plan 2.
for p in /planer/1/aktiviteter "$a" /planer/1/inddragelse /planer/1/opsoegning /planer/1/roller; do
  expect 404 "$aarhus" "$p"
done
expect 404 "$aarhus" "/registrer/$act"
expect 200 "$aarhus" /registrer
grep -q "/registrer/$act\"" "$tmp/body" && bad "aarhus offered plan 1's activity" || ok
expect 404 "$national" /registrer
expect 404 "$national" "$a/rediger"
expect 404 "$reader" "/registrer/$act"
expect 200 "$kommune" "/registrer/$act" 'name="client_token"'
expect_post 303 "" "$admin" /planer/2/aktiviteter/ny "name=Plan 2 CLI" categories=other
other=$(location | grep -o '/planer/2/aktiviteter/[0-9]*')
oid=${other##*/}
expect 404 "$staff" "$other"
expect 404 "$staff" "$other/rediger"
expect 404 "$staff" "/planer/1/aktiviteter/$oid"
expect 404 "$staff" "/planer/1/aktiviteter/$oid/rediger"
expect 404 "$staff" "/registrer/$oid"
expect_post 404 "" "$staff" "/registrer/$oid" date=2025-01-01 c_female_adult=1 client_token=cli-x
expect_post 404 "" "$staff" "/planer/1/aktiviteter/$oid/slet" "id=$oid" confirm=1

# Deleting takes two steps.
expect_post 200 "Slet aktiviteten »Gåklub CLI«" "$staff" "$a/slet" "id=$act"
expect 200 "$staff" "$a"
expect_post 303 "" "$staff" "$a/slet" "id=$act" confirm=1
expect 404 "$staff" "$a"

stop_helhed
echo "activities pages ($kind): $pass passed, $fail failed"
[ "$fail" = 0 ]
