#!/usr/bin/env bash
# Every test Jobcard has, strict: formatting, lints as errors, unit and
# integration tests on real SQLite files. Used by README.md and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Reuse one build folder outside the clone, so a fresh clone builds incrementally.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobcard-target}"
export CARGO_TERM_COLOR=never

step() { printf '\n== %s\n' "$*"; }

# The document tests read PDFs with poppler-utils (pdftotext, pdffonts, pdfinfo,
# pdfimages) and check them with qpdf: installed here when missing.
missing=()
for tool in pdftotext:poppler-utils pdffonts:poppler-utils pdfinfo:poppler-utils pdfimages:poppler-utils qpdf:qpdf; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  step "installing ${pkgs}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "please install: ${pkgs}"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends ${pkgs} >/dev/null
fi

step "toolchain"
cargo --version
cargo fmt --version >/dev/null 2>&1 || { echo "rustfmt is missing: rustup component add rustfmt"; exit 1; }
cargo clippy --version >/dev/null 2>&1 || { echo "clippy is missing: rustup component add clippy"; exit 1; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked
