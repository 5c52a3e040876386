#!/usr/bin/env bash
# Prints how long templating and planning take for a 1 000-item iterate (issue: "compiles in under a second").
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
java -cp "target/moviola.jar:target/lib/*" bench/IterateBench.java "${1:-1000}"
