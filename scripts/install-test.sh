#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built (the newest in the target
# folder) with apt, checks what it put where (the binary, its desktop entry
# and icons), starts the installed app under Xvfb and sees its first-start
# screen (ui/e2e/installed.spec.mjs), then removes the package and checks it
# is gone. Needs root or sudo; part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobcard-target}"
profile="${1:-debug}"
deb=$(ls -t "$CARGO_TARGET_DIR/$profile"/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no .deb in $CARGO_TARGET_DIR/$profile/bundle/deb: run scripts/package.sh first"; exit 1; }
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
package=$(dpkg-deb --field "$deb" Package)
echo "installing $deb ($package $(dpkg-deb --field "$deb" Version))"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -qq "$deb" >/dev/null
trap '$sudo apt-get remove -y -qq "$package" >/dev/null 2>&1 || true' EXIT

bin=$(dpkg -L "$package" | grep '^/usr/bin/' | head -1)
desktop=$(dpkg -L "$package" | grep '\.desktop$' | head -1)
[ -x "$bin" ] || { echo "the package installed no program in /usr/bin"; exit 1; }
[ -n "$desktop" ] && grep -q '^Name=Jobcard' "$desktop" || { echo "no desktop entry named Jobcard"; exit 1; }
dpkg -L "$package" | grep -q '/usr/share/icons/hicolor/.*/apps/.*\.png' || { echo "no icons installed"; exit 1; }
echo "installed: $bin, $desktop"

JOBCARD_APP="$bin" timeout --kill-after=30 300 xvfb-run -a --server-args="-screen 0 1280x820x24" \
  node --test ui/e2e/installed.spec.mjs

$sudo apt-get remove -y -qq "$package" >/dev/null
trap - EXIT
if [ -e "$bin" ]; then echo "removing $package left $bin behind"; exit 1; fi
echo "removed $package: $bin is gone"
