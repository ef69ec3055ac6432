#!/usr/bin/env bash
# cli/dialogue_failures.sh HELHED_BIN - a read that fails is a failure, never
# "none": with a table renamed away under a running server (SQLite), the
# steering-dialogue sheet (page and API) answers 500 instead of a sheet
# without early warning, the admin's definitions page 500 instead of
# "choose an organisation", and the reminders box on the front page says
# the deadlines could not be read instead of showing none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1
tmp=$(mktemp -d /tmp/helhed-dlg-fail.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
file="$tmp/helhed.db" db="sqlite:$tmp/helhed.db"
h() { "$bin" "$@" --db "$db"; }
h demo >/dev/null
org=$(h user token boligorganisation@helhed.example --label fail)
admin=$(h user token admin@helhed.example --label fail)
start_helhed "$bin" "$db" "$tmp/server.log"
expect() { # expect STATUS TOKEN PATH [TEXT]
  local got
  got=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $2" "$HELHED_URL$3")
  if [ "$got" != "$1" ]; then bad "GET $3: $got, expected $1"; return; fi
  if [ -n "${4:-}" ] && ! grep -q -- "$4" "$tmp/body"; then bad "GET $3: no '$4'"; return; fi
  ok
}
sql() { sqlite3 "$file" "$1"; }
dlg=$(sql "SELECT MIN(id) FROM dialogue WHERE org_no = 101 AND municipality_code = '0101'")
dept=$(sql "SELECT MIN(d.id) FROM department d WHERE d.org_no = 101 AND d.municipality_code = '0101'
            AND EXISTS (SELECT 1 FROM warning_status w WHERE w.level = 'department' AND w.unit_id = d.id)")
key=$(sql "SELECT org_no || '-' || department_no FROM department WHERE id = $dept")
[ -n "$dlg" ] && [ -n "$dept" ] || { echo "demo has no dialogue of 101 in 0101 with early warning" >&2; exit 1; }

# Sound first.
expect 200 "$org" "/styringsdialog/$dlg/afdelinger/$dept"
expect 200 "$org" "/api/v1/dialogues/$dlg/departments/$key"
expect 200 "$admin" /styringsdialog/definitioner
expect 200 "$org" /

# The early-warning figures cannot be read: the sheet is not one without
# early warning.
sql "ALTER TABLE warning_figure RENAME TO warning_figure_gone"
expect 500 "$org" "/styringsdialog/$dlg/afdelinger/$dept"
expect 500 "$org" "/api/v1/dialogues/$dlg/departments/$key"
sql "ALTER TABLE warning_figure_gone RENAME TO warning_figure"
expect 200 "$org" "/styringsdialog/$dlg/afdelinger/$dept"

# The dialogues cannot be listed: not "choose an organisation" (404).
sql "ALTER TABLE dialogue_deadline RENAME TO dialogue_deadline_gone"
expect 500 "$admin" /styringsdialog/definitioner
# The reminders cannot be read: the front page stands and says so.
expect 200 "$org" / "Fristerne kunne ikke læses"
sql "ALTER TABLE dialogue_deadline_gone RENAME TO dialogue_deadline"
expect 200 "$admin" /styringsdialog/definitioner

echo "dialogue_failures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
