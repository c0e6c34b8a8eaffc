#!/usr/bin/env bash
# Builds the page into www/: the Wasm module (settings from wasm-pack.toml) into www/pkg and
# the seed articles into www/seeds with an index the page reads.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

out="$(setting build out-dir)"
started=$(date +%s.%N)
say "building the Wasm module ($(setting build profile)) into $out"
wasm-pack --quiet build --target "$(setting build target)" --out-dir "$out" --out-name alama \
  "--$(setting build profile)" --no-typescript --no-pack --no-opt
# shellcheck disable=SC2046 # the flags are a list on purpose
wasm-opt $(setting wasm-opt flags) "$out/alama_bg.wasm" -o "$out/alama_bg.wasm"
rm -f "$out/.gitignore"

rm -rf www/seeds && mkdir -p www/seeds
cp seeds/*.txt www/seeds/
python3 - <<'PY'
import json, os
names = sorted(n for n in os.listdir("seeds") if n.endswith(".txt"))
with open("www/seeds/index.json", "w") as f:
    json.dump(names, f, ensure_ascii=False, indent=1)
PY

raw=$(stat -c %s "$out/alama_bg.wasm")
gz=$(gzip -9 -c "$out/alama_bg.wasm" | wc -c)
say "built in $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s; alama_bg.wasm: $raw bytes, $gz gzipped"
