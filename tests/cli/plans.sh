#!/usr/bin/env bash
# cli/plans.sh HELHED_BIN sqlite|postgres - `helhed plans export` in CSV,
# XLSX and JSON and `helhed plans show` on a database with plans made
# through the API (an organisation creates them, sets a budget and moves
# one through the lifecycle); filters, usage errors, and an output file
# that is written whole or not at all.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-plans.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
check() { # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then ok; else bad "$name"; fi
}

db=$(fresh_db_url "$kind" "$tmp")
"$bin" demo --db "$db" >/dev/null
start_helhed "$bin" "$db" "$tmp/server.log"

# api METHOD PATH [JSON] as the demo organisation (session cookie + CSRF).
login() { # login EMAIL PASSWORD JAR
  curl -fsS -c "$3" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" "$HELHED_URL/api/v1/login" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).csrf_token))'
}
org_csrf=$(login boligorganisation@helhed.example demo-boligorg-helhed "$tmp/org.jar")
nat_csrf=$(login national@helhed.example demo-national-helhed "$tmp/nat.jar")
kom_csrf=$(login kommune@helhed.example demo-kommune-helhed "$tmp/kom.jar")
api() { # api JAR CSRF METHOD PATH [JSON]
  curl -sS -b "$1" -H "X-CSRF-Token: $2" -H 'Content-Type: application/json' -X "$3" \
    ${5:+-d "$5"} "$HELHED_URL$4"
}
id_of() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))'; }

p1=$(api "$tmp/org.jar" "$org_csrf" POST /api/v1/plans \
  '{"name":"Eksportparken; \"nord\"","type":"social","municipality_code":"0101","round":"2011-2014",
    "organisations":[101],"departments":["101-1"],"focus":["Sundhed","Uddannelse"],
    "start_date":"2014-01-01","end_date":"2017-12-31"}' | id_of)
p2=$(api "$tmp/org.jar" "$org_csrf" POST /api/v1/plans \
  '{"name":"Eksport fysisk","type":"physical","municipality_code":"0101","organisations":[101]}' | id_of)
[[ "$p1" =~ ^[0-9]+$ && "$p2" =~ ^[0-9]+$ ]] && ok || bad "plans created through the API ($p1, $p2)"
api "$tmp/org.jar" "$org_csrf" PUT "/api/v1/plans/$p1/budget" \
  '{"lines":[{"year":2014,"source":"lbf","budget_ore":75000050},{"year":2014,"source":"municipality","budget_ore":25000050}]}' \
  >/dev/null
api "$tmp/org.jar" "$org_csrf" POST "/api/v1/plans/$p1/state" '{"to":"prequalification","note":"Sendt"}' >/dev/null
api "$tmp/nat.jar" "$nat_csrf" POST "/api/v1/plans/$p1/state" '{"to":"drafting"}' >/dev/null
api "$tmp/kom.jar" "$kom_csrf" POST "/api/v1/plans/$p1/state" '{"to":"municipal_approval"}' >/dev/null
stop_helhed

h() { "$bin" "$@" --db "$db"; }

# CSV: the columns, one row per plan, amounts in kroner with two decimals.
h plans export --format csv --out "$tmp/plans.csv" 2>/dev/null && ok || bad "csv export"
header=$(head -n 1 "$tmp/plans.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')
want="id;name;type;state;round;municipality_code;municipality_name;region_code;organisations;start_date;end_date;focus;budget_kr;lbf_kr;spent_kr;lbf_share_pct"
[ "$header" = "$want" ] && ok || bad "csv header: $header"
row=$(grep -E "^$p1;" "$tmp/plans.csv" | tr -d '\r')
[[ "$row" == "$p1;\"Eksportparken; \"\"nord\"\"\";social;municipal_approval;2011-2014;0101;"* ]] && ok || bad "csv row: $row"
[[ "$row" == *";2014-01-01;2017-12-31;Sundhed · Uddannelse;1000001,00;750000,50;0,00;75,00" ]] && ok || bad "csv amounts: $row"
grep -qE "^$p2;Eksport fysisk;physical;idea;;0101;" "$tmp/plans.csv" && ok || bad "csv second plan"

# JSON: parses, the same plans as the CSV.
h plans export --format json --out "$tmp/plans.json" 2>/dev/null && ok || bad "json export"
node -e '
  const rows = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const csv = require("fs").readFileSync(process.argv[2], "utf8").trim().split("\n").length - 1;
  const p = rows.find((r) => r.id === Number(process.argv[3]));
  if (!Array.isArray(rows) || rows.length !== csv) throw new Error(`rows ${rows.length} vs csv ${csv}`);
  if (p.budget_kr !== 1000001 || p.lbf_kr !== 750000.5 || p.lbf_share_pct !== 75 || p.budget_ore !== 100000100)
    throw new Error(JSON.stringify(p));
  if (p.state !== "municipal_approval" || p.round !== "2011-2014" || p.municipality_code !== "0101") throw new Error(JSON.stringify(p));
' "$tmp/plans.json" "$tmp/plans.csv" "$p1" && ok || bad "json content"
h plans export --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>JSON.parse(s))' \
  && ok || bad "json to standard output"

# XLSX: a zip the table reader opens; needs --out.
h plans export --format xlsx --out "$tmp/plans.xlsx" 2>/dev/null && [ "$(head -c 2 "$tmp/plans.xlsx")" = PK ] && ok \
  || bad "xlsx export"
rc=0; h plans export --format xlsx >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] && ok || bad "xlsx without --out: $rc"
# The importer reads it with the table reader and names the header it found
# (a plan list is no registry file: a column error, not a file error).
out=$(h import registry "$tmp/plans.xlsx" --dry-run 2>&1 || true)
[[ "$out" == *"plans.xlsx, række 1: kolonnen 'org_no' mangler"* ]] && ok || bad "xlsx readable: $out"
# (tests/unit/test_plans_export.c reads every cell back with the table reader.)

# Filters.
n=$(h plans export --type physical --format json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).filter(r=>r.type!=="physical").length))')
[ "$n" = 0 ] && ok || bad "--type physical"
h plans export --state municipal_approval --round 2011-2014 --municipality 0101 | grep -qE "^$p1;" && ok || bad "filters keep p1"
! h plans export --state idea --municipality 0101 | grep -qE "^$p1;" && ok || bad "--state idea drops p1"
rc=0; h plans export --type castle >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] && ok || bad "bad type: $rc"
rc=0; h plans export --format pdf >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 2 ] && ok || bad "bad format: $rc"
rc=0; h plans export --out "$tmp/nowhere/x.csv" >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$tmp/nowhere/x.csv" ] && ok || bad "unwritable out: $rc"

# show: the summary and the history.
out=$(h plans show "$p1")
[[ "$out" == *"state         municipal_approval"* && "$out" == *"prequalification"* && "$out" == *"Sendt"* \
   && "$out" == *"(75.00 %)"* ]] && ok || bad "show: $out"
rc=0; h plans show 999999 >/dev/null 2>&1 || rc=$?; [ "$rc" -eq 1 ] && ok || bad "show missing plan: $rc"
"$bin" plans --help | grep -q "plans export" && ok || bad "help"

echo "plans cli ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
