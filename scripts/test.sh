#!/usr/bin/env bash
# Every test Jobcard has, strict: Rust formatting and lints as errors, the core's
# unit and integration tests on real SQLite files (the bindings drift check among
# them) and then again with every test shop on a throwaway PostgreSQL cluster
# started here (scripts/pg-cluster.sh: a temporary folder, a Unix socket and a
# loopback port with TLS, stopped at the end), the UI's typecheck, lint and
# Vitest, then the real app
# built and packaged (`scripts/package.sh --debug`: .deb and .rpm) and driven end
# to end in WebKitGTK under Xvfb through tauri-driver; the .deb is installed,
# started and removed.
# Screenshots land in target/e2e-screens/. Used by
# README.md and by .ci/run; installs what it needs on a bare Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Reuse one build folder outside the clone, so a fresh clone builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobcard-target}"
export CARGO_TERM_COLOR=never
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "Linux packages"
bash scripts/linux-prereqs.sh

step "toolchain"
cargo --version
node --version
cargo fmt --version >/dev/null 2>&1 || { echo "rustfmt is missing: rustup component add rustfmt"; exit 1; }
cargo clippy --version >/dev/null 2>&1 || { echo "clippy is missing: rustup component add clippy"; exit 1; }

step "UI: npm ci, typecheck, lint, format check (prettier), unit tests, build"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
(cd ui && npm run --silent check && npm run --silent lint && npm run --silent format:check && npm test --silent && npm run --silent build)

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test (SQLite files, and a throwaway PostgreSQL cluster for the server-backed store)"
eval "$(bash scripts/pg-cluster.sh start)"
trap 'bash scripts/pg-cluster.sh stop "$PG_CLUSTER_DIR"' EXIT
export JOBCARD_REQUIRE_PG=1
# A real FUSE share for the network-share refusal, where this machine may mount one.
if [ -e /dev/fuse ] && [ "$(id -u)" = 0 ]; then export JOBCARD_REQUIRE_FUSE=1; fi
cargo test --workspace --locked

step "the core suite again, every test shop on the PostgreSQL server"
# The same tests, each shop in its own schema on the throwaway cluster. Left
# out: what only a shop file has (copying and restoring the file, a damaged
# file, killing a writer mid-write, a file on a network share, the SQLite schema upgrades, sqlite3 behind
# the app's back) and what does not touch a shop (the layout checks, the
# command-line and desktop faces).
JOBCARD_TEST_BACKEND=pg cargo test --locked --test core -- \
  --skip store::backup --skip store::contract --skip store::crash --skip store::place \
  --skip shop::audit::a_row_ --skip views::kpi::schema_9 \
  --skip architecture --skip faces

step "the app and its packages: scripts/package.sh --debug (.deb and .rpm)"
bash scripts/package.sh --debug

step "end to end in WebKitGTK (tauri-driver, Xvfb)"
if ! tauri-driver --help >/dev/null 2>&1; then
  cargo install tauri-driver --locked --version 2.1.0
fi
rm -rf target/e2e-screens
# A stuck webview must fail the run, not hold CI until its deadline.
timeout --kill-after=30 900 xvfb-run -a --server-args="-screen 0 1440x900x24" npm --prefix ui run --silent e2e

step "the golden path again, the app on the PostgreSQL server"
# A fresh database on the throwaway cluster; the app reaches it over the
# loopback port, encrypted (TLS) with the server's certificate checked against
# the test authority, through JOBCARD_SERVER as a counter would through its
# server.conn.
psql -h "$PG_CLUSTER_DIR" -p "$PG_PORT" -U jobcard -d postgres -qc "CREATE DATABASE e2e_golden"
JOBCARD_SERVER="host=127.0.0.1 port=$PG_PORT user=jobcard dbname=e2e_golden sslmode=verify-full sslrootcert=$JOBCARD_TEST_PG_CA" \
  timeout --kill-after=30 600 xvfb-run -a --server-args="-screen 0 1440x900x24" \
  node --test --test-concurrency=1 ui/e2e/golden-path.test.mjs

step "the .deb installed, started under Xvfb, removed"
bash scripts/install-test.sh debug
echo "screenshots: $(ls target/e2e-screens | wc -l) in target/e2e-screens/"
