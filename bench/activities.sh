#!/usr/bin/env bash
# bench/activities.sh HELHED_BIN [SECONDS] [SCALE]... - activities, attendance
# and the yearly report on a demo database (SCALE: default and/or national;
# default: "default"), signed in as the plan team member of plan 1
# (planmedarbejder@helhed.example, plan_staff:1). For each scale:
#
# 1. GET /registrer and GET /registrer/{A} (the phone pages; A = the plan's
#    activity with the most sessions), GET /api/v1/plans/1/attendance?year=Y
#    and GET /api/v1/plans/1/involvement/matrix?year=Y (Y = last year): wrk
#    against Helhed and against nginx serving the identical bytes (the phone
#    form's fresh client token aside), plus Helhed's CPU time per request
#    from /proc/PID/stat over 100 sequential requests.
# 2. POST /api/v1/activities/{A}/sessions under wrk (a Lua script gives each
#    request a fresh client token and a distinct past (date, start time)),
#    against two real baselines in the same run: GET /api/v1/version (the
#    HTTP, session and CSRF floor of the same server) and sqlite3 doing the
#    same inserts (the session row and its count cells) in one transaction
#    per session with Helhed's pragmas, on a copy of the same database.
# 3. `helhed report plan-year --plan 1 --year Y --format F` for pdf, html,
#    csv and xlsx: wall and CPU time, best of 5, against `pdftoppm -r 72` of
#    the same PDF's first page; the PDF's page count from pdfinfo.
#
# Everything on 127.0.0.1, every run bounded by SECONDS; nothing is asserted.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/lib.sh"
. "$here/lib.sh"
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
secs=${2:-8}
shift $(($# >= 2 ? 2 : 1))
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(default)
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_SERVER_THREADS:-2}
email=planmedarbejder@helhed.example
password=demo-plan-helhed
plan=1
bench_need wrk nginx curl sqlite3 pdfinfo pdftoppm
tmp=$(mktemp -d /tmp/helhed-bench-activities.XXXXXX)
chmod 755 "$tmp"
trap 'stop_helhed || true; stop_nginx; rm -rf "$tmp"' EXIT

# cpu_ticks PID: user + system clock ticks of the process so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)

# best_of_5 OUT CMD...: runs CMD five times; prints "wall_s cpu_s" of the
# run with the least wall time (cpu = user + system).
best_of_5() {
  local out=$1 best="" i t
  shift
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >"$out" 2>/dev/null
    t=$(awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$tmp/time")
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN {split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1])}'; then
      best=$t
    fi
  done
  echo "$best"
}

# The phone form carries a fresh client token on every render.
strip_token() { sed 's/name="client_token" value="[^"]*"/name="client_token" value=""/'; }

bench_scale() {
  local scale=$1 db="$tmp/$1.db" t0 t1
  rm -f "$db" "$db"-*
  t0=$(date +%s.%N)
  if [ "$scale" = default ]; then
    timeout 900 "$bin" demo --db "sqlite:$db" >/dev/null
  else
    timeout 900 "$bin" demo --scale "$scale" --db "sqlite:$db" >/dev/null
  fi
  t1=$(date +%s.%N)
  # A quiet copy for the sqlite3 baseline and the reports.
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$db" "$tmp/$scale-copy.db"
  local year act first sessions
  year=$(($(date +%Y) - 1))
  read -r act first sessions < <(sqlite3 -separator ' ' "$db" \
    "SELECT a.id, a.first_date, COUNT(s.id) FROM activity a JOIN activity_session s ON s.activity_id = a.id
     WHERE a.plan_id = $plan AND (a.last_date IS NULL OR a.last_date = '') GROUP BY a.id ORDER BY COUNT(s.id) DESC, a.id LIMIT 1")
  printf '\n== %s demo (%s departments, %s plans, %s sessions; plan %s: %s activities, %s sessions; built in %.1f s)\n' \
    "$scale" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM department')" "$(sqlite3 "$db" 'SELECT COUNT(*) FROM plan')" \
    "$(sqlite3 "$db" 'SELECT COUNT(*) FROM activity_session')" "$plan" \
    "$(sqlite3 "$db" "SELECT COUNT(*) FROM activity WHERE plan_id = $plan")" \
    "$(sqlite3 "$db" "SELECT COUNT(*) FROM activity_session s JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = $plan")" \
    "$(echo "$t1 - $t0" | bc)"
  echo "busy activity: $act (from $first, $sessions sessions); year $year"

  serve_helhed "$bin" "sqlite:$db" "$tmp/helhed-$scale.log" "$threads"
  local login session csrf cookie
  login=$(curl -fsS -D "$tmp/login.h" -H 'Content-Type: application/json' \
            -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$HELHED_URL/api/v1/login")
  session=$(tr -d '\r' <"$tmp/login.h" | sed -n 's/^[Ss]et-[Cc]ookie: helhed_session=\([^;]*\).*/\1/p')
  csrf=$(printf '%s' "$login" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
  [ -n "$session" ] && [ -n "$csrf" ] || { echo "bench: login failed" >&2; return 1; }
  cookie="Cookie: helhed_session=$session"

  # 1. GETs against nginx with the same bytes (nginx matches the path; the
  # query string is ignored there).
  local paths=(/registrer "/registrer/$act" "/api/v1/plans/$plan/attendance?year=$year"
               "/api/v1/plans/$plan/involvement/matrix?year=$year" /api/v1/version)
  local locations=() p loc
  for p in "${paths[@]}"; do
    loc=${p%%\?*}
    curl -fsS -H "$cookie" "$HELHED_URL$p" | strip_token >"$(nginx_file "$tmp" "$loc")"
    case $p in /api/*) locations+=("$loc" application/json) ;; *) locations+=("$loc" "text/html; charset=utf-8") ;; esac
  done
  start_nginx "$tmp" "$threads" "${locations[@]}"
  for p in "${paths[@]}"; do
    cmp -s <(curl -fsS -H "$cookie" "$HELHED_URL$p" | strip_token) <(curl -fsS -H "$cookie" "$NGINX_URL$p") \
      || { echo "bench: the two servers do not serve identical bytes for $p" >&2; return 1; }
  done
  printf 'wrk -t1 -c%s -d%ss, keep-alive, %s server threads/workers; cpu = Helhed CPU per request, 100 sequential requests\n' \
    "$conns" "$secs" "$threads"
  printf '%-48s %7s %10s %10s %10s %10s %7s %8s\n' path bytes helhed_rps helhed_p99 nginx_rps nginx_p99 ratio cpu_ms
  local name h n h_rps h_p99 n_rps n_p99 c0 c1 i
  for p in "${paths[@]}"; do
    name=$(printf '%s' "$p" | tr '/?=' '___')
    c0=$(cpu_ticks "$HELHED_PID")
    for i in $(seq 1 100); do curl -fsS -o /dev/null -H "$cookie" "$HELHED_URL$p"; done
    c1=$(cpu_ticks "$HELHED_PID")
    h=$(wrk_run "$tmp/helhed-$name.wrk" "$HELHED_URL$p" "$conns" "$secs" -H "$cookie")
    n=$(wrk_run "$tmp/nginx-$name.wrk" "$NGINX_URL$p" "$conns" "$secs" -H "$cookie")
    read -r h_rps h_p99 <<<"$h"
    read -r n_rps n_p99 <<<"$n"
    awk -v p="$p" -v b="$(wc -c <"$(nginx_file "$tmp" "${p%%\?*}")")" -v hr="$h_rps" -v hp="$h_p99" -v nr="$n_rps" \
      -v np="$n_p99" -v c="$(((c1 - c0) * 1000 / tck))" \
      'BEGIN {printf "%-48s %7d %10d %8.2fms %10d %8.2fms %7.2f %8.2f\n", p, b, hr, hp, nr, np, hr / nr, c / 100}'
  done
  stop_nginx

  # 2. Sessions through the API. Dates from the activity's first date to
  # yesterday, start times 00:01-05:59 (never :00 or :30, the demo's); each
  # wrk run has its own token prefix and its own range of (date, time).
  local days
  days=$(( ( $(date -u -d "yesterday" +%s) - $(date -u -d "$first" +%s) ) / 86400 ))
  cat >"$tmp/post.lua" <<LUA
local off = tonumber(os.getenv("BENCH_OFFSET"))
local days = $days
local base = os.time({ year = ${first:0:4}, month = tonumber("${first:5:2}"), day = tonumber("${first:8:2}"), hour = 12 })
local n = 0
local slots = {}
for h = 0, 5 do for m = 1, 59 do if m ~= 30 then slots[#slots + 1] = string.format("%02d:%02d", h, m) end end end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-CSRF-Token"] = "$csrf"
request = function()
  local k = off + n
  n = n + 1
  local date = os.date("%Y-%m-%d", base + (k % days) * 86400)
  local st = slots[math.floor(k / days) % #slots + 1]
  local body = string.format('{"date":"%s","start_time":"%s","counts":{"female":{"adult":3,"senior":1},"male":{"child":2}},'
    .. '"new_participants":1,"volunteers":1,"note":"bench","client_token":"bench-%d"}', date, st, k)
  return wrk.format(nil, nil, nil, body)
end
LUA
  local url="$HELHED_URL/api/v1/activities/$act/sessions" before after v p_rps p_p99 posted
  before=$(sqlite3 "$db" "SELECT COUNT(*) FROM activity_session WHERE activity_id = $act")
  c0=$(cpu_ticks "$HELHED_PID")
  BENCH_OFFSET=0 wrk -t1 -c"$conns" -d2s -s "$tmp/post.lua" -H "$cookie" "$url" >"$tmp/post-warm.wrk"
  BENCH_OFFSET=500000 wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$tmp/post.lua" -H "$cookie" "$url" >"$tmp/post.wrk"
  c1=$(cpu_ticks "$HELHED_PID")
  if grep -q "Non-2xx" "$tmp/post-warm.wrk" "$tmp/post.wrk"; then
    echo "bench: non-2xx answers to the session POSTs:" >&2
    cat "$tmp/post.wrk" >&2
    return 1
  fi
  after=$(sqlite3 "$db" "SELECT COUNT(*) FROM activity_session WHERE activity_id = $act")
  posted=$((after - before))
  read -r p_rps p_p99 < <(awk '/Requests\/sec:/ {rps=$2}
       / 99%/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); ms = (u=="us") ? v/1000 : (u=="s") ? v*1000 : v}
       END {printf "%.0f %.3f\n", rps, ms}' "$tmp/post.wrk")
  v=$(wrk_run "$tmp/version.wrk" "$HELHED_URL/api/v1/version" "$conns" "$secs" -H "$cookie")
  stop_helhed

  # The same inserts by sqlite3, one transaction per session, on the copy.
  local nsql=3000 s0 s1 sq_rps
  {
    echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    # distinct (date, start time): day i/1440 after 2000-01-01 (no demo sessions then), minute i%1440
    awk -v n="$nsql" -v act="$act" -v q="'" 'BEGIN {
      for (i = 0; i < n; i++) {
        printf "BEGIN; INSERT INTO activity_session (activity_id, date, start_time, participants, new_participants,"
        printf " volunteers, note, client_token, user_id, user_name, recorded_at) VALUES (%d, date(%s2000-01-01%s, %s+%d days%s),", act, q, q, q, int(i / 1440), q
        printf " %s%02d:%02d%s, 6, 1, 1, %sbench%s, %ssq-%d%s, NULL, %s%s, %s2026-01-01T00:00:00Z%s);", q, int(i / 60) % 24, i % 60, q, q, q, q, i, q, q, q, q, q
        printf " INSERT INTO session_count VALUES ((SELECT MAX(id) FROM activity_session), %sfemale%s, %sadult%s, 3),", q, q, q, q
        printf " ((SELECT MAX(id) FROM activity_session), %sfemale%s, %ssenior%s, 1), ((SELECT MAX(id) FROM activity_session), %smale%s, %schild%s, 2); COMMIT;\n", q, q, q, q, q, q, q, q
      }}'
  } >"$tmp/inserts.sql"
  s0=$(date +%s.%N)
  sqlite3 "$tmp/$scale-copy.db" <"$tmp/inserts.sql" >/dev/null
  s1=$(date +%s.%N)
  [ "$(sqlite3 "$tmp/$scale-copy.db" "SELECT COUNT(*) FROM activity_session WHERE note = 'bench'")" -eq "$nsql" ] \
    || { echo "bench: the sqlite3 baseline did not insert $nsql sessions" >&2; return 1; }
  sq_rps=$(echo "$nsql / ($s1 - $s0)" | bc -l)
  printf '\nPOST /api/v1/activities/%s/sessions: %d sessions/s (p99 %.2f ms, %d stored in the warm-up and the run, CPU %.2f ms per session)\n' \
    "$act" "$p_rps" "$p_p99" "$posted" "$(echo "($c1 - $c0) * 1000 / $tck / $posted" | bc -l)"
  read -r v_rps v_p99 <<<"$v"
  printf '  baseline GET /api/v1/version, same server, same cookie: %d req/s (p99 %.2f ms); ratio %.3f\n' \
    "$v_rps" "$v_p99" "$(echo "$p_rps / $v_rps" | bc -l)"
  printf '  baseline sqlite3, the same inserts, one transaction per session (%d): %.0f sessions/s; ratio %.3f\n' \
    "$nsql" "$sq_rps" "$(echo "$p_rps / $sq_rps" | bc -l)"

  # 3. The yearly report from the copy (without the sessions posted above).
  local f out t pages
  printf '\nhelhed report plan-year --plan %s --year %s (best of 5 by wall time)\n' "$plan" "$year"
  printf '%-28s %10s %9s %9s\n' command bytes wall_s cpu_s
  for f in pdf html csv xlsx; do
    out="$tmp/report.$f"
    t=$(best_of_5 /dev/null "$bin" report plan-year --db "sqlite:$tmp/$scale-copy.db" --plan "$plan" --year "$year" \
          --format "$f" --out "$out")
    read -r wall cpu <<<"$t"
    printf '%-28s %10d %9s %9s\n' "$f" "$(wc -c <"$out")" "$wall" "$cpu"
  done
  pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ {print $2}')
  t=$(best_of_5 /dev/null pdftoppm -r 72 -f 1 -l 1 -png "$tmp/report.pdf" "$tmp/page")
  read -r wall cpu <<<"$t"
  printf '%-28s %10s %9s %9s\n' "pdftoppm -r 72 (page 1)" - "$wall" "$cpu"
  echo "PDF: $pages pages"
}

for s in "${scales[@]}"; do
  bench_scale "$s"
done
echo "no goal yet: recorded in docs/BENCHMARKS.md to compare future changes with"
