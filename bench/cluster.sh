#!/usr/bin/env bash
# Cluster scaling: the same 12-scene job on 1, 2 and 4 `moviola worker` processes of a local cluster (PostgreSQL
# from the system packages and an in-process S3-compatible server, S3Proxy, both on loopback); each scene stands in
# for a heavy one by waiting, so this machine's cores are not the limit. Prints the speed-ups and the dispatch
# latency.      bench/cluster.sh [runs=2] [scene-wait-ms=8000]
# Needs: PostgreSQL's server binaries (Debian: apt-get install postgresql); nothing is started as a system service.
set -euo pipefail
cd "$(dirname "$0")/.."
./moviola --version >/dev/null   # builds target/moviola.jar if needed
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" bench/ClusterBench.java "${1:-2}" "${2:-8000}"
