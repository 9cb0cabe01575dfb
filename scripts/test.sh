#!/usr/bin/env bash
# The whole Wijkregie test suite on a fresh Debian 12 machine: installs what it needs
# (apt: PostgreSQL, Chromium, gettext; pip: the project with its test extras), then runs
# lint, the suite on SQLite, and the suite again on a private PostgreSQL cluster.
# Browser tests (Playwright + Debian's /usr/bin/chromium) run in both passes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}

step() { printf '\n==> %s\n' "$*"; }

# --- system packages -----------------------------------------------------------------
need_apt=()
command -v /usr/lib/postgresql/15/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v xgettext >/dev/null 2>&1 || need_apt+=(gettext)
fc-list 2>/dev/null | grep -qi dejavu || need_apt+=(fonts-dejavu-core)
# WeasyPrint (PDF exports) renders text with Pango and HarfBuzz.
for lib in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
  dpkg -s "$lib" >/dev/null 2>&1 || need_apt+=("$lib")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${need_apt[@]}" >/dev/null
fi

# --- Python environment ------------------------------------------------------------------
step "Python environment in $VENV"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'
export PATH="$VENV/bin:$PATH"

# --- static checks -------------------------------------------------------------------------
step "ruff (lint and format)"
ruff check .
ruff format --check .

step "import-linter (the layers of docs/architecture.md)"
lint-imports --no-cache

step "Django system checks"
WIJKREGIE_DATA_DIR=$(mktemp -d) DJANGO_SETTINGS_MODULE=wijkregie.conf.ci wijkregie check

# The deduce de-identification model builds a lookup cache (~80 MB) on first use (~2 min); both
# runs below share it.
export WIJKREGIE_DEDUCE_CACHE_DIR="${WIJKREGIE_DEDUCE_CACHE_DIR:-$PWD/.cache/deduce}"
# Built once here, before the parallel workers would each start building it.
step "deduce lookup cache"
echo "Mevrouw Jansen woont in Poelenburg." \
  | WIJKREGIE_DATA_DIR=$(mktemp -d) DJANGO_SETTINGS_MODULE=wijkregie.conf.ci wijkregie deidentify >/dev/null

# Tests run in parallel, one worker per core (pytest-xdist; work stealing keeps both busy while
# the long matrix and browser tests run). WIJKREGIE_TEST_WORKERS=0 runs them in one process.
WORKERS=${WIJKREGIE_TEST_WORKERS:-auto}
PYTEST=(python -m pytest -q --durations=15 -n "$WORKERS" --dist worksteal)

# --- the suite on SQLite -----------------------------------------------------------------
step "pytest on SQLite (unit, authorisation matrix, browser)"
unset DATABASE_URL
"${PYTEST[@]}"

# --- the suite on PostgreSQL -----------------------------------------------------------------
step "pytest on PostgreSQL"
PGBIN=/usr/lib/postgresql/15/bin
PGDIR=$(mktemp -d /tmp/wijkregie-pg.XXXXXX)
PGPORT=${WIJKREGIE_TEST_PGPORT:-55432}
chown postgres "$PGDIR" 2>/dev/null || true
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_pg "$PGBIN/initdb -D $PGDIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
as_pg "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off' -w start >/dev/null"
cleanup() { as_pg "$PGBIN/pg_ctl -D $PGDIR/data -m fast -w stop >/dev/null" || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
as_pg "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc \"CREATE ROLE wijkregie LOGIN CREATEDB PASSWORD 'wijkregie'\""
as_pg "psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE wijkregie OWNER wijkregie'"
DATABASE_URL="postgres://wijkregie:wijkregie@127.0.0.1:$PGPORT/wijkregie" "${PYTEST[@]}"

step "All checks passed on SQLite and PostgreSQL."
