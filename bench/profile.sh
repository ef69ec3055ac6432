#!/usr/bin/env bash
# bench/profile.sh HELHED_BIN [SECONDS] - a department's profile at national
# scale, signed in: GET /afdelinger/101-1 (the HTML page) and
# GET /api/v1/departments/101-1/keyfigures (its key figures as JSON), each
# under wrk with keep-alive and the session cookie, against nginx serving the
# identical bytes as static files in the same run (wrk sends the same cookie
# to both). Prints req/s and p99 for each and the ratios Helhed/nginx.
# Everything on 127.0.0.1; bounded by SECONDS per run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib.sh"
. "$here/lib.sh"
bin=$1 secs=${2:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_SERVER_THREADS:-2}
bench_need wrk nginx curl
tmp=$(mktemp -d /tmp/helhed-bench-profile.XXXXXX)
chmod 755 "$tmp"
trap 'stop_helhed || true; stop_nginx; rm -rf "$tmp"' EXIT

db="sqlite:$tmp/bench.db"
timeout 600 "$bin" demo --scale national --db "$db" >/dev/null
serve_helhed "$bin" "$db" "$tmp/helhed.log" "$threads"

# Sign in as the organisation's user (the demo login) and keep the cookie.
session=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
            -d '{"email":"boligorganisation@helhed.example","password":"demo-boligorg-helhed"}' \
            "$HELHED_URL/api/v1/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: helhed_session=\([^;]*\).*/\1/p')
[ -n "$session" ] || { echo "bench: login failed" >&2; exit 1; }
cookie="Cookie: helhed_session=$session"

page=/afdelinger/101-1
api=/api/v1/departments/101-1/keyfigures
for p in "$page" "$api"; do
  mkdir -p "$tmp/www$(dirname "$p")"
  curl -fsS -H "$cookie" "$HELHED_URL$p" >"$tmp/www$p"
done
start_nginx "$tmp" "$threads" "$page" "text/html; charset=utf-8" "$api" application/json
for p in "$page" "$api"; do
  cmp -s <(curl -fsS -H "$cookie" "$HELHED_URL$p") <(curl -fsS -H "$cookie" "$NGINX_URL$p") \
    || { echo "bench: the two servers do not serve identical bytes for $p" >&2; exit 1; }
done

printf '\nnational scale (%s departments), signed in; wrk -t1 -c%s -d%ss, keep-alive, %s server threads/workers\n' \
  "$(sqlite3 "$tmp/bench.db" 'SELECT COUNT(*) FROM department' 2>/dev/null || echo '?')" "$conns" "$secs" "$threads"
printf '%-40s %9s %10s %10s %10s %10s %7s\n' path bytes helhed_rps helhed_p99 nginx_rps nginx_p99 ratio
for p in "$page" "$api"; do
  name=$(basename "$p")
  h=$(wrk_run "$tmp/helhed-$name.wrk" "$HELHED_URL$p" "$conns" "$secs" -H "$cookie")
  n=$(wrk_run "$tmp/nginx-$name.wrk" "$NGINX_URL$p" "$conns" "$secs" -H "$cookie")
  read -r h_rps h_p99 <<<"$h"
  read -r n_rps n_p99 <<<"$n"
  awk -v p="$p" -v b="$(wc -c <"$tmp/www$p")" -v hr="$h_rps" -v hp="$h_p99" -v nr="$n_rps" -v np="$n_p99" \
    'BEGIN {printf "%-40s %9d %10d %8.2fms %10d %8.2fms %7.2f\n", p, b, hr, hp, nr, np, hr / nr}'
done
echo "goals: p99 < 10 ms and ratio helhed/nginx >= 0.3"
