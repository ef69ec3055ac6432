#!/usr/bin/env bash
# check-format.sh [ROOT] - fails if any C source differs from .clang-format.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
command -v clang-format >/dev/null || { echo "clang-format not installed (apt-get install clang-format)" >&2; exit 1; }
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src tests fuzz tools -name '*.[ch]')
[ -n "$files" ] || { echo "no C files found" >&2; exit 1; }
# shellcheck disable=SC2086
if ! clang-format --dry-run --Werror $files; then
  echo "Formatting differs from .clang-format: run 'make fmt'." >&2
  exit 1
fi
echo "format: $(echo "$files" | wc -l) files clean"
