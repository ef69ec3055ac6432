#!/usr/bin/env bash
# with-postgres.sh CMD ARGS... - runs CMD against a throwaway PostgreSQL:
# initdb in a temporary folder, a free port on 127.0.0.1, fsync off; exports
# HELHED_TEST_PG=postgres://USER@127.0.0.1:PORT (append /DBNAME) and stops
# and removes the server afterwards, whatever CMD does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/helhed-pg.XXXXXX)
chmod 755 "$tmp"
run_as=()
user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root; use the postgres system user.
  chown postgres "$tmp"
  run_as=(runuser -u postgres --)
  user=postgres
fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$tmp/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/pg.log" -w -t 30 \
       -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >/dev/null; then
    break
  fi
  [ "$attempt" -lt 5 ] || { cat "$tmp/pg.log" >&2; exit 1; }
done
export HELHED_TEST_PG="postgres://$user@127.0.0.1:$port"
"$@"
