#!/usr/bin/env bash
# Runs every test: the formatters' checks, the core (cargo test, clippy, the architecture
# test), the bindings in headless Chromium (wasm-pack test), the Python consumer's own
# tests, the page's type check against the bindings' .d.ts, and the page end to end (node
# --test driving Debian's Chromium), after installing whatever is missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
started=$(date +%s)

bash scripts/install.sh

say "formatting: cargo fmt, prettier (pinned in package.json)"
cargo fmt --check
prettier --check --log-level warn "www/**/*.js" "tests/**/*.js" "bench/**/*.js" "scripts/*.js" "server/*.js"

say "core: cargo test (with the architecture test: tests/architecture.rs)"
cargo test --quiet
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib --tests -- -D warnings
# Each Wasm module the page loads is built alone (scripts/build.sh): no dead code in either.
for module in page exchange; do
  cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features --features "$module" -- -D warnings
done

say "bindings: wasm-pack test --headless --chrome"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome -- --test web

say "Python export consumer: its own tests"
python3 -m unittest discover -s tests/consumer

say "formats: exports read by spaCy, seqeval, datasets and a brat check, INCEpTION's TSV read back; agreement equal to seqeval, nervaluate, scikit-learn"
cargo build --quiet --bin alama
python3 -m unittest discover -s tests/formats

say "the page's wording: every coded refusal and note in English (as the core words it) and Arabic"
node --test tests/words/

say "page: release build, the type check against the bindings' .d.ts, then end to end in Chromium"
bash scripts/build.sh
tsc -p tsconfig.json
say "team server: real Redis, PostgreSQL and two Hocuspocus instances (tests/team/): sync, every refusal, kill -9, PostgreSQL restart, the page on two devices"
node --test --test-timeout=300000 --test-force-exit tests/team/
# A test file that hangs fails after 15 minutes instead of holding up the run.
node --test --test-timeout=900000 tests/e2e/

say "every test passed in $(( $(date +%s) - started )) s"
