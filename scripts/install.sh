#!/usr/bin/env bash
# Installs everything the build and the tests need, and nothing twice: each step checks
# first and skips in well under a second when the tool is already there.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

cargo_tool() { # cargo_tool CRATE BINARY VERSION
  local have
  have="$("$2" --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$3" ]; then
    say "installing $1 $3 (found: ${have:-none}); about 2 minutes"
    cargo install "$1" --version "$3" --force
  fi
}
cargo_tool wasm-pack wasm-pack "$(setting tools wasm-pack)"
cargo_tool wasm-bindgen-cli wasm-bindgen "$(setting tools wasm-bindgen-cli)"

if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null
fi

# The team server's stack (scripts/team.sh, tests/team/, bench/team.js): Debian's Redis and
# PostgreSQL, run by the scripts as unprivileged processes in a folder of their own; the
# packages' own system services are not used.
if ! command -v redis-server >/dev/null || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
  say "installing Debian's redis-server and postgresql (the team server's stack)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq redis-server postgresql >/dev/null
fi

if ! [ -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! python3 -c "import jsonschema" 2>/dev/null; then
  say "installing the Python jsonschema package"
  python3 -m pip install --quiet jsonschema
fi

# The format tests (tests/formats) run the reference tools for real: spaCy reads the JSONL,
# seqeval the CoNLL, Hugging Face's datasets loads the token classification export, and
# agreement is checked against seqeval, nervaluate and scikit-learn. nervaluate is pinned
# to 1.x: src/agree.rs follows its partial-match rules; datasets to the version whose
# dataset card features (List, ClassLabel) the export is tested with.
if ! python3 - 2>/dev/null <<'PY'
from importlib.metadata import version
assert version("seqeval") == "1.2.2" and version("nervaluate").startswith("1.")
assert version("scikit-learn") and version("spacy").startswith("3.")
assert version("datasets") == "4.8.5"
PY
then
  say "installing the Python packages the format tests run: seqeval, nervaluate, scikit-learn, spaCy, datasets"
  python3 -m pip install --quiet "seqeval==1.2.2" "nervaluate>=1.2,<2" "scikit-learn>=1.5" "spacy>=3.7,<4" "datasets==4.8.5"
fi
