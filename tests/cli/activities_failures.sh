#!/usr/bin/env bash
# cli/activities_failures.sh HELHED_BIN - a read that fails is a failure,
# never "none": with a table renamed away under a running server (SQLite),
# the registration list, the "as last time" form and the story API answer
# 500 instead of an empty list, an empty form or 404.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1
tmp=$(mktemp -d /tmp/helhed-act-fail.XXXXXX)
trap 'stop_helhed || true; rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }
file="$tmp/helhed.db" db="sqlite:$tmp/helhed.db"
h() { "$bin" "$@" --db "$db"; }
h demo >/dev/null
staff=$(h user token planmedarbejder@helhed.example --label fail)
start_helhed "$bin" "$db" "$tmp/server.log"
code() { # code METHOD PATH [JSON]
  curl -s -o "$tmp/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $staff" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$HELHED_URL$2"
}
expect() { # expect STATUS METHOD PATH [JSON]
  local got
  got=$(code "$2" "$3" "${4:-}")
  [ "$got" = "$1" ] && ok || bad "$2 $3: $got, expected $1"
}
sql() { sqlite3 "$file" "$1"; }
act=$(sql "SELECT MIN(a.id) FROM activity a JOIN activity_session s ON s.activity_id = a.id WHERE a.plan_id = 1")
story=$(sql "SELECT MIN(s.id) FROM activity_story s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = 1")
[ -n "$act" ] && [ -n "$story" ] || { echo "demo has no activity with sessions and stories in plan 1" >&2; exit 1; }

# Sound first.
expect 200 GET /registrer
expect 200 GET "/registrer/$act?som=sidst"

# The plans' focus list cannot be read: the list of activities to register
# on must not come out empty.
sql "ALTER TABLE plan_focus RENAME TO plan_focus_gone"
expect 500 GET /registrer
sql "ALTER TABLE plan_focus_gone RENAME TO plan_focus"
expect 200 GET /registrer

# The participant keys cannot be read: "as last time" must not be an
# empty form.
sql "ALTER TABLE session_participant RENAME TO session_participant_gone"
expect 500 GET "/registrer/$act?som=sidst"
sql "ALTER TABLE session_participant_gone RENAME TO session_participant"
expect 200 GET "/registrer/$act?som=sidst"

# The activities cannot be read: a story is not "not found".
sql "ALTER TABLE activity RENAME TO activity_gone"
expect 500 PUT "/api/v1/stories/$story" '{"in_report":true}'
sql "ALTER TABLE activity_gone RENAME TO activity"
expect 200 PUT "/api/v1/stories/$story" '{"in_report":true}'
expect 404 PUT /api/v1/stories/999999 '{"in_report":true}'

echo "activities_failures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
