#!/usr/bin/env bash
# headers.sh - every public header compiles on its own, as C99 with
# -pedantic and as C++ (an embedding program may include any one of them
# first, from either language), with warnings as errors.
# usage: headers.sh INCLUDE_DIR CC [CXX [GENERATED_INCLUDE_DIR]]
# (the generated directory holds vigil/version.h, made by CMake)
set -u
inc=$1 cc=$2 cxx=${3:-} gen=${4:-$1}
fail=0 n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
try() { # label compiler-and-flags... (reads the source from $tmp/t)
  local label=$1; shift
  if "$@" -c -o "$tmp/t.o" "$tmp/t" 2>"$tmp/err"; then
    echo "ok - $label"
  else
    echo "FAIL - $label"; cat "$tmp/err"; fail=1
  fi
  n=$((n + 1))
}
for h in "$inc"/vigil/*.h; do
  name=vigil/$(basename "$h")
  printf '#include <%s>\nint vg_header_test_%s;\n' "$name" "$(basename "$h" .h)" >"$tmp/t"
  try "$name as C99" "$cc" -x c -std=c99 -pedantic-errors -Wall -Wextra -Werror -I"$inc" -I"$gen"
  if [ -n "$cxx" ]; then
    try "$name as C++" "$cxx" -x c++ -std=c++11 -pedantic-errors -Wall -Wextra -Werror -I"$inc" -I"$gen"
  fi
done
[ -n "$cxx" ] || echo "(no C++ compiler found: C++ part not run)"
echo "$n checked"
[ $fail -eq 0 ] || exit 1
[ -n "$cxx" ] || exit 77
