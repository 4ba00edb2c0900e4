#!/usr/bin/env bash
# bench_pg.sh - screening 100,000 rows of a table inside PostgreSQL (the
# extension, parallel query) next to `vigil screen` on the same rows.
#
# The rows: every distinct row of the four screening files in ../shared
# (UN positives, hard-ofac, negatives-global: 30,000 rows), then people from
# no list made by crossing the given names of negatives-global with other
# rows' family names, birth dates and nationalities, up to 100,000 distinct
# rows (a customer table repeats no one; repeated rows would also let the
# planner cache calls with Memoize, which the CLI cannot); the index: the sanctions lists eval-screening uses
# (OFAC SDN and consolidated, UN, zala).  Both sides use the same defaults
# (threshold 0.80, 5 results, explanations on) and must raise the same
# number of alerts.  The cluster is private (tests/pg/cluster.sh) with the
# extension in a private installation (tests/pg/private-install.sh).
#
# Prints the plan PostgreSQL chooses for the screening query with its
# default costs, then, in alternating rounds, rows/s of
#   cli       vigil screen --threads = cores, output to a file
#   pg        CREATE TABLE alerts AS SELECT ... CROSS JOIN LATERAL vigil_match
#             with the planner's parallel plan (default settings)
#   pg-nojit  the same with jit = off: the plan's cost (the matches) is far
#             above jit_above_cost, and JIT compiling it speeds nothing up
#   pg-serial the same with max_parallel_workers_per_gather = 0
# and the ratio pg / cli of the medians; also rows per CPU-second (CLI: user +
# system time; PostgreSQL: the backend's and the parallel workers'), which a
# busy machine disturbs less than wall time.
#
# usage: bench_pg.sh BUILD_DIR SHARED_DIR [ROUNDS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
shared=${2:-../shared}
rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
vigil=$build/vigil
L=$shared/data/lists S=$shared/data/eval/screening
if [ ! -d "$L" ]; then echo "skipped: no ../shared ($shared)"; exit 0; fi
if [ ! -f "$build/pg/vigil.so" ]; then
  echo "skipped: the extension was not built (apt-get install postgresql-server-dev-15)"; exit 0
fi
bindir=/usr/lib/postgresql/15/bin
[ -x "$bindir/initdb" ] || bindir=$(pg_config --bindir)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigil-pgbench.XXXXXX")
chmod 755 "$tmp"
cluster=$tmp/cluster
trap 'bash "$here/../tests/pg/cluster.sh" stop "$cluster"; rm -rf "$tmp"' EXIT

"$vigil" build -q -o "$tmp/all.idx" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
  "$L/un-sc-consolidated-2026-02-27.xml" "$L/ftm/zala.ftm.jsonl"
python3 - "$S" "$tmp/rows.csv" 100000 <<'PY'
import csv, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows, seen = [], set()
def add(row):
    if row[1:] not in seen:
        seen.add(row[1:])
        rows.append(row)
for f in ["positives-un-untreated.csv", "positives-un-treated.csv", "hard-ofac.csv",
          "negatives-global.csv"]:
    for r in csv.DictReader(open(f"{src}/{f}", newline="", encoding="utf-8")):
        add((f"r{len(rows) + 1}", r.get("schema") or "Person", r["full_name"],
             r.get("date_of_birth", ""), r.get("nationality", "")))
# the rest: more people from no list, as a customer table has them, each
# one distinct (one person's given name with another's family name, birth
# date and nationality), so that no row repeats another
neg = [r for r in csv.DictReader(open(f"{src}/negatives-global.csv", newline="",
                                      encoding="utf-8")) if r["first_name"] and r["last_name"]]
k = 0
while len(rows) < n:
    a, b = neg[k % len(neg)], neg[(k * 7919 + k // len(neg) * 104729 + 13) % len(neg)]
    add((f"r{len(rows) + 1}", "Person", f"{a['first_name']} {b['last_name']}",
         b["date_of_birth"], a["nationality"]))
    k += 1
with open(out, "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["id", "schema", "full_name", "date_of_birth", "country"])
    w.writerows(rows[:n])
PY

postgres=$(bash "$here/../tests/pg/private-install.sh" "$build/pg" "$bindir" "$tmp/root")
eval "$(PG_POSTGRES=$postgres PG_CONF="shared_buffers = 256MB
max_worker_processes = 8
max_parallel_workers = 4" bash "$here/../tests/pg/cluster.sh" start "$cluster")"
export PGHOST PGPORT PGUSER PGDATABASE
cp "$tmp/all.idx" "$cluster/data/lists.idx"
[ "$(id -u)" = 0 ] && chown vigil-test: "$cluster/data/lists.idx"
psql -X -q -v ON_ERROR_STOP=1 <<EOF
CREATE EXTENSION vigil;
ALTER DATABASE postgres SET vigil.index = 'lists.idx';
CREATE TABLE customers (id text PRIMARY KEY, schema text, name text, birth_date text, country text);
\copy customers FROM '$tmp/rows.csv' WITH (FORMAT csv, HEADER true)
UPDATE customers SET birth_date = NULLIF(birth_date, ''), country = NULLIF(country, '');
VACUUM ANALYZE customers;
EOF

query="SELECT c.id, m.* FROM customers c
  CROSS JOIN LATERAL vigil_match(c.name, c.schema, c.birth_date, c.country) m WHERE m.match"
echo "-- the screening query, planned with PostgreSQL's default costs:"
psql -X -At -c "EXPLAIN $query" | sed 's/^/  /'

# run_cli / run_pg SETTINGS: start, end, CPU seconds and alerts (rows with
# a match).  PostgreSQL's CPU: what the postmaster's exited children (the
# session's backend and its parallel workers) used, from /proc.
ticks=$(getconf CLK_TCK)
pm=$(head -1 "$cluster/data/postmaster.pid")
children_cpu() { awk -v t="$ticks" '{ printf "%.2f", ($16 + $17) / t }' "/proc/$pm/stat"; }
run_cli() {
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/cli.time" \
    "$vigil" screen -x "$tmp/all.idx" --jsonl "$tmp/rows.csv" >"$tmp/cli.jsonl"
  t1=$(date +%s.%N)
  echo "$t0 $t1 $(awk '{ print $1 + $2 }' "$tmp/cli.time") $(python3 -c 'import json,sys
print(sum(any(r["match"] for r in json.loads(l).get("results", [])) for l in open(sys.argv[1])))' "$tmp/cli.jsonl")"
}
run_pg() {
  local t0 t1 c0 c1
  psql -X -q -c "DROP TABLE IF EXISTS alerts" >/dev/null 2>&1
  c0=$(children_cpu)
  t0=$(date +%s.%N)
  psql -X -q -v ON_ERROR_STOP=1 -c "$1" -c "CREATE TABLE alerts AS $query" >/dev/null
  t1=$(date +%s.%N)
  sleep 0.2 # the backend exits after psql
  c1=$(children_cpu)
  echo "$t0 $t1 $(awk -v a="$c1" -v b="$c0" 'BEGIN { print a - b }') $(psql -X -At -c 'SELECT count(DISTINCT id) FROM alerts')"
}

rows=$(psql -X -At -c "SELECT count(*) FROM customers")
echo "-- $rows rows, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); rows/s per round:"
: >"$tmp/results"
for r in $(seq "$rounds"); do
  echo "cli $(run_cli)" >>"$tmp/results"
  echo "pg $(run_pg "SET max_parallel_workers_per_gather = 2")" >>"$tmp/results"
  echo "pg-nojit $(run_pg "SET jit = off")" >>"$tmp/results"
  echo "pg-serial $(run_pg "SET max_parallel_workers_per_gather = 0")" >>"$tmp/results"
done
psql -X -At -c "SET max_parallel_workers_per_gather = 2" \
  -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $query" >"$tmp/analyze.txt"
python3 - "$rows" "$tmp/results" <<'PY'
import statistics, sys
rows = int(sys.argv[1])
runs = {}
for line in open(sys.argv[2]):
    name, t0, t1, cpu, alerts = line.split()
    runs.setdefault(name, []).append((rows / (float(t1) - float(t0)), rows / float(cpu), int(alerts)))
for name, rs in runs.items():
    print(f"  {name:10s} " + "  ".join(f"{r:8,.0f}" for r, _, _ in rs) +
          f"   median {statistics.median(r for r, _, _ in rs):8,.0f} rows/s, "
          f"{statistics.median(c for _, c, _ in rs):7,.0f} rows per CPU-second, alerts {rs[0][2]}")
alerts = {a for rs in runs.values() for _, _, a in rs}
print(f"  alerts agree: {'yes' if len(alerts) == 1 else 'NO: ' + str(sorted(alerts))}")
m = {k: statistics.median(r for r, _, _ in v) for k, v in runs.items()}
print(f"  pg / cli = {m['pg'] / m['cli']:.2f} (parallel), {m['pg-nojit'] / m['cli']:.2f} "
      f"(parallel, jit off), {m['pg-serial'] / m['cli']:.2f} (serial)")
PY
echo "-- EXPLAIN ANALYZE of the parallel run:"
grep -E "Workers|Gather|Nested|Seq Scan|Function Scan|JIT|Execution" "$tmp/analyze.txt" | sed 's/^/  /'
