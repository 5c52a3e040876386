#!/usr/bin/env bash
# The tour, part 1 (README "A 5-minute tour", docs/cli.md): render the example movies with this checkout's
# ./moviola, validate one, see the cache at work and an invalid document refused. Prints a transcript; the docs
# paste their examples from it. Needs a JDK 17+ and Maven (./moviola builds itself), and jq.
#   docs/tour/render.sh            (TOUR_DIR=DIR keeps the files there)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq "to pick fields out of the JSON results"
# A cache of its own, so that the run starts from an empty one.
export MOVIOLA_CACHE_DIR="$TOUR_DIR/cache"

show './moviola render examples/slideshow.json -o out.mp4'
show './moviola validate examples/slideshow.json'
show './moviola render examples/hello.json -o hello.mp4 --json | jq "{output, duration, width, height, size, scenes, cache}"'
show './moviola render examples/hello.json -o hello.mp4 --json | jq -c .cache'
printf '%s\n' '{"scenes": [{"background-color": "blu", "elements": [{"type": "imgae", "src": "a.png"}]}]}' >broken.json
show 'cat broken.json'
show './moviola validate broken.json || echo "exit code $?"'
cat >card.json <<'JSON'
{"resolution": "custom", "width": 640, "height": 360, "variables": {"name": "World", "items": ["one", "two"]},
 "scenes": [{"iterate": "items", "duration": 1,
             "elements": [{"type": "text", "text": "Hello, {{ name }}: {{ item }} of {{ count }}"}]}]}
JSON
show 'cat card.json'
show './moviola validate card.json --var name=Moviola --explain'
show './moviola render card.json --var name=Moviola -o card.mp4 --json | jq -c "{output, duration, scenes, warnings}"'
show './moviola cache stats'
show './moviola components | sed -n 1,4p'
show './moviola --version'

# Settings: a flag, then the environment, then a properties file, then the default (docs/configuration.md).
show 'printf "max-duration=3\nmax-scenes=50\n" >moviola.properties'
show './moviola validate examples/hello.json --config moviola.properties || echo "exit code $?"'
show 'MOVIOLA_MAX_DURATION=60 ./moviola validate examples/hello.json --config moviola.properties | sed -n 1p'
show 'MOVIOLA_CACHE_MAX_BYTES=lots ./moviola cache stats || echo "exit code $?"'
