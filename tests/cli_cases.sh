#!/usr/bin/env bash
# cli_cases.sh - the case store through the command line on SQLite (the
# suite is tests/cases/cli_suite.sh; cli_cases_pg.sh runs it on PostgreSQL).
# usage: cli_cases.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1 FIX=$2 BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "$BUILD/cli_cases.XXXXXX")
trap 'rm -rf "$T"' EXIT
bash "$HERE/cases/cli_suite.sh" "$VIGIL" "$FIX" "$T" sqlite
