#!/usr/bin/env bash
# api/run.sh HELHED_BIN sqlite|postgres - serves Helhed on a fresh database
# and runs the API tests (node --test) against it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1 kind=$2
tmp=$(mktemp -d /tmp/helhed-api.XXXXXX)
on_exit() {
  local rc=$?
  [ -n "${short_pid:-}" ] && kill "$short_pid" 2>/dev/null
  stop_helhed || true
  if [ "$rc" -ne 0 ] && [ -f "$tmp/server.log" ]; then
    echo "--- api/run.sh failed ($rc); last server log lines:" >&2
    tail -n 40 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
}
trap on_exit EXIT
db=$(fresh_db_url "$kind" "$tmp")
"$bin" demo --db "$db" >/dev/null
"$bin" user add matrix@test.example --name "Matrix Offer" --db "$db" >/dev/null
# A second server on the same database with short session limits.
HELHED_SESSION_IDLE=2 HELHED_SESSION_MAX=5 start_helhed "$bin" "$db" "$tmp/short.log"
short_pid=$HELHED_PID short_url=$HELHED_URL
start_helhed "$bin" "$db" "$tmp/server.log"
echo "$HELHED_PID" >"$tmp/pid"
# The last test sends SIGTERM itself (graceful shutdown with a request in
# flight); the server must then exit 0 on its own.
HELHED_URL=$HELHED_URL HELHED_URL_SHORT=$short_url HELHED_LOG_SHORT="$tmp/short.log" HELHED_BIN=$bin HELHED_DB_URL=$db HELHED_DB_KIND=$kind HELHED_LOG="$tmp/server.log" HELHED_PIDFILE="$tmp/pid" \
  node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs
rc=0
wait "$HELHED_PID" || rc=$?
HELHED_PID=
[ "$rc" -eq 0 ] || { echo "helhed exited with $rc after SIGTERM (expected 0)" >&2; cat "$tmp/server.log" >&2; exit 1; }
grep -q "helhed stopped" "$tmp/server.log" || { echo "no graceful stop in the log" >&2; exit 1; }
