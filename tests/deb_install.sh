#!/usr/bin/env bash
# deb_install.sh - the Debian packages of `make deb` on a fresh Debian 12:
# a minimal root made by debootstrap from Debian's archive, `apt install` of
# the three .deb files there (their dependencies come from the archive),
# `vigil --version`, `man vigil`, the service user, folders and units
# (systemd-analyze verify, with systemd installed beside), an
# index built and screened as the service user, then remove and purge,
# after which nothing of vigil is left but the system user.
#
# usage: deb_install.sh DEBDIR WORKDIR
#   DEBDIR   the .deb files (build-deb/)
#   WORKDIR  scratch space; WORKDIR/base.tar caches the debootstrapped root
#            between runs (delete it to start from the archive again)
# Needs root, debootstrap and the network to Debian's archive; exits 77
# (skipped) without them.
set -u
debs=$(cd "$1" && pwd) work=$2
suite=bookworm mirror=${DEB_MIRROR:-http://deb.debian.org/debian}
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }
skip() { echo "skipped: $1"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root (chroot)"
command -v debootstrap >/dev/null || skip "no debootstrap (apt-get install debootstrap)"
ls "$debs"/vigil_*.deb "$debs"/libvigil0_*.deb "$debs"/libvigil-dev_*.deb >/dev/null 2>&1 \
  || { echo "FAIL - no vigil, libvigil0 and libvigil-dev packages in $debs (make deb)"; exit 1; }
mkdir -p "$work"
work=$(cd "$work" && pwd)
root=$work/root

if [ ! -s "$work/base.tar" ]; then
  rm -rf "$work/base"
  if ! debootstrap --variant=minbase "$suite" "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -5 "$work/debootstrap.log"
    grep -qiE "resolv|connect|download|Failed getting" "$work/debootstrap.log" \
      && skip "debootstrap could not reach $mirror"
    echo "FAIL - debootstrap"; exit 1
  fi
  tar -C "$work/base" -cf "$work/base.tar" . && rm -rf "$work/base"
fi
rm -rf "$root" && mkdir -p "$root"
tar -C "$root" -xf "$work/base.tar"
cleanup() {
  umount "$root/proc" 2>/dev/null
  [ -n "${KEEP_ROOT:-}" ] || rm -rf "$root"
}
trap cleanup EXIT
mount -t proc proc "$root/proc" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/debs" && cp "$debs"/*.deb "$root/tmp/debs/"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# --- install -----------------------------------------------------------------
in_root apt-get update -qq >"$work/apt.log" 2>&1 || { tail "$work/apt.log"; skip "apt-get update in the root failed (no archive)"; }
[ -x "$root/usr/bin/vigil" ] && bad "vigil is there before the install"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
     $(cd "$root" && ls tmp/debs/vigil_*.deb tmp/debs/libvigil0_*.deb tmp/debs/libvigil-dev_*.deb \
       | sed 's|^|/|') man-db systemd \
     >>"$work/apt.log" 2>&1; then
  ok "apt install ./vigil_*.deb ./libvigil0_*.deb ./libvigil-dev_*.deb on fresh Debian $suite"
else
  tail -30 "$work/apt.log"; echo "FAIL - apt install"; exit 1
fi
# (a chroot has no /dev/pts for dpkg's terminal log: not the package's doing)
grep -E "^(W|E):" "$work/apt.log" | grep -v "Can not write log (Is /dev/pts mounted?)" \
  && bad "apt warned (above)"

# --- what the administrator sees ---------------------------------------------
v=$(in_root vigil --version 2>&1)
echo "$v" | grep -qE '^vigil [0-9]+\.[0-9]+\.[0-9]+$' && ok "vigil --version: $v" || bad "vigil --version: $v"
page=$(in_root env MANPAGER=cat MANWIDTH=80 man vigil 2>&1)
{ echo "$page" | grep -q "^SYNOPSIS" && echo "$page" | grep -q "vigil-serve(1)"; } \
  && ok "man vigil ($(echo "$page" | wc -l) lines)" || { echo "$page" | head; bad "man vigil"; }
in_root env MANPAGER=cat man vigil-update 2>&1 | grep -q -- "--config FILE" \
  && ok "man vigil-update" || bad "man vigil-update"
in_root getent passwd vigil | grep -q ":/var/lib/vigil:/usr/sbin/nologin" \
  && ok "system user vigil (home /var/lib/vigil, no login)" || bad "user: $(in_root getent passwd vigil)"
[ "$(in_root stat -c %U "/var/lib/vigil")" = vigil ] && ok "/var/lib/vigil belongs to vigil" || bad "/var/lib/vigil owner"
for u in vigil-serve.service vigil-update.service vigil-update.timer vigil-serve-reload.path vigil-serve-reload.service; do
  [ -f "$root/lib/systemd/system/$u" ] || bad "unit $u missing"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/vigil-serve.service" ] \
  && [ -L "$root/etc/systemd/system/timers.target.wants/vigil-update.timer" ] \
  && [ -L "$root/etc/systemd/system/paths.target.wants/vigil-serve-reload.path" ] \
  && ok "units installed; server, timer and index watch enabled" || bad "units not enabled"
# systemd was installed beside vigil (a Debian system boots with it)
out=$(in_root systemd-analyze verify $(cd "$root/lib/systemd/system" && ls vigil-* \
      | sed 's|^|/lib/systemd/system/|') 2>&1)
[ -z "$out" ] && ok "systemd-analyze verify of the five units: no complaint" \
  || bad "systemd-analyze verify: $out"
in_root grep -q "^\[source un_sc_sanctions\]" /etc/vigil/vigil-update.ini && ok "/etc/vigil/vigil-update.ini" \
  || bad "no default /etc/vigil/vigil-update.ini"

# --- the service user builds and screens ----------------------------------------
ex=/usr/share/doc/libvigil-dev/examples/rossotrudnichestvo.ftm.jsonl
if chroot --userspec=vigil:vigil "$root" /usr/bin/vigil build -q -o /var/lib/vigil/lists.idx "$ex" \
     >"$work/run.log" 2>&1 \
   && chroot --userspec=vigil:vigil "$root" /usr/bin/vigil match -x /var/lib/vigil/lists.idx \
     "Yevgeny Primakov" >"$work/match.json" 2>>"$work/run.log" \
   && grep -q '"id": "ex-primakov-evgeny"' "$work/match.json"; then
  ok "as user vigil: build /var/lib/vigil/lists.idx and match a name"
else
  cat "$work/run.log"; bad "build and match as vigil"
fi

# --- remove and purge --------------------------------------------------------
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q vigil libvigil-dev libvigil0 \
  >"$work/remove.log" 2>&1 || { tail "$work/remove.log"; bad "apt remove"; }
left=$(in_root dpkg -L vigil 2>/dev/null | grep -v '^/etc' | while read -r f; do [ -f "$root$f" ] && echo "$f"; done)
[ ! -e "$root/usr/bin/vigil" ] && [ -z "$left" ] && [ -f "$root/etc/vigil/vigil-update.ini" ] \
  && ok "remove: program, library, units gone; configuration kept" || bad "after remove: $left"
in_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q vigil \
  >>"$work/remove.log" 2>&1 || { tail "$work/remove.log"; bad "apt purge"; }
leftovers=$(cd "$root" && find etc/vigil etc/default/vigil var/lib/vigil usr/include/vigil \
  lib/systemd/system/vigil-* etc/systemd/system -name '*vigil*' 2>/dev/null)
[ -z "$leftovers" ] && [ -z "$(in_root dpkg -l 2>/dev/null | awk '$2 ~ /vigil/')" ] \
  && ok "purge: nothing of vigil left (but its system user)" || bad "after purge: $leftovers"

echo "root: $root (KEEP_ROOT=1 keeps it)"
exit $fail
