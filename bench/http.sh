#!/usr/bin/env bash
# bench/http.sh HELHED_BIN [SECONDS] - throughput and p99 latency of
# GET /api/v1/municipalities under wrk with keep-alive, against nginx serving
# the identical JSON as a static file in the same run. Prints both and the
# ratio Helhed/nginx. Everything on 127.0.0.1; bounded by SECONDS per run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib.sh"
. "$here/lib.sh"
bin=$1 secs=${2:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_SERVER_THREADS:-2}
bench_need wrk nginx curl
tmp=$(mktemp -d /tmp/helhed-bench.XXXXXX)
chmod 755 "$tmp"
trap 'stop_helhed || true; stop_nginx; rm -rf "$tmp"' EXIT

path=/api/v1/municipalities
db="sqlite:$tmp/bench.db"
"$bin" demo --db "$db" >/dev/null
serve_helhed "$bin" "$db" "$tmp/helhed.log" "$threads"

curl -fsS "$HELHED_URL$path" >"$(nginx_file "$tmp" "$path")"
start_nginx "$tmp" "$threads" "$path" application/json
cmp -s <(curl -fsS "$HELHED_URL$path") <(curl -fsS "$NGINX_URL$path") \
  || { echo "bench: the two servers do not serve identical bytes" >&2; exit 1; }

h=$(wrk_run "$tmp/helhed.wrk" "$HELHED_URL$path" "$conns" "$secs")
n=$(wrk_run "$tmp/nginx.wrk" "$NGINX_URL$path" "$conns" "$secs")
read -r h_rps h_p99 <<<"$h"
read -r n_rps n_p99 <<<"$n"
bytes=$(wc -c <"$(nginx_file "$tmp" "$path")")
printf '\nGET %s (%s bytes), wrk -t1 -c%s -d%ss, keep-alive, %s server threads/workers\n' "$path" "$bytes" "$conns" "$secs" "$threads"
printf '%-8s %12s %12s\n' server req/s p99_ms
printf '%-8s %12s %12s\n' helhed "$h_rps" "$h_p99" nginx "$n_rps" "$n_p99"
awk -v h="$h_rps" -v n="$n_rps" 'BEGIN {printf "ratio helhed/nginx: %.2f (goal >= 0.5)\n", h/n}'
