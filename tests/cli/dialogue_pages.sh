#!/usr/bin/env bash
# cli/dialogue_pages.sh HELHED_BIN sqlite|postgres - the steering-dialogue
# pages on both databases: the organisation starts a dialogue and fills it,
# the municipality sets its deadline, returns, records the meeting and
# publishes; every page answers each demo login with the right status and
# scope (another municipality's and another organisation's users get 404,
# roles without the dialogue get 404), refused forms keep what was typed
# with the Danish error by the field, the organisation cannot record the
# meeting (403), and the public pages show only published dialogues, with
# figures and without answers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-dlg-pages.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
db=$(fresh_db_url "$kind" "$tmp")
h() { "$bin" "$@" --db "$db"; }
h demo >/dev/null
h user add aarhus@test.example --name "Aarhus Bruger" --grant municipality:0751 >/dev/null
h user add org102@test.example --name "Org 102" --grant organisation:102 >/dev/null
tok() { h user token "$1" --label pages; }
admin=$(tok admin@helhed.example) national=$(tok national@helhed.example) kommune=$(tok kommune@helhed.example)
org=$(tok boligorganisation@helhed.example) staff=$(tok planmedarbejder@helhed.example)
caretaker=$(tok vicevaert@helhed.example) reader=$(tok laeser@helhed.example)
aarhus=$(tok aarhus@test.example) org102=$(tok org102@test.example)
start_helhed "$bin" "$db" "$tmp/server.log"
get() {
  if [ -n "$1" ]; then curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$HELHED_URL$2"
  else curl -s -o "$tmp/body" -w '%{http_code}' "$HELHED_URL$2"; fi
}
expect() { # expect STATUS TOKEN PATH [TEXT]
  local got
  got=$(get "$2" "$3")
  if [ "$got" != "$1" ]; then bad "$3: $got, expected $1"; return; fi
  if [ -n "${4:-}" ] && ! grep -q -- "$4" "$tmp/body"; then bad "$3: no '$4'"; return; fi
  ok
}
post() { # post TOKEN PATH DATA...: the status; body in $tmp/body, headers in $tmp/head
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
  if [ "$got" != "$want" ]; then bad "POST $2: $got, expected $want $(head -c 300 "$tmp/body")"; return; fi
  if [ -n "$text" ] && ! grep -q -- "$text" "$tmp/body"; then bad "POST $2: no '$text'"; return; fi
  ok
}
location() { grep -i '^location:' "$tmp/head" | tr -d '\r' | sed 's/^[Ll]ocation: *//'; }
body_has() { grep -q -- "$1" "$tmp/body" && ok || bad "$2"; }
body_lacks() { grep -q -- "$1" "$tmp/body" && bad "$2" || ok; }

# A year without a demo dialogue for 101 in København.
year=
for y in 2022 2021 2020 2019 2018; do
  get "$org" "/styringsdialog?aar=$y" >/dev/null
  if grep -q 'name="municipality" value="0101"' "$tmp/body"; then year=$y; break; fi
done
[ -n "$year" ] && ok || { bad "no year to start a dialogue in"; year=2022; }

# The overview for both sides, the start, the deadline.
expect 200 "$org" "/styringsdialog?aar=$year" "Styringsdialog $year"
body_has 'Ikke startet' "the organisation's overview lacks the not-started pair"
expect_post 303 "" "$org" /styringsdialog/start org=101 municipality=0101 "year=$year"
d=$(location)
id=${d##*/}
[[ "$id" =~ ^[0-9]+$ ]] && ok || bad "no dialogue id after starting: $d"
expect 200 "$org" "$d" "Under udarbejdelse"
body_has 'href="/styringsdialog/'"$id"'/pakke"' "$d: no link to the documentation package"
body_lacks 'dlg-step-meeting_held' "$d: the organisation is offered the meeting"
expect_post 303 "" "$org" /styringsdialog/start org=101 municipality=0101 "year=$year"
[ "$(location)" = "$d" ] && ok || bad "starting twice made another dialogue: $(location)"
expect 200 "$kommune" "/styringsdialog?aar=$year" "href=\"/styringsdialog/$id\""
body_has 'name="deadline"' "the municipality has no deadline form"
expect_post 422 'id="deadline-fejl"' "$kommune" /styringsdialog/frister municipality=0101 "year=$year" \
  "deadline=$((year + 1))-02-01" remind_days=20
body_has 'value="20"' "the refused deadline form lost the reminder days"
expect_post 303 "" "$kommune" /styringsdialog/frister municipality=0101 "year=$year" "deadline=$year-12-01" \
  remind_days=20
expect 200 "$kommune" "/styringsdialog?aar=$year" "value=\"$year-12-01\""
expect_post 404 "" "$org" /styringsdialog/frister municipality=0101 "year=$year" "deadline=$year-12-01"
got=$(post "$aarhus" /styringsdialog/frister municipality=0101 "year=$year" "deadline=$year-12-01")
[ "$got" = 403 ] || [ "$got" = 404 ] && ok || bad "aarhus set København's deadline: $got"

# Definitions: a refused one keeps the text.
expect 200 "$org" /styringsdialog/definitioner "Hvornår"
expect_post 422 'Definition om vedligehold' "$org" /styringsdialog/definitioner org=101 question=maintenance \
  "text=Definition om vedligehold" year_from=abc
body_has 'id="year-maintenance-fejl"' "refused definition: no error at the year"
expect_post 303 "" "$org" /styringsdialog/definitioner org=101 question=maintenance \
  "text=Definition om vedligehold CLI" "year_from=$year"
expect 200 "$org" "/styringsdialog/definitioner?aar=$year" "Definition om vedligehold CLI"

# The sheets: a refused item keeps what was typed; then every item of every department.
s="$d/afdelinger/101-1"
expect 200 "$org" "$s" 'name="score_maintenance"'
body_has 'Definition om vedligehold CLI' "$s: the definition is not shown with the question"
body_has 'Tidlig varsling' "$s: no early-warning section"
expect_post 422 'Kladde CLI' "$org" "$s" save=maintenance score_maintenance=7 "just_maintenance=Kladde CLI"
body_has 'id="item-maintenance-fejl"' "refused answer: no error at the item"
items="effective_operation socially_well_functioning physical_state maintenance social contemporary democracy"
depts=$(get "$org" "$d" >/dev/null; grep -o "/styringsdialog/$id/afdelinger/[0-9-]*" "$tmp/body" | sort -u)
for sheet in $depts; do
  args=(save=all)
  for it in $items; do args+=("score_$it=3" "just_$it=Begrundelse CLI $it"); done
  expect_post 303 "" "$org" "$sheet" "${args[@]}"
done
expect 200 "$org" "$s" 'Begrundelse CLI democracy'
expect 200 "$kommune" "$s" 'Begrundelse CLI democracy'
body_lacks 'name="score_maintenance"' "$s: the municipality gets the form"
expect_post 404 "" "$kommune" "$s" save=maintenance score_maintenance=2

# Selection and goals.
expect_post 303 "" "$org" "$d/udvaelgelse/forslag" go=1
confirm=()
expect 200 "$org" "$d/udvaelgelse" "Foreslå ud fra data"
dep=$(grep -o 'name="department" value="[0-9]*"' "$tmp/body" | head -1 | grep -o '[0-9]*' || true)
add=$(grep -o '<option value="[0-9]*">' "$tmp/body" | head -1 | grep -o '[0-9]*' || true)
if [ -z "$dep" ] && [ -n "$add" ]; then
  expect_post 303 "" "$org" "$d/udvaelgelse" action=add "department=$add"
  dep=$add
fi
for sel in $(get "$org" "$d/udvaelgelse" >/dev/null; grep -o 'name="confirm" value="[0-9]*"' "$tmp/body" | grep -o '[0-9]*'); do
  confirm+=("confirm=$sel")
done
expect_post 303 "" "$org" "$d/udvaelgelse" action=confirm "${confirm[@]}"
for sel in $(get "$org" "$d/udvaelgelse" >/dev/null; grep -o 'name="department" value="[0-9]*"' "$tmp/body" | grep -o '[0-9]*'); do
  expect_post 303 "" "$org" "$d/udvaelgelse" action=swot "department=$sel" "strengths=Styrke CLI" \
    "weaknesses=Svaghed CLI" "opportunities=Mulighed CLI" "threats=Trussel CLI"
done
expect 200 "$kommune" "$d/udvaelgelse" "Styrke CLI"
body_lacks 'method="post"' "$d/udvaelgelse: the municipality gets forms"
expect_post 422 'id="target_value-fejl"' "$org" "$d/maal" "title=Mål CLI" key_figure=residents target_value=abc
body_has 'value="Mål CLI"' "refused goal: the title not kept"
expect_post 303 "" "$org" "$d/maal" "title=Mål CLI" key_figure=residents target_value=100
expect 200 "$org" "$d/maal" "Mål CLI"

# The workflow: submit; the organisation cannot hold the meeting; return, resubmit, meeting, publish.
expect_post 303 "" "$org" "$d/tilstand" to=submitted
expect 200 "$org" "$d" "Indsendt"
expect_post 403 "" "$org" "$d/tilstand" to=meeting_held "meeting_date=$year-12-01" "minutes=Forsøg"
expect_post 422 'id="comment-fejl"' "$kommune" "$d/tilstand" to=returned comment=
expect_post 303 "" "$kommune" "$d/tilstand" to=returned "comment=Bemærkning CLI"
expect 200 "$org" "$d" "Bemærkning CLI"
expect_post 303 "" "$org" "$d/tilstand" to=submitted
expect 404 "" "/offentlig/styringsdialog/$id"
expect_post 422 'Referat CLI' "$kommune" "$d/tilstand" to=meeting_held meeting_date= "minutes=Referat CLI"
expect_post 303 "" "$kommune" "$d/tilstand" to=meeting_held "meeting_date=$(date -u +%F)" "minutes=Referat CLI"
expect_post 303 "" "$kommune" "$d/tilstand" to=published
expect 200 "$org" "$d" "Offentliggjort"

# Every page for every login: status and scope.
pages=("$d" "$s" "$d/udvaelgelse" "$d/maal")
for t in "$admin" "$national" "$kommune" "$org"; do
  for p in "${pages[@]}"; do expect 200 "$t" "$p"; done
done
for t in "$aarhus" "$org102" "$staff" "$caretaker" "$reader"; do
  for p in "${pages[@]}"; do expect 404 "$t" "$p"; done
done
expect 404 "$org" "$d/afdelinger/102-1"
for t in "$admin" "$national" "$kommune" "$org" "$aarhus" "$org102"; do expect 200 "$t" "/styringsdialog?aar=$year"; done
for t in "$staff" "$caretaker" "$reader"; do expect 404 "$t" /styringsdialog; done
expect 401 "" /styringsdialog
expect 401 "" "$d"
expect 200 "$aarhus" "/styringsdialog?aar=$year" "Styringsdialog"
body_lacks "href=\"/styringsdialog/$id\"" "aarhus sees København's dialogue"
expect 200 "$org102" "/styringsdialog?aar=$year"
body_lacks "href=\"/styringsdialog/$id\"" "organisation 102 sees 101's dialogue"
expect 200 "$national" "/styringsdialog?aar=$year&kommune=0101" "href=\"/styringsdialog/$id\""
expect 200 "$national" "/styringsdialog?aar=$year&kommune=0751"
body_lacks "href=\"/styringsdialog/$id\"" "the municipality filter shows København in Aarhus"
expect 200 "$org" /styringsdialog/definitioner
expect 200 "$admin" "/styringsdialog/definitioner?org=101"
expect 200 "$kommune" "/styringsdialog/definitioner?org=101&aar=$year" "Definition om vedligehold CLI"
body_lacks 'name="text"' "the municipality gets the definition form"
expect 200 "$national" /styringsdialog/definitioner
expect 404 "$aarhus" "/styringsdialog/definitioner?org=101"
expect 404 "$staff" /styringsdialog/definitioner
expect_post 404 "" "$kommune" /styringsdialog/definitioner org=101 question=maintenance "text=Kommunens tekst" \
  "year_from=$year"
expect 200 "$org" / "Styringsdialog"
expect 200 "$org" /notifikationer "Notifikationer"

# Public pages: published only, figures yes, answers and minutes no.
expect 200 "" /offentlig/styringsdialog "/offentlig/styringsdialog/$id"
expect 200 "" "/offentlig/styringsdialog?kommune=0101" "/offentlig/styringsdialog/$id"
expect 200 "" "/offentlig/styringsdialog/$id" "101-1"
body_has 'dlg-kf' "the public sheet has no key figures"
for secret in "Begrundelse CLI" "Styrke CLI" "Referat CLI" "Bemærkning CLI" "Mål CLI" "Kladde CLI"; do
  body_lacks "$secret" "the public sheet shows '$secret'"
done
expect 404 "" /offentlig/styringsdialog/999999
expect 404 "" /offentlig/styringsdialog/abc
expect_post 303 "" "$org" /styringsdialog/start org=101 municipality=0101 "year=$((year - 1))"
other=$(location)
expect 404 "" "/offentlig/styringsdialog/${other##*/}"

# Last year's goals are followed up on this year's page; deleting a goal takes two steps.
expect_post 303 "" "$org" "$other/maal" "title=Opfølgningsmål CLI"
expect 200 "$org" "$d/maal" "Opfølgningsmål CLI"
body_has 'Uden nøgletal' "$d/maal: the follow-up lacks its status"
expect 200 "$org" "$other/maal" "Opfølgningsmål CLI"
gid=$(grep -o 'name="id" value="[0-9]*"' "$tmp/body" | head -1 | grep -o '[0-9]*')
expect_post 200 "Slet målet" "$org" "$other/maal/slet" "id=$gid"
expect 200 "$org" "$other/maal" "Opfølgningsmål CLI"
expect_post 303 "" "$org" "$other/maal/slet" "id=$gid" confirm=1
expect 200 "$org" "$other/maal"
body_lacks "Opfølgningsmål CLI" "the goal survived its deletion"

# Reminders: a deadline this year within the reminder days shows on the
# organisation's front page, notifications and overview.
now=$(date -u +%Y)
expect_post 303 "" "$kommune" /styringsdialog/frister municipality=0101 "year=$now" "deadline=$now-12-31" remind_days=365
expect 200 "$org" / "Styringsdialog: frister"
expect 200 "$org" /notifikationer "Styringsdialog: frister"
expect 200 "$org" /styringsdialog "Styringsdialog: frister"
expect 200 "$reader" /
body_lacks "Styringsdialog: frister" "the viewer gets dialogue reminders"

stop_helhed
echo "dialogue pages ($kind): $pass passed, $fail failed"
[ "$fail" = 0 ]
