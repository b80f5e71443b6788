#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: PostgreSQL (a
# throwaway cluster per run), chromium (browser tests), xmllint (XLIFF schema
# checks), msgfmt (PO checks); sqlite3 and GNU time for bench/bench_backup.py; and
# what the quality checks use: Hunspell's Belarusian, Russian and English
# dictionaries, libhunspell's headers (the Python binding is compiled against them),
# libenchant (measured by bench/) and Apertium's Belarusian-Russian pair (also the local `apertium` MT engine);
# nginx and openssl for tests/test_nginx.py (tmgr behind deploy/nginx/tmgr.conf with a
# throwaway certificate).
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
command -v apertium >/dev/null 2>&1 || missing+=(apertium)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)      # bench_backup's baseline
[ -x /usr/bin/time ] || missing+=(time)                          # bench_backup's peak memory
id postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -f /usr/share/hunspell/be_BY.dic ] || missing+=(hunspell-be)
[ -f /usr/share/hunspell/ru_RU.dic ] || missing+=(hunspell-ru)
[ -f /usr/share/hunspell/en_US.dic ] || missing+=(hunspell-en-us)
[ -f /usr/include/hunspell/hunspell.h ] || missing+=(libhunspell-dev)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
ls /usr/lib/*/libenchant-2.so.2 >/dev/null 2>&1 || missing+=(libenchant-2-2)
command -v lt-proc >/dev/null 2>&1 || missing+=(lttoolbox)
[ -f /usr/share/apertium/apertium-bel-rus/bel-rus.automorf.bin ] || missing+=(apertium-bel-rus)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# tests/test_package.py installs the wheel with Debian's python3, as a server would
/usr/bin/python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
ls /usr/include/python3*/Python.h >/dev/null 2>&1 || missing+=(python3-dev)

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
