#!/usr/bin/env bash
# Builds Jobcard's installable packages for this system with `tauri build`:
# on Linux a .deb (Debian, Ubuntu) and an .rpm (Fedora, openSUSE); on Windows
# an .msi and an NSIS setup .exe; on macOS a .app and a .dmg. Packages land in
# $CARGO_TARGET_DIR/<profile>/bundle/. `--debug` builds them from the debug
# app (what the test suite installs, to reuse its build); without it, release.
#
# AppImage is not built here: Tauri's AppImage bundler downloads linuxdeploy
# and its plugins from GitHub at build time, which an offline build machine
# cannot reach. The CI workflow (.github/workflows/packages.yml) builds it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobcard-target}"
export PATH="$HOME/.cargo/bin:$PATH"

profile=release
flags=()
if [ "${1:-}" = "--debug" ]; then profile=debug; flags+=(--debug); fi

case "$(uname -s)" in
  Linux) bundles="deb,rpm"; bash scripts/linux-prereqs.sh --app ;;
  Darwin) bundles="app,dmg" ;;
  *) bundles="msi,nsis" ;;
esac

[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
(cd src-tauri && "$root/ui/node_modules/.bin/tauri" build "${flags[@]}" --bundles "$bundles" --ci)
echo "packages:"
find "$CARGO_TARGET_DIR/$profile/bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.msi' -o -name '*.exe' -o -name '*.dmg' \) -print
