#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `start` initialises one in a
# temporary folder, listening on a Unix socket and on a loopback port with TLS
# (a certificate for localhost and 127.0.0.1, signed by a test authority made
# here, ca.crt; stranger-ca.crt is another authority, which signed nothing),
# and prints the lines to export (JOBCARD_TEST_PG, the socket's connection
# string; JOBCARD_TEST_PG_TCP, the same server over TCP; JOBCARD_TEST_PG_CA,
# the authority's file; PG_CLUSTER_DIR and PG_PORT); `stop DIR` stops it and
# removes the folder. PostgreSQL
# refuses to run as root, so as root the cluster belongs to the `postgres`
# user Debian's package creates. Room for 256 locks per transaction: moving a
# shop locks every table while the other tests run. PG_SHARED_BUFFERS, when
# set, is the server's shared_buffers (a test's tiny second cluster).
# Used by scripts/test.sh and tests/core/store/pg_memory.rs.
set -euo pipefail

bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
[ -n "$bin" ] || bin=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
start)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL's initdb is missing: apt-get install postgresql" >&2; exit 1; }
  dir=$(mktemp -d /tmp/jobcard-pg-XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as "$bin/initdb" -D "$dir/data" -A trust -U jobcard -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  authority() {
    openssl req -new -x509 -days 3 -nodes -subj "/CN=$1" -keyout "$dir/$2.key" -out "$dir/$2.crt" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign >/dev/null 2>&1
  }
  authority "Jobcard test authority" ca
  authority "Someone else's authority" stranger-ca
  openssl req -new -nodes -subj "/CN=jobcard-test-server" -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
  printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$dir/server.ext"
  openssl x509 -req -days 3 -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
  rm -f "$dir/ca.key" "$dir/stranger-ca.key" "$dir/server.csr"
  chmod 600 "$dir/server.key"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.crt"
  # A free loopback port: the first of a few the server starts on.
  port=""
  for p in $(shuf -i 20000-60000 -n 8); do
    if as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $p -k $dir -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key -c fsync=on -c max_connections=40 -c max_locks_per_transaction=256${PG_SHARED_BUFFERS:+ -c shared_buffers=$PG_SHARED_BUFFERS}" start >/dev/null; then
      port=$p
      break
    fi
  done
  [ -n "$port" ] || { cat "$dir/server.log" >&2; exit 1; }
  echo "export PG_CLUSTER_DIR=$dir PG_PORT=$port"
  echo "export JOBCARD_TEST_PG='host=$dir port=$port user=jobcard dbname=postgres'"
  echo "export JOBCARD_TEST_PG_TCP='host=127.0.0.1 port=$port user=jobcard dbname=postgres'"
  echo "export JOBCARD_TEST_PG_CA=$dir/ca.crt"
  ;;
stop)
  dir="${2:?the cluster folder}"
  as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: pg-cluster.sh start | stop DIR" >&2
  exit 2
  ;;
esac
