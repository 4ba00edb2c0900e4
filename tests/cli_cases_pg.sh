#!/usr/bin/env bash
# cli_cases_pg.sh - the case store on a real PostgreSQL that this test starts
# (tests/pg/cluster.sh: initdb and pg_ctl in a temporary folder, a private
# socket, stopped at the end): the same cmocka suite as on SQLite
# (BUILD/test_cases with VG_TEST_CASES_PG) and the same command-line suite
# (tests/cases/cli_suite.sh).  Exits 77 when PostgreSQL is not installed.
# usage: cli_cases_pg.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 FIX=$2 BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d /tmp/vigil-cases-pg.XXXXXX)
chmod 755 "$T"
D=$T/pg
trap 'bash "$HERE/pg/cluster.sh" stop "$D"; rm -rf "$T"' EXIT
ENV=$(bash "$HERE/pg/cluster.sh" start "$D"); rc=$?
[ $rc = 77 ] && { echo "skipped: no PostgreSQL"; exit 77; }
[ $rc = 0 ] || { echo "FAIL: cluster.sh start: $rc"; exit 1; }
eval "$ENV"
export PGHOST PGPORT PGUSER PGDATABASE
VG_TEST_CASES_PG="host=$PGHOST port=$PGPORT user=$PGUSER" "$BUILD/test_cases" || { echo "FAIL: test_cases on PostgreSQL"; exit 1; }
bash "$HERE/cases/cli_suite.sh" "$VIGIL" "$FIX" "$T/cli" pg
