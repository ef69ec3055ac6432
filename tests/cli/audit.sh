#!/usr/bin/env bash
# cli/audit.sh HELHED_BIN sqlite|postgres - the audit log cannot be quietly
# edited: UPDATE and DELETE are refused, and when someone with the power to
# bypass that (drops the triggers) alters or deletes a row, `helhed audit
# verify` exits 1 naming the first broken row.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-audit.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*" >&2; }

# sql DB_URL STATEMENT: runs SQL directly on the database, as an intruder would.
sql() {
  if [ "$kind" = sqlite ]; then sqlite3 "${1#sqlite:}" "$2"; else psql -q -v ON_ERROR_STOP=1 "$1" -c "$2"; fi
}
bypass() { # the statements that switch the protection off
  if [ "$kind" = sqlite ]; then echo "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
  else echo "ALTER TABLE audit_log DISABLE TRIGGER USER;"; fi
}

fresh() {
  local db
  mkdir -p "$tmp/$1"
  db=$(fresh_db_url "$kind" "$tmp/$1")
  "$bin" demo --db "$db" >/dev/null
  for u in a b c; do
    "$bin" user add "$u@audit.example" --name "Bruger $u" --grant municipality:0101 --db "$db" >/dev/null
  done
  echo "$db"
}

db=$(fresh one)
out=$("$bin" audit verify --db "$db") && [[ "$out" =~ ^audit\ log\ intact:\ [0-9]+\ rows ]] && ok || bad "intact log: $out"
sql "$db" "UPDATE audit_log SET outcome = 'x' WHERE id = 3" 2>/dev/null && bad "UPDATE was allowed" || ok
sql "$db" "DELETE FROM audit_log WHERE id = 3" 2>/dev/null && bad "DELETE was allowed" || ok
"$bin" audit verify --db "$db" >/dev/null && ok || bad "refused edits left the log broken"

# Altering a row (after bypassing the protection) is found and named.
sql "$db" "$(bypass) UPDATE audit_log SET outcome = 'failure' WHERE id = 3;" >/dev/null
rc=0; err=$("$bin" audit verify --db "$db" 2>&1) || rc=$?
[ "$rc" -eq 1 ] && [ "$err" = "helhed: audit log broken: row 3 was altered: its content does not match its hash" ] \
  && ok || bad "altered row: exit $rc, $err"

# Deleting a row is found too.
db=$(fresh two)
sql "$db" "$(bypass) DELETE FROM audit_log WHERE id = 2;" >/dev/null
rc=0; err=$("$bin" audit verify --db "$db" 2>&1) || rc=$?
[ "$rc" -eq 1 ] && [[ "$err" == *"row 2 is missing"* ]] && ok || bad "deleted row: exit $rc, $err"

# Rewriting a row together with its own hash breaks the next row's link.
db=$(fresh three)
sql "$db" "$(bypass) UPDATE audit_log SET hash = '$(printf '%064d' 0)' WHERE id = 2;" >/dev/null
rc=0; err=$("$bin" audit verify --db "$db" 2>&1) || rc=$?
[ "$rc" -eq 1 ] && [[ "$err" == *"row 2 was altered"* || "$err" == *"row 3 does not continue the chain"* ]] \
  && ok || bad "rehashed row: exit $rc, $err"

echo "audit ($kind): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
