#!/usr/bin/env bash
# Motion benchmark (W4): 10 x 5 s 1080p photo scenes alternately zooming in and panning, titles and music, against
# one hand-written ffmpeg command (zoompan) making the same video, interleaved.   bench/motion.sh [runs=3] [quality=high]
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
java -cp "target/moviola.jar:target/lib/*" bench/RenderBench.java motion "${1:-3}" "${2:-high}"
