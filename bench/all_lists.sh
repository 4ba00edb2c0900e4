# all_lists.sh - sourced by the scan benchmarks and tests (cli_scan,
# cli_prose): all_lists_index VIGIL SHARED OUT [ERR] builds into OUT the
# index of every shared list, the one the scan corpus's annotations
# (tests/corpus) and the prose's judged mentions (tests/prose/TRUE) give
# their ids in; the build's messages go to ERR (default: none kept).
all_lists_index() {
  local L="$2/data/lists"
  "$1" build -o "$3" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
    "$L/un-sc-consolidated-2026-02-27.xml" "$L/ftm/zala.ftm.jsonl" "$L/ftm/parteispenden.ftm.jsonl" \
    "$L/opensanctions-us-congress-2026-01.senzing.jsonl" "$L/us-csl-2019-12.csv" \
    "$L/us-bis-dpl-2022-09.txt" 2>"${4:-/dev/null}"
}
