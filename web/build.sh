#!/usr/bin/env bash
# Builds the playground's editor bundle from the npm registry's packages (the versions in package-lock.json) and
# writes it, with the licences of everything in it, under src/main/resources/dev/moviola/playground/, where it is
# committed: the Maven build and the server never need node, and the page loads nothing from elsewhere.
#   web/build.sh        (needs node 18+ and npm)
set -euo pipefail
cd "$(dirname "$0")"
out=../src/main/resources/dev/moviola/playground
npm ci --no-audit --no-fund --loglevel=error
# esbuild's metafile lists the packages that went into the bundle; their licences go beside it.
node bundle.mjs src/editor.js "$out/editor.bundle.js" node_modules/.bundle-meta.json
node licenses.mjs node_modules/.bundle-meta.json > "$out/THIRD-PARTY-LICENSES.txt"
ls -l "$out/editor.bundle.js" "$out/THIRD-PARTY-LICENSES.txt"
