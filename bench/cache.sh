#!/usr/bin/env bash
# Cache benchmark: W1 cold, repeated unchanged, and with one title edited, against the encode-only floor.
#   bench/cache.sh [runs=3] [quality=high]
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
java -cp "target/moviola.jar:target/lib/*" bench/RenderBench.java cache "${1:-3}" "${2:-high}"
