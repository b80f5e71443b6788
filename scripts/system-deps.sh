#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: PostgreSQL (a
# throwaway cluster per run), chromium (browser tests), xmllint (XLIFF schema
# checks), msgfmt (PO checks); sqlite3 and GNU time for bench/bench_backup.py.
# Installs only what is missing, and only as root.
set -euo pipefail

missing=()
have_pg() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
have_pg || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)      # bench_backup's baseline
[ -x /usr/bin/time ] || missing+=(time)                          # bench_backup's peak memory
id postgres >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
