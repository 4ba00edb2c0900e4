#!/usr/bin/env bash
# install.sh - `cmake --install` into a DESTDIR lays out what a packager
# expects (command, libvigil.so with its SONAME, libvigil.a, headers,
# vigil.pc, man pages), and a program of one's own (examples/api) builds
# against the installed library through pkg-config, shared and static, and
# runs.
# usage: install.sh BUILD SOURCE CC [SANITIZERS]
set -u
build=$1 src=$2 cc=$3 san=${4:-}
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }
command -v pkg-config >/dev/null || { echo "skipped: no pkg-config"; exit 77; }
tmp=$(mktemp -d "$build/install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root prefix=/opt/vigil-test

DESTDIR=$dest cmake --install "$build" --prefix "$prefix" >"$tmp/log" 2>&1 \
  || { cat "$tmp/log"; echo "FAIL - cmake --install"; exit 1; }
root=$dest$prefix
libdir=$(dirname "$(find "$root" -name 'libvigil.so.*.*' | head -1)")

[ -x "$root/bin/vigil" ] && ok "bin/vigil" || bad "bin/vigil missing"
"$root/bin/vigil" --version | grep -q '^vigil [0-9]' && ok "installed vigil --version" \
  || bad "installed vigil --version"
soname=$(objdump -p "$libdir/libvigil.so" 2>/dev/null | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libvigil.so.0 ] && ok "SONAME $soname" || bad "SONAME is '$soname'"
[ -L "$libdir/libvigil.so" ] && [ -e "$libdir/libvigil.so.0" ] && ok "libvigil.so -> libvigil.so.0 links" \
  || bad "library symlinks"
[ -f "$libdir/libvigil.a" ] && ok "libvigil.a" || bad "libvigil.a missing"
# the shared library exports the public API and nothing of ours beside it
extra=$(nm -D --defined-only "$libdir/libvigil.so" | awk '$2 ~ /[TDBR]/ {print $3}' | grep -v '^vg_' | grep -v '^_' || true)
[ -z "$extra" ] && ok "only vg_* symbols exported" || bad "exported beyond vg_*: $(echo $extra | head -c 300)"
for h in "$src"/include/vigil/*.h; do
  cmp -s "$h" "$root/include/vigil/$(basename "$h")" || bad "header $(basename "$h") not installed"
done
ok "headers installed"
for c in "" $("$root/bin/vigil" --help | awk '/^commands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && !/^  / {on=0}'); do
  page=$root/share/man/man1/vigil${c:+-$c}.1
  if [ ! -f "$page" ]; then bad "man page $(basename "$page") missing"; continue; fi
  if command -v man >/dev/null; then
    out=$(MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/manerr")
    { echo "$out" | grep -q "^SYNOPSIS" && [ ! -s "$tmp/manerr" ]; } || bad "man $(basename "$page"): $(cat "$tmp/manerr")"
  fi
done
ok "a man page for vigil and for each command in vigil --help"

grep -qx "prefix=$prefix" "$libdir/pkgconfig/vigil.pc" && ok "vigil.pc names the install prefix" \
  || bad "vigil.pc: $(grep ^prefix= "$libdir/pkgconfig/vigil.pc")"
# the files sit under DESTDIR: tell pkg-config where the prefix is now
export PKG_CONFIG_PATH=$libdir/pkgconfig
pkg-config() { command pkg-config --define-variable=prefix="$root" "$@"; }
pkg-config --exists vigil && ok "pkg-config finds vigil $(pkg-config --modversion vigil)" \
  || { bad "pkg-config does not find vigil.pc"; exit 1; }
sanflags=${san:+-fsanitize=$san}
# shared: -lvigil resolves to libvigil.so; run with the installed library
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror $sanflags "$src/examples/api/screen_names.c" \
  $(pkg-config --cflags --libs vigil) -o "$tmp/shared" 2>"$tmp/err" \
  && ok "example built against the installed libvigil.so" || { cat "$tmp/err"; bad "shared build"; }
# static libvigil.a, with the libraries it needs (vigil.pc's
# Requires.private and Libs.private) linked as the system has them
reqs=$(pkg-config --print-requires-private vigil | awk '{print $1}')
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror $sanflags "$src/examples/api/screen_names.c" \
  $(pkg-config --cflags vigil) "$libdir/libvigil.a" $(command pkg-config --libs $reqs) \
  $(pkg-config --static --libs-only-other vigil) -lm -o "$tmp/static" 2>"$tmp/err" \
  && ok "example built against the installed libvigil.a" || { cat "$tmp/err"; bad "static build"; }

list=$src/examples/rossotrudnichestvo.ftm.jsonl
if [ -x "$tmp/shared" ]; then
  LD_LIBRARY_PATH=$libdir "$tmp/shared" "$list" "$tmp/a.idx" "Yevgeny Primakov" "Россотрудничество" >"$tmp/out" 2>&1
  rc=$?
  { [ $rc -eq 0 ] && grep -q "ex-primakov-evgeny  score .*MATCH" "$tmp/out" \
      && grep -q "ex-rossotrudnichestvo  score .*MATCH" "$tmp/out"; } \
    && ok "shared example screens both names" || { cat "$tmp/out"; bad "shared example (exit $rc)"; }
  LD_LIBRARY_PATH=$libdir ldd "$tmp/shared" | grep -q "libvigil.so.0 => $libdir" \
    && ok "shared example loads the installed libvigil.so.0" || bad "ldd: $(LD_LIBRARY_PATH=$libdir ldd "$tmp/shared" | grep vigil)"
  LD_LIBRARY_PATH=$libdir "$tmp/shared" "$tmp/missing.jsonl" "$tmp/b.idx" x >"$tmp/out" 2>&1
  [ $? -eq 1 ] && grep -q "missing.jsonl" "$tmp/out" && ok "example reports a missing list by name" \
    || { cat "$tmp/out"; bad "example on a missing list"; }
fi
if [ -x "$tmp/static" ]; then
  "$tmp/static" "$list" "$tmp/s.idx" "Yevgeny Primakov" >"$tmp/out" 2>&1 \
    && grep -q "ex-primakov-evgeny  score .*MATCH" "$tmp/out" \
    && ok "static example screens" || { cat "$tmp/out"; bad "static example"; }
  ! ldd "$tmp/static" | grep -q libvigil && ok "static example needs no libvigil.so" || bad "static example links libvigil.so"
fi
exit $fail
