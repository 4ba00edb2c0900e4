#!/usr/bin/env bash
# cluster.sh - a throw-away PostgreSQL 15 cluster for tests.
#
#   cluster.sh start DIR   creates DIR, runs initdb and pg_ctl there and prints
#                          PGHOST=DIR PGPORT=N PGUSER=postgres PGDATABASE=postgres
#                          (shell assignments: eval "$(cluster.sh start DIR)")
#   cluster.sh stop DIR    stops that cluster (immediate if a fast stop hangs)
#                          and removes DIR
#
# The cluster listens on a Unix socket in DIR only (listen_addresses = ''),
# and DIR is mode 0700, so no other user of the machine can reach it; local
# connections are trusted. PostgreSQL refuses to run as root, so when this
# script runs as root the cluster belongs to an unprivileged system user,
# vigil-test, created on first use. Exits 77 (skipped) when PostgreSQL 15's
# server binaries are not installed.
#
# Environment (optional):
#   PG_BINDIR     where initdb and pg_ctl are (default: PostgreSQL 15's)
#   PG_POSTGRES   the server binary to run (default: $PG_BINDIR/postgres);
#                 a copy inside a private installation tree makes the server
#                 read that tree's share/ and lib/ folders (tests/pg/run.sh)
#   PG_CONF       extra postgresql.conf lines
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for d in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "skipped: PostgreSQL 15 server binaries not found (apt-get install postgresql-15)" >&2
  exit 77
fi
postgres=${PG_POSTGRES:-$bindir/postgres}
owner=vigil-test

# as_owner CMD...: runs CMD as the cluster's owner (ourselves unless root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u "$owner" -- "$@")
  else
    "$@"
  fi
}

ensure_owner() {
  [ "$(id -u)" = 0 ] || return 0
  id -u "$owner" >/dev/null 2>&1 && return 0
  # two tests may get here at once: one useradd wins, the other sees the user
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$owner" 2>/dev/null || id -u "$owner" >/dev/null
}

start() {
  case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
  if [ -e "$dir" ]; then echo "cluster.sh: $dir already exists" >&2; exit 1; fi
  ensure_owner
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown "$owner:" "$dir"
  # the socket's name carries the port; the folder is private, so any port
  # is free, but a random one keeps log lines of parallel tests apart
  local port=$((20000 + RANDOM % 40000))
  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust \
       --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    echo "cluster.sh: initdb failed in $dir" >&2
    exit 1
  fi
  as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 30
logging_collector = off
${PG_CONF:-}
EOF
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -p "$postgres" -l "$dir/server.log" \
       -w -t 60 start >"$dir/pg_ctl.log" 2>&1; then
    cat "$dir/pg_ctl.log" "$dir/server.log" >&2 || true
    echo "cluster.sh: the server did not start in $dir" >&2
    exit 1
  fi
  echo "PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres"
}

stop() {
  [ -d "$dir" ] || exit 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
