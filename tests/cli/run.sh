#!/usr/bin/env bash
# cli/run.sh HELHED_BIN - the command line: help, exit codes (0 ok, 1 runtime,
# 2 usage), options by flag and environment, and the bad-input messages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bin=$1
tmp=$(mktemp -d /tmp/helhed-cli.XXXXXX)
trap 'stop_helhed || true; [ -n "${other:-}" ] && kill "$other" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME CODE PATTERN CMD... : runs CMD, checks its exit code and that
# stdout+stderr match the extended regular expression PATTERN.
expect() {
  local name=$1 code=$2 pattern=$3; shift 3
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" -eq "$code" ] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'FAIL %s: exit %s (want %s), output:\n%s\n' "$name" "$rc" "$code" "$out" >&2
  fi
}
# lines NAME N CMD... : CMD's stderr has exactly N lines.
lines() {
  local name=$1 n=$2; shift 2
  local got
  got=$("$@" 2>&1 >/dev/null | wc -l) || true
  if [ "$got" -eq "$n" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL $name: $got stderr lines, want $n" >&2; fi
}

db="sqlite:$tmp/cli.db"
expect "version" 0 '^helhed [0-9]+\.[0-9]+\.[0-9]+$' "$bin" version
expect "no command" 2 'Usage: helhed COMMAND' "$bin"
expect "help" 0 'serve +serve the web application' "$bin" --help
expect "help command" 0 'Commands:' "$bin" help
for c in serve migrate demo version; do
  expect "$c --help" 0 "Usage: helhed $c" "$bin" "$c" --help
  expect "$c --help lists global options" 0 'HELHED_DB' "$bin" "$c" --help
done
expect "unknown command" 2 "unknown command 'nope'" "$bin" nope
expect "unknown option" 2 "unknown option '--bogus'" "$bin" serve --bogus
expect "stray argument" 2 "unexpected argument 'x'" "$bin" migrate x
expect "option needs value" 2 "option '--db' needs a value" "$bin" migrate --db
# Subcommand options go through one parser (cli_parse): missing values,
# unknown options, stray and surplus arguments, flags.
expect "subcommand option needs value" 2 "helhed: option '--out' needs a value" "$bin" plans export --out
expect "option of another subcommand" 2 "unknown option '--year'" "$bin" warnings events --year 2020
expect "surplus argument" 2 "unexpected argument 'b.csv'" "$bin" import registry a.csv b.csv
expect "user token surplus" 2 "unexpected argument 'y'" "$bin" user token x@example.dk y --label t
expect "flag takes no value" 2 "unexpected argument 'yes'" "$bin" export keyfigures --no-suppression yes
expect "demo microdata value" 2 "--years takes a number from 1 to" "$bin" demo microdata --years 0
expect "bad threads flag" 2 "threads must be an integer from 1 to 256, not '0'" "$bin" --threads 0 version
expect "bad threads env" 2 "threads must be an integer from 1 to 256, not 'many'" env HELHED_THREADS=many "$bin" version
expect "bad demo seed" 2 "--seed takes a non-negative integer" "$bin" demo --db "$db" --seed x

# Databases named by URL.
expect "unknown scheme" 2 "^helhed: unknown database URL scheme 'mysql' \(expected sqlite:PATH or postgres://...\)$" \
  "$bin" migrate --db mysql://localhost/x
lines "unknown scheme is one line" 1 "$bin" migrate --db mysql://localhost/x
port=$(free_port)
expect "unreachable postgres" 1 '^helhed: cannot connect to PostgreSQL: ' "$bin" migrate --db "postgres://nobody@127.0.0.1:$port/x"
lines "unreachable postgres is one line" 1 "$bin" migrate --db "postgres://nobody@127.0.0.1:$port/x"
expect "sqlite in missing folder" 1 "cannot open SQLite database '$tmp/no/such/dir.db'" "$bin" migrate --db "sqlite:$tmp/no/such/dir.db"
expect "migrate" 0 '^database schema at version [0-9]+ \([0-9]+ migrations applied\)$' "$bin" migrate --db "$db"
expect "migrate again" 0 '\(0 migrations applied\)$' "$bin" --db "$db" migrate
expect "db from environment" 0 'migrations applied' env HELHED_DB="sqlite:$tmp/env.db" "$bin" migrate
[ -f "$tmp/env.db" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL HELHED_DB not used" >&2; }
expect "flag overrides environment" 0 'migrations applied' env HELHED_DB="sqlite:$tmp/no/env.db" "$bin" migrate --db="sqlite:$tmp/flag.db"
[ -f "$tmp/flag.db" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL --db= did not override" >&2; }
expect "demo" 0 "^demo data ready in sqlite:$tmp/cli.db \(seed 7\)$" "$bin" demo --db "$db" --seed 7
expect "demo again (refresh)" 0 'demo data ready' "$bin" demo --db "$db" --seed 7

# Users, grants and tokens for scripts and operators.
for c in user audit routes; do expect "$c --help" 0 "Usage: helhed $c" "$bin" "$c" --help; done
expect "user without verb" 2 "user needs a verb" "$bin" user --db "$db"
expect "user add without name" 2 "user add needs EMAIL and --name NAME" "$bin" user add x@example.dk --db "$db"
expect "user add bad grant" 1 "^helhed: scope '9999' of role 'municipality': no municipality has this code$" \
  "$bin" user add x@example.dk --name X --grant municipality:9999 --db "$db"
expect "user add bad role" 1 "unknown role 'boss'" "$bin" user add x@example.dk --name X --grant boss --db "$db"
expect "user add weak password" 1 "Adgangskoden skal være mindst 12 tegn lang" \
  sh -c "echo short | '$bin' user add y@example.dk --name Y --password-stdin --db '$db'"
expect "user add generated password" 0 '^user ops@example.dk created; temporary password: [A-Za-z0-9_-]{16} \(must be changed' \
  "$bin" user add ops@example.dk --name "Drift" --admin --db "$db"
expect "user add from stdin" 0 '^user k@example.dk created$' \
  sh -c "echo 'a-long-enough-password' | '$bin' user add k@example.dk --name K --grant municipality:0101,0147 --password-stdin --db '$db'"
expect "user add twice" 1 "a user with email k@example.dk already exists" \
  sh -c "echo 'a-long-enough-password' | '$bin' user add K@example.dk --name K --password-stdin --db '$db'"
expect "user grant" 0 '^granted viewer:organisation=12 k@example.dk$' "$bin" user grant k@example.dk viewer:organisation=12 --db "$db"
expect "user revoke" 0 '^revoked municipality:0147 k@example.dk$' "$bin" user revoke k@example.dk municipality:0147 --db "$db"
expect "user revoke missing" 1 "does not hold municipality:0147" "$bin" user revoke k@example.dk municipality:0147 --db "$db"
expect "user list" 0 'k@example.dk +K +active +municipality:0101 viewer:organisation=12' "$bin" user list --db "$db"
expect "user token alone" 0 '^hh_[A-Za-z0-9_-]{43}$' "$bin" user token k@example.dk --label script --db "$db"
expect "user token unknown" 1 "no user has email nobody@example.dk" "$bin" user token nobody@example.dk --label x --db "$db"
expect "user passwd from stdin" 0 "password changed for k@example.dk" \
  sh -c "echo 'another-long-password' | '$bin' user passwd k@example.dk --db '$db'"
expect "audit verify" 0 '^audit log intact: [0-9]+ rows, hash chain verified$' "$bin" audit verify --db "$db"
expect "routes" 0 '"pattern":"/api/v1/audit","public":false,"roles":\["admin"\]' "$bin" routes

# Serving: bad listen address, port in use, graceful SIGINT.
expect "bad listen" 2 "invalid listen address 'nonsense'" "$bin" serve --db "$db" --listen nonsense
start_helhed "$bin" "$db" "$tmp/serve.log"
busy=${HELHED_URL##*:}
expect "port in use" 1 "cannot listen on 127.0.0.1:$busy: address already in use" \
  env HELHED_LISTEN="127.0.0.1:$busy" "$bin" serve --db "$db"
"$bin" serve --db "$db" --listen "127.0.0.1:$(free_port)" >"$tmp/int.log" 2>&1 &
other=$!
sleep 0.5
kill -INT "$other"
rc=0; wait "$other" || rc=$?; other=
if [ "$rc" -eq 0 ] && grep -q "received SIGINT" "$tmp/int.log"; then pass=$((pass + 1)); else
  fail=$((fail + 1)); echo "FAIL SIGINT: exit $rc" >&2; cat "$tmp/int.log" >&2; fi
stop_helhed && pass=$((pass + 1)) || fail=$((fail + 1))

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
