# all_lists.sh - sourced by the scan benchmarks: all_lists_index VIGIL SHARED
# OUT builds into OUT the index of every shared list, the one the scan
# corpus's annotations (tests/corpus) and the prose's judged mentions
# (tests/prose/TRUE) give their ids in.
all_lists_index() {
  local L="$2/data/lists"
  "$1" build -o "$3" "$L/ofac-sdn-2021-07" "$L/ofac-consolidated-2025-12" \
    "$L/un-sc-consolidated-2026-02-27.xml" "$L/ftm/zala.ftm.jsonl" "$L/ftm/parteispenden.ftm.jsonl" \
    "$L/opensanctions-us-congress-2026-01.senzing.jsonl" "$L/us-csl-2019-12.csv" \
    "$L/us-bis-dpl-2022-09.txt" 2>/dev/null
}
