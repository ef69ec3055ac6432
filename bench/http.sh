#!/usr/bin/env bash
# bench/http.sh HELHED_BIN [SECONDS] - throughput and p99 latency of
# GET /api/v1/municipalities under wrk with keep-alive, against nginx serving
# the identical JSON as a static file in the same run. Prints both and the
# ratio Helhed/nginx. Everything on 127.0.0.1; bounded by SECONDS per run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib.sh"
bin=$1 secs=${2:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_SERVER_THREADS:-2}
for t in wrk nginx curl; do
  command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] || { echo "bench: $t missing (make bench installs it)" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
tmp=$(mktemp -d /tmp/helhed-bench.XXXXXX)
chmod 755 "$tmp"
nginx_pid=
trap 'stop_helhed || true; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

path=/api/v1/municipalities
db="sqlite:$tmp/bench.db"
"$bin" demo --db "$db" >/dev/null
start_helhed "$bin" "$db" "$tmp/helhed.log"
kill "$HELHED_PID"; wait "$HELHED_PID" || true
# Restart with the benchmark's thread count (start_helhed uses 2).
port=$(free_port)
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" >>"$tmp/helhed.log" 2>&1 &
HELHED_PID=$!
HELHED_URL="http://127.0.0.1:$port"
for _ in $(seq 1 50); do curl -fs "$HELHED_URL/healthz" >/dev/null && break; sleep 0.1; done

mkdir -p "$tmp/www$(dirname $path)" "$tmp/nginx"
curl -fsS "$HELHED_URL$path" >"$tmp/www$path"
nport=$(free_port)
cat >"$tmp/nginx.conf" <<CONF
worker_processes $threads;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log $tmp/nginx/access.log;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nport;
    root $tmp/www;
    location = $path { default_type application/json; }
  }
}
CONF
"$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp/nginx" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$nport$path" >/dev/null && break; sleep 0.1; done
cmp -s <(curl -fsS "$HELHED_URL$path") <(curl -fsS "http://127.0.0.1:$nport$path") \
  || { echo "bench: the two servers do not serve identical bytes" >&2; exit 1; }

# run NAME URL: a short warm-up, then the measured run; prints "rps p99_ms".
run() {
  wrk -t1 -c"$conns" -d2s "$2" >/dev/null
  wrk -t1 -c"$conns" -d"${secs}s" --latency "$2" >"$tmp/$1.wrk"
  awk '/Requests\/sec:/ {rps=$2}
       / 99%/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
               ms = (u=="us") ? v/1000 : (u=="s") ? v*1000 : v}
       END {printf "%.0f %.3f\n", rps, ms}' "$tmp/$1.wrk"
}
read -r h_rps h_p99 < <(run helhed "$HELHED_URL$path")
read -r n_rps n_p99 < <(run nginx "http://127.0.0.1:$nport$path")
bytes=$(wc -c <"$tmp/www$path")
printf '\nGET %s (%s bytes), wrk -t1 -c%s -d%ss, keep-alive, %s server threads/workers\n' "$path" "$bytes" "$conns" "$secs" "$threads"
printf '%-8s %12s %12s\n' server req/s p99_ms
printf '%-8s %12s %12s\n' helhed "$h_rps" "$h_p99" nginx "$n_rps" "$n_p99"
awk -v h="$h_rps" -v n="$n_rps" 'BEGIN {printf "ratio helhed/nginx: %.2f (goal >= 0.5)\n", h/n}'
