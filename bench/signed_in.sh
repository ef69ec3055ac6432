#!/usr/bin/env bash
# bench/signed_in.sh HELHED_BIN SECONDS EMAIL PASSWORD PATH... - pages and API
# answers at national scale, signed in as EMAIL: each PATH under wrk with
# keep-alive and the session cookie, against nginx serving the identical bytes
# as static files in the same run (wrk sends the same cookie to both). Prints
# req/s and p99 for each and the ratios Helhed/nginx. Everything on 127.0.0.1;
# bounded by SECONDS per run. Used by profile.sh and plans.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib.sh"
. "$here/lib.sh"
bin=$1 secs=$2 email=$3 password=$4
shift 4
paths=("$@")
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_SERVER_THREADS:-2}
bench_need wrk nginx curl
tmp=$(mktemp -d /tmp/helhed-bench-signed-in.XXXXXX)
chmod 755 "$tmp"
trap 'stop_helhed || true; stop_nginx; rm -rf "$tmp"' EXIT

db="sqlite:$tmp/bench.db"
timeout 600 "$bin" demo --scale national --db "$db" >/dev/null
serve_helhed "$bin" "$db" "$tmp/helhed.log" "$threads"

session=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
            -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
            "$HELHED_URL/api/v1/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: helhed_session=\([^;]*\).*/\1/p')
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
cookie="Cookie: helhed_session=$session"

# nginx locations: a path's file is its bytes; the type follows /api/.
locations=()
for p in "${paths[@]}"; do
  curl -fsS -H "$cookie" "$HELHED_URL$p" >"$(nginx_file "$tmp" "$p")"
  case $p in /api/*) locations+=("$p" application/json) ;; *) locations+=("$p" "text/html; charset=utf-8") ;; esac
done
start_nginx "$tmp" "$threads" "${locations[@]}"
for p in "${paths[@]}"; do
  cmp -s <(curl -fsS -H "$cookie" "$HELHED_URL$p") <(curl -fsS -H "$cookie" "$NGINX_URL$p") \
    || { echo "bench: the two servers do not serve identical bytes for $p" >&2; exit 1; }
done

printf '\nnational scale (%s departments, %s plans), signed in as %s; wrk -t1 -c%s -d%ss, keep-alive, %s server threads/workers\n' \
  "$(sqlite3 "$tmp/bench.db" 'SELECT COUNT(*) FROM department' 2>/dev/null || echo '?')" \
  "$(sqlite3 "$tmp/bench.db" 'SELECT COUNT(*) FROM plan' 2>/dev/null || echo '?')" "$email" "$conns" "$secs" "$threads"
printf '%-40s %9s %10s %10s %10s %10s %7s\n' path bytes helhed_rps helhed_p99 nginx_rps nginx_p99 ratio
for p in "${paths[@]}"; do
  name=$(printf '%s' "$p" | tr '/' '_')
  h=$(wrk_run "$tmp/helhed-$name.wrk" "$HELHED_URL$p" "$conns" "$secs" -H "$cookie")
  n=$(wrk_run "$tmp/nginx-$name.wrk" "$NGINX_URL$p" "$conns" "$secs" -H "$cookie")
  read -r h_rps h_p99 <<<"$h"
  read -r n_rps n_p99 <<<"$n"
  awk -v p="$p" -v b="$(wc -c <"$(nginx_file "$tmp" "$p")")" -v hr="$h_rps" -v hp="$h_p99" -v nr="$n_rps" -v np="$n_p99" \
    'BEGIN {printf "%-40s %9d %10d %8.2fms %10d %8.2fms %7.2f\n", p, b, hr, hp, nr, np, hr / nr}'
done
