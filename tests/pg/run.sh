#!/usr/bin/env bash
# run.sh - the extension's SQL regression tests against a real PostgreSQL 15.
#
# Starts a private cluster (cluster.sh) whose server binary sits in a
# private installation tree holding the freshly built extension
# (private-install.sh: nothing is written into /usr), both in a temporary
# folder; builds the fixture
# indexes into the cluster's data directory (vigil.index = 'vigil/lists.idx'
# is relative to it), then:
#   1. pg_regress runs sql/*.sql and compares with expected/*.out;
#   2. the same schedule again with force_parallel_mode = regress, so that
#      every function call of every test also runs inside a parallel worker;
#   3. vigil_match in SQL against `vigil match --json` on the same names:
#      the same ids, scores, decisions and explanations;
#   4. the server log must show no backend that died of a signal.
#
# usage: run.sh VIGIL EXT_DIR PG_BINDIR BUILD_DIR
set -u
VIGIL=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
EXT=$(cd "$2" && pwd)
BINDIR=$3
BUILD=$(cd "$4" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$HERE/../fixtures/pg
OUT=$BUILD/test-output/pg
PG_CONFIG=$BINDIR/pg_config
[ -x "$PG_CONFIG" ] || PG_CONFIG=pg_config
REGRESS=$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/regress/pg_regress
if [ ! -x "$REGRESS" ]; then
  echo "skipped: no pg_regress (apt-get install postgresql-server-dev-15)"
  exit 77
fi
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

rm -rf "$OUT"
mkdir -p "$OUT"
# The server runs as an unprivileged user when we are root, and that user may
# not be able to enter the build folder: the installation and the cluster
# live in a temporary folder it can enter.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vigil-pg.XXXXXX") || exit 1
chmod 755 "$TMP"
CLUSTER=$TMP/cluster
finish() {
  cp "$CLUSTER/server.log" "$OUT/server.log" 2>/dev/null
  bash "$HERE/cluster.sh" stop "$CLUSTER"
  rm -rf "$TMP"
}
trap finish EXIT
postgres=$(bash "$HERE/private-install.sh" "$EXT" "$BINDIR" "$TMP/root") || exit 1
conf=$(PG_POSTGRES=$postgres PG_CONF="max_worker_processes = 8
max_parallel_workers = 4
lc_messages = 'C'" bash "$HERE/cluster.sh" start "$CLUSTER")
rc=$?
[ $rc -eq 0 ] || exit $rc
eval "$conf"
export PGHOST PGPORT PGUSER PGDATABASE

# --- fixture indexes, in the data directory ---------------------------------
IX=$CLUSTER/data/vigil
mkdir -p "$IX"
# (built from inside the fixture folder, so that the source paths the index
# records do not depend on where the checkout is)
(cd "$FIX" && "$VIGIL" build -o "$IX/v1.idx" watchlist.ftm.jsonl &&
  "$VIGIL" build -o "$IX/v2.idx" watchlist.ftm.jsonl added.ftm.jsonl) >"$OUT/build.log" 2>&1 ||
  { cat "$OUT/build.log"; echo "FAIL: vigil build"; exit 1; }
cp "$IX/v1.idx" "$IX/lists.idx"
# damaged copies: one byte flipped in the middle, cut in half, a text file,
# an empty file, a folder
size=$(stat -c %s "$IX/v1.idx")
cp "$IX/v1.idx" "$IX/flipped.idx"
printf '\xff' | dd of="$IX/flipped.idx" bs=1 seek=$((size / 2)) conv=notrunc status=none
head -c $((size / 2)) "$IX/v1.idx" >"$IX/truncated.idx"
printf 'id,name,birth_date\n1,Dmitri Volkonsky,1970-05-21\n2,Maria Castellanos,1982-11-02\n' >"$IX/foreign.idx"
: >"$IX/empty.idx"
mkdir "$IX/folder.idx"
# the server's user swaps files in here (COPY ... TO PROGRAM in reload.sql)
[ "$(id -u)" = 0 ] && chown -R vigil-test: "$IX"

# --- 1 and 2: pg_regress ------------------------------------------------------
TESTS=(functions errors parallel reload)
regress() { # regress OUTDIR: runs every test, 0 when all match
  (cd "$IX" && "$REGRESS" --inputdir="$HERE" --outputdir="$1" --bindir="$BINDIR" \
    --host="$PGHOST" --port="$PGPORT" --user=postgres --dbname=vigil_regress \
    "${TESTS[@]}") >"$1.log" 2>&1
}
mkdir -p "$OUT/regress" "$OUT/regress-parallel"
if regress "$OUT/regress"; then
  ok "pg_regress: ${TESTS[*]}"
else
  cat "$OUT/regress.log"; cat "$OUT/regress/regression.diffs" 2>/dev/null | head -200
  fail "pg_regress (diffs in $OUT/regress/regression.diffs)"
fi
cp "$IX/v1.idx" "$IX/lists.tmp" && mv "$IX/lists.tmp" "$IX/lists.idx"
if PGOPTIONS="-c force_parallel_mode=regress" regress "$OUT/regress-parallel"; then
  ok "pg_regress with force_parallel_mode = regress"
else
  cat "$OUT/regress-parallel.log"; head -200 "$OUT/regress-parallel/regression.diffs" 2>/dev/null
  fail "pg_regress with force_parallel_mode = regress"
fi

# --- 3: the same answers as the command line ---------------------------------
psql -X -q -d vigil_regress -c "ALTER DATABASE vigil_regress SET vigil.index = 'vigil/v2.idx'" ||
  fail "ALTER DATABASE SET vigil.index"
same=0
while IFS='|' read -r name schema dob country; do
  args=(--schema "$schema")
  [ -n "$dob" ] && args+=(--birth-date "$dob")
  [ -n "$country" ] && args+=(--country "$country")
  cli=$("$VIGIL" match -x "$IX/v2.idx" "${args[@]}" --json "$name" |
    python3 -c 'import json,sys; print(json.dumps([[r["id"], round(r["score"], 4), r["match"], r["explanation"]] for r in json.load(sys.stdin)["results"]], sort_keys=True))')
  sql=$(psql -X -At -d vigil_regress -v name="$name" -v schema="$schema" -v dob="$dob" -v country="$country" <<'EOF' |
SELECT coalesce(json_agg(json_build_array(entity_id, round(score::numeric, 4), match, explanation)), '[]')
FROM vigil_match(:'name', :'schema', nullif(:'dob', ''), nullif(:'country', ''));
EOF
    python3 -c 'import json,sys; print(json.dumps([[a, round(float(b), 4), c, d] for a, b, c, d in json.load(sys.stdin)], sort_keys=True))')
  if [ "$cli" = "$sql" ]; then
    same=$((same + 1))
  else
    fail "vigil_match('$name', '$schema', '$dob', '$country') = $sql, vigil match says $cli"
  fi
done <<'EOF'
Dmitri Volkonsky|Person||
Волконский Дмитрий|Person|1970-05-21|ru
Dmitri Volkonsky|Person|1955-01-01|fr
Maria Castellanos|Person|1982|ve
Omar Haddad|Person||
عمر حداد|Person||
Lukas Hofstaetter|Person|1990-01-15|
Northwind Maritime Holdings|Company||cy
Vostok Trade|Company||
Ocean Pearl|Vessel||
John Smith|Person||
EOF
[ "$same" -eq 11 ] && ok "vigil_match agrees with vigil match on $same queries (ids, scores, decisions, explanations)"

# --- 4: no backend died --------------------------------------------------------
if grep -E "terminated by signal|was terminated|server process .* exited with exit code [^0]" \
     "$CLUSTER/server.log" >"$OUT/crashes.log"; then
  cat "$OUT/crashes.log"
  fail "a backend crashed (see $OUT/server.log)"
else
  ok "no backend crashed"
fi
echo "pg_extension: $fails failure(s)"
[ "$fails" -eq 0 ]
