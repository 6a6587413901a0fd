#!/usr/bin/env bash
# Installs what Jobcard needs on Debian or Ubuntu when it is missing, and says
# what it installs: the WebKitGTK stack Tauri builds against, poppler-utils and
# qpdf (the document tests), Xvfb, xauth and WebKitWebDriver (the end-to-end
# tests), Chromium (the benchmark's comparison, run by its smoke test), PostgreSQL
# (the server-backed store's tests run a throwaway cluster of it), rclone and
# fuse3 (a real FUSE share for the network-share refusal's test), and a
# Chinese font for the screens. `--app` asks only for what running the app needs.
set -euo pipefail

app=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libsoup-3.0-dev fonts-noto-cjk)
tests=(poppler-utils qpdf xvfb xauth webkit2gtk-driver chromium postgresql rclone fuse3)
want=("${app[@]}")
[ "${1:-}" = "--app" ] || want+=("${tests[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install the Tauri v2 Linux prerequisites yourself (https://v2.tauri.app/start/prerequisites/)."
  exit 0
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing the Linux packages Jobcard needs: ${missing[*]}"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install them (as root): apt-get install ${missing[*]}"; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
