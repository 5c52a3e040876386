#!/usr/bin/env bash
# Text-style benchmark: 10 x 5 s 1080p photo scenes, each with an animated title (a different style per scene),
# against the same movie with every title in style 001, interleaved.   bench/text-styles.sh [runs=3] [quality=high]
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
java -cp "target/moviola.jar:target/lib/*" bench/RenderBench.java styles "${1:-3}" "${2:-high}"
