#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: `scripts/with-postgres.sh npm test`.
# Installs Debian's postgresql package when it is missing (as root), makes a cluster in a
# temporary folder, starts it on a free port of 127.0.0.1 (and a socket in that folder only),
# exports TEST_DATABASE_URL for the command, and stops and deletes the cluster at the end,
# whatever happened. PostgreSQL refuses to run as root, so as root the cluster is the postgres user's.
set -euo pipefail

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(bindir)" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed. Install Debian's package: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "Installing Debian's PostgreSQL (log: /tmp/beyond-hello-apt-postgres.log)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql) \
    >/tmp/beyond-hello-apt-postgres.log 2>&1 || { tail -20 /tmp/beyond-hello-apt-postgres.log; exit 1; }
fi
BIN="$(bindir)"

folder="$(mktemp -d /tmp/beyond-hello-postgres.XXXXXX)"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$folder"
  as_owner=(runuser -u postgres --)
fi
port="$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"

stop() {
  "${as_owner[@]}" "$BIN/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

# Trust on 127.0.0.1 and the folder's socket only: a throw-away server for tests, reachable from this machine alone.
"${as_owner[@]}" "$BIN/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 ||
  { cat "$folder/initdb.log"; exit 1; }
# fsync off: the data is thrown away at the end, and tests make many small databases.
"${as_owner[@]}" "$BIN/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$folder/server.log"; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') for the tests at $TEST_DATABASE_URL"
"$@"
