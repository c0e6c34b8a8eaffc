#!/usr/bin/env bash
# Builds the page into www/: the Wasm module (settings from wasm-pack.toml) into www/pkg and
# the seed articles into www/seeds with an index the page reads.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

out="$(setting build out-dir)"
started=$(date +%s.%N)
# Two modules from the one crate (see [features] in Cargo.toml): the annotator, which the page
# loads at start, and the exchange module, which it loads the first time it is needed.
for module in page exchange; do
  name="$(setting modules "$module")"
  say "building the Wasm module $name ($(setting build profile)) into $out"
  wasm-pack --quiet build --target "$(setting build target)" --out-dir "$out" --out-name "$name" \
    "--$(setting build profile)" --no-pack --no-opt -- --no-default-features --features "$module"
  flags="$(setting wasm-opt flags)"
  # ALAMA_PROFILE=1 keeps the functions' names, for a profiler to show (bench/profile.js).
  [ "${ALAMA_PROFILE:-}" = 1 ] && flags="${flags/--strip-debug/} -g"
  # shellcheck disable=SC2086 # the flags are a list on purpose
  wasm-opt $flags "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  # The bindings' doc comments stay in the .d.ts (the type check and editors read them there);
  # the JavaScript the page fetches goes without them (2 KiB gzip of the start-up budget).
  node -e 'const fs = require("fs"); const f = process.argv[1];
    fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, ""));' "$out/$name.js"
done
rm -f "$out/.gitignore"

rm -rf www/seeds && mkdir -p www/seeds
cp seeds/*.txt www/seeds/
python3 - <<'PY'
import json, os
names = sorted(n for n in os.listdir("seeds") if n.endswith(".txt"))
with open("www/seeds/index.json", "w") as f:
    json.dump(names, f, ensure_ascii=False, indent=1)
PY

sizes=""
for module in page exchange; do
  file="$out/$(setting modules "$module")_bg.wasm"
  sizes+="; $(basename "$file"): $(stat -c %s "$file") bytes, $(gzip -9 -c "$file" | wc -c) gzipped"
done
say "built in $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s$sizes"

# The team sync module (JavaScript, no Rust): loaded by the page only for a team project.
bash scripts/build-team.sh
