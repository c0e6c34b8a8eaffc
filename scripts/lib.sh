# Shared helpers for the scripts: read wasm-pack.toml, put local tools on PATH.
# Sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# setting SECTION KEY: prints a value from wasm-pack.toml (lists joined by spaces).
setting() {
  python3 - "$ROOT/wasm-pack.toml" "$1" "$2" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    value = tomllib.load(f)[sys.argv[2]][sys.argv[3]]
print(" ".join(value) if isinstance(value, list) else value)
PY
}

say() { printf '\033[1m[alama]\033[0m %s\n' "$*" >&2; }
