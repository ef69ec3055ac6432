# shellcheck shell=bash
# bench/lib.sh - shared helpers for the benchmarks (sourced; the HTTP ones
# source tests/lib.sh first for free_port and stop_helhed): tool checks,
# Helhed with a given thread count, nginx serving static files as the
# baseline, and a wrk run that prints "req/s p99_ms". Everything listens on
# 127.0.0.1; the caller's EXIT trap calls stop_helhed and stop_nginx.

# bench_need TOOL...: fails unless every tool is on PATH or in /usr/sbin.
bench_need() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] \
      || { echo "bench: $t missing (make bench installs it)" >&2; return 1; }
  done
}

# serve_helhed BIN DB_URL LOG THREADS: like start_helhed (tests/lib.sh) with
# THREADS worker threads. Sets HELHED_PID and HELHED_URL.
serve_helhed() {
  local bin=$1 db=$2 log=$3 threads=$4 port
  port=$(free_port) || return 1
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" >>"$log" 2>&1 &
  HELHED_PID=$!
  HELHED_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fs "$HELHED_URL/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$HELHED_PID" 2>/dev/null || { echo "bench: helhed exited during start-up:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: helhed did not answer /healthz within 10 s" >&2
  return 1
}

# start_nginx DIR WORKERS PATH TYPE [PATH TYPE]...: nginx on a free port with
# WORKERS workers (keep-alive, an access log line per request like Helhed)
# serving the file $(nginx_file DIR PATH) as the exact location PATH with
# Content-Type TYPE (flat file names, so /planer and /planer/1 can both be
# served). The caller writes the files. Sets NGINX_PID and NGINX_URL.
nginx_file() {
  mkdir -p "$1/www"
  printf '%s/www/%s' "$1" "$(printf '%s' "$2" | tr '/' '_')"
}

start_nginx() {
  local dir=$1 workers=$2 nginx_bin port locations=""
  shift 2
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  while [ $# -ge 2 ]; do
    locations+="    location = $1 { default_type \"$2\"; alias $(nginx_file "$dir" "$1"); }"$'\n'
    shift 2
  done
  mkdir -p "$dir/nginx"
  port=$(free_port) || return 1
  cat >"$dir/nginx.conf" <<CONF
worker_processes $workers;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
daemon off;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log $dir/nginx/access.log;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
$locations  }
}
CONF
  "$nginx_bin" -c "$dir/nginx.conf" -p "$dir/nginx" &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "$NGINX_URL/" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || { echo "bench: nginx exited:" >&2; cat "$dir/nginx/error.log" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: nginx did not answer within 5 s" >&2
  return 1
}

# stop_nginx: stops the nginx started by start_nginx, if any.
stop_nginx() {
  [ -n "${NGINX_PID:-}" ] || return 0
  kill "$NGINX_PID" 2>/dev/null || true
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=
}

# wrk_run OUT URL CONNECTIONS SECONDS [WRK OPTION]...: a 2 s warm-up, then the
# measured run with --latency (its report kept in OUT); prints "req/s p99_ms".
# Fails when any answer was not 2xx (a lost session would otherwise measure
# the login redirect); warns about socket errors (timeouts under load).
wrk_run() {
  local out=$1 url=$2 conns=$3 secs=$4
  shift 4
  wrk -t1 -c"$conns" -d2s "$@" "$url" >/dev/null
  wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" "$url" >"$out"
  if grep -q "Non-2xx" "$out"; then
    echo "bench: non-2xx answers from $url:" >&2
    cat "$out" >&2
    return 1
  fi
  grep "Socket errors" "$out" | sed "s|^ *|bench: $url: |" >&2 || true
  awk '/Requests\/sec:/ {rps=$2}
       / 99%/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
               ms = (u=="us") ? v/1000 : (u=="s") ? v*1000 : v}
       END {printf "%.0f %.3f\n", rps, ms}' "$out"
}
