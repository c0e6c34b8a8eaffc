#!/usr/bin/env bash
# Bundles the team sync module (www/team/sync.js with Yjs and @hocuspocus/provider) with the
# pinned esbuild into www/team/dist/alama_team.js, which the page imports only for a
# workspace that belongs to a team project; prints its gzip size.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
esbuild www/team/sync.js --bundle --format=esm --platform=browser --target=es2022 --minify \
  --legal-comments=none --log-level=warning --outfile=www/team/dist/alama_team.js
file=www/team/dist/alama_team.js
say "team sync module: $(stat -c %s "$file") bytes, $(gzip -9 -c "$file" | wc -c) gzipped"
