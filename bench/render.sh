#!/usr/bin/env bash
# Render benchmark: W1/W2/W3 with Moviola vs Moviola giving every frame to x264 vs a hand-written ffmpeg command vs
# the encode-only floor, with peak RSS.   bench/render.sh [runs=3] [quality=medium]      e.g. bench/render.sh 3 low
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
java -cp "target/moviola.jar:target/lib/*" bench/RenderBench.java "${1:-3}" "${2:-medium}"
