#!/usr/bin/env bash
# Runs the Jobcard desktop app (release build). Its database lives in the OS
# app-data folder (~/.local/share/app.jobcard.counter/jobcard.db on Linux);
# printed documents go to Documents/Jobcard. On Debian/Ubuntu, the Linux
# packages Tauri needs are installed first when missing (it says which).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobcard-target}"
[ "$(uname)" = Linux ] && bash scripts/linux-prereqs.sh --app
[ -d ui/node_modules ] || (cd ui && npm ci --no-audit --no-fund --loglevel=error)
(cd ui && npm run --silent build)
cargo build --release --locked -p jobcard-app --features tauri/custom-protocol
exec "$CARGO_TARGET_DIR/release/jobcard-app" "$@"
