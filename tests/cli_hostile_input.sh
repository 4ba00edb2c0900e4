#!/usr/bin/env bash
# cli_hostile_input.sh - careless or hostile inputs and outputs of the
# command (issue 18): NUL characters in JSON list files, outputs that are
# not regular files, FIFOs and devices given as inputs, a text far larger
# than memory should hold, and an entity with 200,000 names.  Every case is
# bounded by `timeout`, so a command that blocks fails instead of hanging.
#
# usage: cli_hostile_input.sh VIGIL FIXTURES SHARED BUILD
set -u
VIGIL=$1
FIX=$2
BUILD=$4
OUT=$BUILD/test-output/hostile_input
rm -rf "$OUT"
mkdir -p "$OUT"
fails=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# run NAME SECONDS COMMAND...: status in $rc, stderr in $OUT/NAME.err
run() {
  local name=$1 secs=$2; shift 2
  timeout "$secs" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
  rc=$?
}
# peak NAME SECONDS COMMAND...: like run, peak memory (KB) in $kb
peak() {
  local name=$1 secs=$2; shift 2
  /usr/bin/time -o "$OUT/$name.time" -f "%M" timeout "$secs" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"
  rc=$?
  kb=$(tail -1 "$OUT/$name.time")
}

IDX=$OUT/mini.idx
"$VIGIL" build -o "$IDX" "$FIX/server/mini.ftm.jsonl" >/dev/null 2>&1 || { echo "FAIL: fixture index"; exit 1; }

# --- item 3: a NUL in a JSON list file is exit 3 with FILE:LINE ------------
printf '{"id":"p-a\\u0000x","schema":"Person","properties":{"name":["Ivan Petrov"]}}\n{"id":"p-a\\u0000y","schema":"Person","properties":{"name":["Olga Sidorova"]}}\n' >"$OUT/nul-id.ftm.jsonl"
printf '{"id":"p1","schema":"Person","properties":{"name":["Viktor Kormilov"]}}\n{"id":"p2","schema":"Person","properties":{"name":["x\\u0000AL ZAWAHIRI, Ayman"]}}\n' >"$OUT/nul-name.ftm.jsonl"
printf '{"DATA_SOURCE":"T","RECORD_ID":"r1","RECORD_TYPE":"PERSON","NAMES":[{"NAME_TYPE":"PRIMARY","NAME_FULL":"Jane\\u0000 Public"}]}\n' >"$OUT/nul.senzing.jsonl"
printf '{"id":"p1","schema":"Person","properties":{"name":["A \\\\u0000 written out"]}}\n' >"$OUT/escaped.ftm.jsonl"
run nul_id 20 "$VIGIL" build -o "$OUT/n.idx" "$OUT/nul-id.ftm.jsonl"
[ $rc -eq 3 ] && grep -q "nul-id.ftm.jsonl:1: .*NUL" "$OUT/nul_id.err" && ok "two FtM ids differing after a NUL: exit 3 at line 1" \
  || fail "NUL in an FtM id: exit $rc, $(cat "$OUT/nul_id.err")"
run nul_name 20 "$VIGIL" build -o "$OUT/n.idx" "$OUT/nul-name.ftm.jsonl"
[ $rc -eq 3 ] && grep -q "nul-name.ftm.jsonl:2: .*NUL" "$OUT/nul_name.err" && ok "NUL in an FtM name: exit 3 at line 2" \
  || fail "NUL in an FtM name: exit $rc, $(cat "$OUT/nul_name.err")"
run nul_senzing 20 "$VIGIL" build -o "$OUT/n.idx" --format senzing-json "$OUT/nul.senzing.jsonl"
[ $rc -eq 3 ] && grep -q "nul.senzing.jsonl:1: .*NUL" "$OUT/nul_senzing.err" && ok "NUL in a Senzing name: exit 3" \
  || fail "NUL in a Senzing name: exit $rc, $(cat "$OUT/nul_senzing.err")"
sed '0,/<FIRST_NAME>/s//<FIRST_NAME>x\&#0;/' "$FIX/sources/un.xml" >"$OUT/nul-ref.un.xml"
run nul_xml 20 "$VIGIL" build -o "$OUT/n.idx" --format un-xml "$OUT/nul-ref.un.xml"
[ $rc -eq 3 ] && grep -q "nul-ref.un.xml:[0-9]*: " "$OUT/nul_xml.err" && ok "&#0; in an XML list: exit 3 with FILE:LINE" \
  || fail "NUL in an XML list: exit $rc, $(cat "$OUT/nul_xml.err")"
run escaped 20 "$VIGIL" build -o "$OUT/n.idx" "$OUT/escaped.ftm.jsonl"
[ $rc -eq 0 ] && ok "an escaped backslash before u0000 is text, not a NUL" || fail "escaped backslash: exit $rc"

# --- item 6: outputs that are not regular files ------------------------------
mkfifo "$OUT/fifo.idx"
ln -s "$IDX" "$OUT/link.idx"
mkdir "$OUT/folder.idx"
cat >"$OUT/u.ini" <<EOF
[source people]
format = ftm-json
url = http://127.0.0.1:9/people.ftm.jsonl
EOF
for target in fifo.idx link.idx folder.idx; do
  run "out_$target" 20 "$VIGIL" build -o "$OUT/$target" "$FIX/server/mini.ftm.jsonl"
  [ $rc -eq 2 ] || fail "build -o $target: exit $rc ($(cat "$OUT/out_$target.err"))"
  run "upd_$target" 20 "$VIGIL" update --config "$OUT/u.ini" --index "$OUT/$target"
  [ $rc -eq 2 ] || fail "update --index $target: exit $rc ($(cat "$OUT/upd_$target.err"))"
done
[ -p "$OUT/fifo.idx" ] && [ -L "$OUT/link.idx" ] && [ -d "$OUT/folder.idx" ] &&
  grep -q "readlink -f" "$OUT/out_link.idx.err" && ok "build -o and update --index refuse a FIFO, a symlink (saying what to do) and a folder, and leave them" \
  || fail "outputs replaced: $(ls -l "$OUT" | grep -E 'fifo|link|folder')"
if [ "$(id -u)" = 0 ] && mknod "$OUT/null.idx" c 1 3 2>/dev/null; then
  run out_dev 20 "$VIGIL" build -o "$OUT/null.idx" "$FIX/server/mini.ftm.jsonl"
  [ $rc -eq 2 ] && [ -c "$OUT/null.idx" ] && ok "build -o a device node: exit 2, the node is still a device" \
    || fail "build -o a device node: exit $rc, $(ls -l "$OUT/null.idx")"
fi

# --- item 13: FIFOs with no writer and devices as inputs -----------------------
mkfifo "$OUT/in.fifo"
printf 'name\nViktor Kormilov\n' >"$OUT/q.csv"
for cmd in "build -o $OUT/f.idx $OUT/in.fifo" "build -o $OUT/f.idx --format ftm-json $OUT/in.fifo" \
           "screen -x $IDX $OUT/in.fifo" "scan -x $IDX $OUT/in.fifo" "info $OUT/in.fifo" \
           "screen -x $OUT/in.fifo $OUT/q.csv" "scan -x $IDX /dev/zero" "build -o $OUT/f.idx --format ftm-json /dev/zero" \
           "screen -x $IDX /dev/zero"; do
  # shellcheck disable=SC2086
  run fifo 10 "$VIGIL" $cmd
  if [ $rc -eq 124 ] || [ $rc -eq 0 ]; then fail "vigil $cmd: exit $rc (blocked or accepted)"; fi
done
grep -q "not a regular file\|not an index file" "$OUT/fifo.err" && ok "FIFOs with no writer and devices are refused at once (build, screen, scan, info)" \
  || fail "FIFO/device message: $(cat "$OUT/fifo.err")"

# a stream with no line end (the header line had no length limit) and a
# stream of NUL bytes, on standard input: refused within their first MBs
peak endless 30 sh -c "head -c 200000000 /dev/zero | tr '\\000' a | \"$VIGIL\" screen -x \"$IDX\" -"
[ $rc -eq 3 ] && grep -q -- "-:1: .*limit" "$OUT/endless.err" && [ "$kb" -lt 150000 ] \
  && ok "screen: 200 MB without a line end on stdin: exit 3 at line 1, peak ${kb} KB" \
  || fail "screen, a line without an end: exit $rc, peak ${kb} KB, $(cat "$OUT/endless.err")"
peak zeros_screen 30 sh -c "head -c 200000000 /dev/zero | \"$VIGIL\" screen -x \"$IDX\" -"
[ $rc -eq 3 ] && grep -q -- "-:1: NUL" "$OUT/zeros_screen.err" && [ "$kb" -lt 150000 ] \
  && ok "screen: 200 MB of NUL bytes on stdin: exit 3 at line 1, peak ${kb} KB" \
  || fail "screen, NUL bytes: exit $rc, peak ${kb} KB, $(cat "$OUT/zeros_screen.err")"

# --- item 7: scan streams its input -------------------------------------------
peak zero 20 sh -c "head -c 200000000 /dev/zero | \"$VIGIL\" scan -x \"$IDX\" -"
[ $rc -eq 3 ] && grep -q "byte 0: a NUL" "$OUT/zero.err" && [ "$kb" -lt 150000 ] \
  && ok "200 MB of NUL bytes on stdin: exit 3 at byte 0, peak ${kb} KB" \
  || fail "zeros on stdin: exit $rc, peak ${kb} KB, $(cat "$OUT/zero.err")"
# Memory must not grow with the text: a 32 MB text (eight pieces) peaks
# about where an 8 MB one (two pieces, scanned at once on two threads)
# does, where reading it whole took four times as much.
for size in 8 32; do
  python3 - "$OUT/text$size.txt" "$size" <<'EOF'
import sys
para = ("Yesterday Viktor Kormilov, the owner of Severnaya Logistika LLC, met the press.\n\n"
        "The weather was fine and nothing else happened that day in the city.\n\n")
with open(sys.argv[1], "w") as f:
    f.write(para * (int(sys.argv[2]) * 2 ** 20 // len(para)))
EOF
done
# Under AddressSanitizer freed memory waits in a quarantine of up to 256 MB,
# which a long scan fills and a short one does not: keep it small here so
# the peak is what vigil holds (no effect on other builds).
qa="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
peak small 300 env ASAN_OPTIONS="$qa" "$VIGIL" scan -x "$IDX" "$OUT/text8.txt"
small_kb=$kb
peak big 300 env ASAN_OPTIONS="$qa" "$VIGIL" scan -x "$IDX" "$OUT/text32.txt"
if [ $rc -eq 0 ] && python3 - "$OUT/text32.txt" "$OUT/big.out" <<'EOF'
import json, sys
text = open(sys.argv[1], "rb").read()
ms = json.load(open(sys.argv[2]))["mentions"]
n = text.count(b"Kormilov")
ok = len(ms) == 2 * n and all(text[m["start"]:m["end"]].decode() == m["text"] for m in ms)
ids = {m["result"]["id"] for m in ms}
sys.exit(0 if ok and ids == {"srv-p1", "srv-c1"} else 1)
EOF
then
  [ "$kb" -lt $((small_kb * 3 / 2)) ] && ok "a 32 MB text scanned in pieces: every mention at its offset, peak ${kb} KB (8 MB: ${small_kb} KB)" \
    || fail "a 32 MB text: peak ${kb} KB against ${small_kb} KB for 8 MB (the whole text was held)"
else
  fail "a 32 MB text: exit $rc or wrong mentions ($(head -c 300 "$OUT/big.err"))"
fi
python3 -c "import sys; sys.stdout.write('a' * 6000000)" >"$OUT/oneword.txt"
run oneword 30 "$VIGIL" scan -x "$IDX" "$OUT/oneword.txt"
[ $rc -eq 3 ] && grep -q "no line break or space" "$OUT/oneword.err" && ok "6 MB without a break: exit 3" \
  || fail "6 MB without a break: exit $rc"
run cap 30 "$VIGIL" scan -x "$IDX" --max-bytes 1000000 "$OUT/text8.txt"
[ $rc -eq 3 ] && grep -q "longer than 1000000 bytes" "$OUT/cap.err" && ok "--max-bytes caps a single text: exit 3" \
  || fail "--max-bytes: exit $rc"

# --- item 14: one entity with 200,000 names ------------------------------------
python3 - "$OUT/names.ftm.jsonl" <<'EOF'
import json, sys
names = ["Name Number %d Surname%d" % (i, i * 7) for i in range(200000)]
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "big-1", "schema": "Person", "properties": {"name": names}}) + "\n")
    f.write(json.dumps({"id": "p2", "schema": "Person", "properties": {"name": ["Viktor Kormilov"]}}) + "\n")
EOF
/usr/bin/time -o "$OUT/names.time" -f "%U %S" timeout 300 "$VIGIL" build -o "$OUT/names.idx" "$OUT/names.ftm.jsonl" \
  >"$OUT/names.out" 2>"$OUT/names.err"
rc=$?
# CPU seconds, which another job on the machine does not inflate: about 3
# here (quadratic deduplication took 44 s and more)
cpu=$(tail -1 "$OUT/names.time" | awk '{printf "%d", $1 + $2 + 0.5}')
[ $rc -eq 0 ] && grep -q "entity big-1 has more than 1000 names" "$OUT/names.err" && [ "$cpu" -le 30 ] \
  && ok "an entity with 200,000 names: built in ${cpu} CPU seconds, capped with a warning" \
  || fail "200,000 names: exit $rc after ${cpu} CPU seconds, $(tail -3 "$OUT/names.err")"

if [ $fails -ne 0 ]; then
  echo "$fails checks failed (outputs in $OUT)"
  exit 1
fi
echo "all hostile input checks passed"
