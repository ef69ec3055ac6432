#!/usr/bin/env bash
# setup.sh [--bench] - installs what building, testing (and with --bench,
# benchmarking) Helhed needs: Debian packages through apt-get when run as
# root, npm packages through `npm ci` (pinned in package-lock.json).
# Idempotent and quick when everything is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Build and run.
pkgs=(gcc make cmake pkg-config curl ca-certificates
      libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
      zlib1g-dev libexpat1-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core)
# Tests: cmocka, a throwaway PostgreSQL, browser tests, sanitizers, fuzzing, format check.
pkgs+=(libcmocka-dev postgresql clang libclang-rt-14-dev clang-format chromium poppler-utils)
if [ "${1:-}" = "--bench" ]; then
  pkgs+=(wrk nginx-light time)
fi
# Node.js comes from Debian unless the machine already has one.
command -v node >/dev/null || pkgs+=(nodejs)
command -v npm >/dev/null || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian postgresql package starts a cluster on port 5432; Helhed's
  # tests start their own throwaway servers and need none running.
fi

# npm packages, only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
