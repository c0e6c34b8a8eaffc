#!/usr/bin/env bash
# A local team server to try: Redis and PostgreSQL on loopback ports in a folder of their
# own, two Hocuspocus instances (PORT and PORT+1, default 8091 and 8092) serving the page,
# a project made of the seed articles; prints the lead's and members' links; Ctrl+C stops it all.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/install.sh
[ -f www/pkg/alama_bg.wasm ] || bash scripts/build.sh
exec node server/try.js
