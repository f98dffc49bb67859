#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throwaway PostgreSQL cluster (initdb in a temp
# folder, loopback port), then removes the cluster. Installs Debian's postgresql when missing and we
# are root (as ensure-chromium.sh does for the browser); otherwise stops and says what to install.
# Never skips the PostgreSQL tests silently.
#   usage: bash test/tools/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PORT="${PG_TEST_PORT:-4150}"

if [ ! -x "$PG_BIN/initdb" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing postgresql from Debian's packages…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
fi
if [ ! -x "$PG_BIN/initdb" ]; then
  cat >&2 <<MSG
The PostgreSQL store tests need PostgreSQL's server binaries (initdb, pg_ctl) at $PG_BIN,
and this user cannot install them. Install them, then run the tests again:
    sudo apt-get install -y postgresql
(or set PG_BIN to the folder holding initdb).
MSG
  exit 1
fi

dir="$(mktemp -d /tmp/tdrill-pg-XXXXXX)"
chmod 700 "$dir"
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
cleanup() { as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

as_owner "$PG_BIN/initdb" -D "$dir/data" -U drill --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null
as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U drill drill
export DATABASE_URL="postgres://drill@127.0.0.1:$PORT/drill"
export PG_BIN
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT for the tests (DATABASE_URL=$DATABASE_URL)"
"$@"
