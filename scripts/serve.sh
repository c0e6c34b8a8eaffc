#!/usr/bin/env bash
# Installs what is missing, builds, and serves www/ on 127.0.0.1 (PORT, default 8080).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
bash scripts/build.sh
port="${PORT:-8080}"
say "Alama is at http://127.0.0.1:$port/  (Ctrl+C stops the server)"
exec python3 -m http.server --bind 127.0.0.1 --directory www "$port"
