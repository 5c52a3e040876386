#!/usr/bin/env bash
# The tour, part 2 (README "A 5-minute tour", docs/service.md): run `moviola serve` on a free port, submit a
# movie whose sources come from a local web server, watch it render (server-sent events), fetch the result, check
# the signed callback, and do the same through the JSON2Video-compatible /v2 API with a webhook export. Prints a
# transcript; the docs paste their examples from it. Needs a JDK 17+ and Maven (./moviola builds itself), curl,
# jq and openssl.
#   docs/tour/serve.sh            (TOUR_DIR=DIR keeps the files there)
#
# The local web server (docs/tour/TourServer.java) stands in for the client's asset host and callback receiver.
# It listens on 127.0.0.1, which `serve` refuses to fetch from or post to unless the operator allows it: hence
# MOVIOLA_FETCH_ALLOW=127.0.0.1 (docs/security.md).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need curl "to talk to the service"
need jq "to pick fields out of the JSON answers"
need openssl "to check a callback's signature"
# Each server keeps its cache and work files in its data directory, and reads nothing the tour does not set.
unset MOVIOLA_CACHE_DIR MOVIOLA_WORK_DIR MOVIOLA_FETCH_ALLOW MOVIOLA_LOCAL_DIRS MOVIOLA_CONFIG

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The stand-in for the outside world: serves examples/assets and records what is posted to it in received.txt.
java "$root/docs/tour/TourServer.java" "$root/examples/assets" received.txt >assets.port &
pids+=($!)
for _ in $(seq 100); do [ -s assets.port ] && break; sleep 0.2; done
assets="http://127.0.0.1:$(head -1 assets.port)"

# The server, in the background; what it prints goes to serve.log. --port 0 picks a free port.
show 'MOVIOLA_FETCH_ALLOW=127.0.0.1 ./moviola serve --port 0 --data-dir data --api-key demo-key >serve.log 2>&1 &'
show 'serve_pid=$!'
pids+=("$serve_pid")
for _ in $(seq 300); do grep -q 'listening on' serve.log 2>/dev/null && break; sleep 0.2; done
show 'cat serve.log'
url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' serve.log)"
show "url=$url"
show 'curl -s "$url/healthz"; echo'

# The movie: two scenes whose picture and music come from the asset server.
cat >movie.json <<JSON
{
  "resolution": "custom", "width": 640, "height": 360,
  "client-data": {"listing": "L-4821"},
  "elements": [{"type": "audio", "src": "$assets/music.mp3", "duration": -2}],
  "scenes": [
    {"duration": 2, "elements": [
      {"type": "image", "src": "$assets/sunrise.jpg"},
      {"type": "text", "text": "123 Oak Street", "settings": {"font-size": "8vw"}}]},
    {"duration": 2, "transition": {"style": "fade", "duration": 0.5}, "elements": [
      {"type": "image", "src": "$assets/fractal.jpg", "zoom": 2},
      {"type": "text", "text": "Three rooms, one garden", "position": "bottom-center"}]}
  ]
}
JSON
show 'cat movie.json'
show 'jq -n --slurpfile m movie.json --arg cb "'"$assets"'/moviola" "{movie: \$m[0], callbackUrl: \$cb}" >job.json'
show 'curl -s -X POST "$url/v1/render/jobs" -H "x-api-key: demo-key" -H "content-type: application/json" -d @job.json | tee submitted.json; echo'
show 'job=$(jq -r .jobId submitted.json)'
show 'curl -sN "$url/v1/jobs/$job/events" -H "x-api-key: demo-key" >events.txt; grep ^event: events.txt | uniq -c'
show 'cut -c1-110 events.txt'
# The callback is posted once the job is done, a moment after its event stream ends: wait for it to be delivered.
for _ in $(seq 50); do
  curl -s "$url/v1/jobs/$job" -H "x-api-key: demo-key" | jq -e '[.deliveries[] | select(.status == "pending")] | length == 0' >/dev/null && break
  sleep 0.2
done
show 'curl -s "$url/v1/jobs/$job" -H "x-api-key: demo-key" >job-done.json'
show 'jq -c "{status, outputUrl, mediaData}" job-done.json'
show 'jq "{status, progress, outputUrl, mediaData, children, cache, \"client-data\", deliveries: [.deliveries[] | {kind, event, status, attempts: [.attempts[] | {number, statusCode}]}]}" job-done.json'
show 'curl -s -o result.mp4 "$(jq -r .outputUrl job-done.json)"; wc -c <result.mp4'
show 'curl -s -r 0-99 -D - -o /dev/null "$(jq -r .outputUrl job-done.json)" | grep -v ^Date'

# The callback as the receiver got it, and its signature checked as a receiver would.
show 'head -1 received.txt'
show 't=$(head -1 received.txt | sed "s/.*t=\([0-9]*\),.*/\1/"); sig=$(head -1 received.txt | sed "s/.*v1=//")'
show 'printf "%s.%s" "$t" "$(sed -n 2p received.txt)" | openssl dgst -sha256 -hmac "$(cat data/webhook-secret)" | sed "s/.*= //"; echo "$sig"'

# The JSON2Video API: the same movie format, a webhook export instead of a callback.
jq --arg hook "$assets/json2video" '. + {id: "listing-4821", exports: [{destinations: [{type: "webhook", endpoint: $hook}]}]} | del(.["client-data"])' movie.json >v2movie.json
show 'jq -c .exports v2movie.json'
show 'curl -s -X POST "$url/v2/movies" -H "x-api-key: demo-key" -H "content-type: application/json" -d @v2movie.json | tee v2.json; echo'
show 'project=$(jq -r .project v2.json)'
show 'until curl -s "$url/v2/movies?project=$project" -H "x-api-key: demo-key" | jq -e ".movie.status == \"done\"" >/dev/null; do sleep 1; done'
show 'curl -s "$url/v2/movies?project=$project" -H "x-api-key: demo-key" | jq .'
for _ in $(seq 50); do grep -q '^/json2video' received.txt && break; sleep 0.2; done
show 'grep -A1 ^/json2video received.txt | tail -1 | jq .'

# What the service refuses.
show 'curl -s -X POST "$url/v1/render/jobs" -H "x-api-key: demo-key" -d "{\"movie\": {\"scenes\": [{\"elements\": [{\"type\": \"image\"}]}], \"fps\": 500}}" | jq .'
show 'curl -s -i "$url/v1/jobs" | grep -v ^Date'
echo
show 'curl -s -X DELETE "$url/v2/movies?project=$project" -H "x-api-key: demo-key"; echo'

# Keys are managed beside the running server, on its data directory.
show './moviola keys create --data-dir data --label tour'
show './moviola keys list --data-dir data'

# SIGTERM: the server stops taking requests, gives running jobs shutdown-grace to finish, and says so.
show 'kill $serve_pid; wait $serve_pid || true'
show 'cat serve.log'

# The same job on a server without the allow-list: it refuses the local sources and the local callback receiver.
show './moviola serve --port 0 --data-dir refused --api-key demo-key >refused.log 2>&1 &'
show 'refused_pid=$!'
pids+=("$refused_pid")
for _ in $(seq 300); do grep -q 'listening on' refused.log 2>/dev/null && break; sleep 0.2; done
show "url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' refused.log)"
show 'job=$(curl -s -X POST "$url/v1/render/jobs" -H "x-api-key: demo-key" -H "content-type: application/json" -d @job.json | jq -r .jobId)'
for _ in $(seq 120); do
  curl -s "$url/v1/jobs/$job" -H "x-api-key: demo-key" | jq -e '.status == "failed" and (.deliveries[0].attempts | length) > 0' >/dev/null && break
  sleep 0.5
done
show 'curl -s "$url/v1/jobs/$job" -H "x-api-key: demo-key" | jq "{status, error, callback: .deliveries[0].attempts[0].error}"'
show 'kill $refused_pid; wait $refused_pid || true'
