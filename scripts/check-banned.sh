#!/usr/bin/env bash
# check-banned.sh [ROOT] - fails on functions this project bans in C code
# (unbounded or unchecked: strcpy, strcat, sprintf, vsprintf, strtok, atoi,
# atol, gets), naming file and line of every use.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
pattern='\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|atoll|gets)[[:space:]]*\('
if hits=$(grep -rnE "$pattern" --include='*.c' --include='*.h' src tests fuzz tools); then
  echo "Banned functions (use hh_strlcpy, buf_printf, snprintf, hh_parse_int64 ...):" >&2
  echo "$hits" >&2
  exit 1
fi
echo "banned functions: none in src, tests, fuzz, tools"
