#!/usr/bin/env bash
# cli_readme_install.sh - the README's deployment section names every file
# `make install` puts: a DESTDIR install of the build, each installed file's
# name looked up in that section.
#
# usage: cli_readme_install.sh VIGIL FIXTURES SHARED BUILD_DIR
set -u
BUILD=$4
HERE=$(cd "$(dirname "$0")" && pwd)
README=$HERE/../README.md
OUT=$BUILD/test-output/readme-install
rm -rf "$OUT"
mkdir -p "$OUT"
if ! DESTDIR=$OUT/root cmake --install "$BUILD" --prefix /usr/local >"$OUT/install.log" 2>&1; then
  cat "$OUT/install.log"; echo "FAIL: cmake --install"; exit 1
fi
section=$(sed -n '/^## Deployment/,/^## /p' "$README")
[ -n "$section" ] || { echo "FAIL: README.md has no '## Deployment' section"; exit 1; }
fails=0 n=0
while read -r f; do
  n=$((n + 1))
  name=$(basename "$f")
  if ! grep -qF "\`$name\`" <<<"$section" && ! grep -qF "/$name\`" <<<"$section"; then
    echo "FAIL: ${f#"$OUT/root"} is installed but README.md's deployment section does not name it"
    fails=$((fails + 1))
  fi
done < <(find "$OUT/root" \( -type f -o -type l \) | sort)
[ "$n" -gt 0 ] || { echo "FAIL: the install put no file"; exit 1; }
echo "cli_readme_install: $n files installed, $fails not named in README.md"
[ "$fails" -eq 0 ]
