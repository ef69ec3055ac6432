# tests/lib.sh - shared shell helpers for the CTest scripts (sourced).
# Everything listens on 127.0.0.1 only and is stopped by the caller's trap.

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# start_helhed BIN DB_URL LOG: starts `helhed serve` on a free port and waits
# until /healthz answers. Sets HELHED_PID and HELHED_URL.
start_helhed() {
  local bin=$1 db=$2 log=$3 port
  port=$(free_port) || return 1
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --threads 2 >>"$log" 2>&1 &
  HELHED_PID=$!
  HELHED_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -fsS "$HELHED_URL/healthz" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$HELHED_PID" 2>/dev/null; then
      echo "helhed exited during start-up; log:" >&2
      cat "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "helhed did not answer /healthz within 10 s; log:" >&2
  cat "$log" >&2
  return 1
}

# stop_helhed: SIGTERM and wait; fails unless helhed exits 0 (graceful).
stop_helhed() {
  [ -n "${HELHED_PID:-}" ] || return 0
  kill -TERM "$HELHED_PID" 2>/dev/null || true
  local rc=0
  wait "$HELHED_PID" || rc=$?
  HELHED_PID=
  if [ "$rc" -ne 0 ]; then
    echo "helhed exited with $rc after SIGTERM (expected 0)" >&2
    return 1
  fi
}

# A fresh database URL for this test: SQLite in TMP, or a new database on the
# throwaway PostgreSQL started by tests/with-postgres.sh.
fresh_db_url() {
  local kind=$1 tmp=$2
  if [ "$kind" = postgres ]; then
    [ -n "${HELHED_TEST_PG:-}" ] || { echo "HELHED_TEST_PG is not set: run under tests/with-postgres.sh" >&2; return 1; }
    local name="t_$(date +%s)_$RANDOM"
    psql -q -v ON_ERROR_STOP=1 "$HELHED_TEST_PG/postgres" -c "CREATE DATABASE $name" >/dev/null || return 1
    echo "$HELHED_TEST_PG/$name"
  else
    echo "sqlite:$tmp/helhed.db"
  fi
}
