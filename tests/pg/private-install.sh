#!/usr/bin/env bash
# private-install.sh - a private PostgreSQL installation with the extension
# in it, so that tests and benchmarks never write into the system's
# /usr/share/postgresql or /usr/lib/postgresql.
#
#   private-install.sh EXT_DIR PG_BINDIR ROOT
#
# EXT_DIR holds the built vigil.so, vigil.control and vigil--*.sql;
# PG_BINDIR is the server's bin folder (/usr/lib/postgresql/15/bin).
# Prints the path of the server binary to run (cluster.sh's PG_POSTGRES).
#
# How it works: PostgreSQL 15 has no setting for where extension control
# files are; the server finds its share/ and lib/ folders relative to its
# own executable (the layout pg_config reports, e.g. bin/ in
# /usr/lib/postgresql/15 and share/ in /usr/share/postgresql/15, resolved
# after following symlinks).  So ROOT mirrors that layout: a copy of the
# postgres binary (a copy, since a symlink would be resolved back to /usr),
# and share/ and lib/ folders of symlinks to the system's files, plus
# copies of the extension's three files.  ROOT must be a folder the server's
# user can enter.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 EXT_DIR PG_BINDIR ROOT" >&2; exit 2; }
ext=$(cd "$1" && pwd)
bindir=$2
root=$3
case $root in /*) ;; *) root=$(pwd)/$root ;; esac
pg_config=$bindir/pg_config
[ -x "$pg_config" ] || pg_config=pg_config
sharedir=$("$pg_config" --sharedir)
pkglibdir=$("$pg_config" --pkglibdir)
sys_bindir=$("$pg_config" --bindir)

# the part the three folders have in common, and each one's rest
common=$(printf '%s\n%s\n%s\n' "$sys_bindir" "$sharedir" "$pkglibdir" |
  sed -e 'N;N;s/^\(.*\/\).*\n\1.*\n\1.*$/\1/')
rel_bin=${sys_bindir#"$common"}
rel_share=${sharedir#"$common"}
rel_lib=${pkglibdir#"$common"}

rm -rf "$root"
mkdir -p "$root/$rel_bin" "$root/$rel_share/extension" "$root/$rel_lib"
cp "$bindir/postgres" "$root/$rel_bin/postgres"
for f in "$sharedir"/*; do
  [ "$(basename "$f")" = extension ] || ln -s "$f" "$root/$rel_share/"
done
for f in "$sharedir"/extension/*; do ln -s "$f" "$root/$rel_share/extension/"; done
for f in "$pkglibdir"/*; do ln -s "$f" "$root/$rel_lib/"; done
rm -f "$root/$rel_share/extension"/vigil.control "$root/$rel_share/extension"/vigil--*.sql \
  "$root/$rel_lib/vigil.so"
# copies, not links: the server's user may not be able to enter the build
# folder (a checkout in a private folder)
cp "$ext"/vigil.control "$ext"/vigil--*.sql "$root/$rel_share/extension/"
cp "$ext/vigil.so" "$root/$rel_lib/vigil.so"
echo "$root/$rel_bin/postgres"
