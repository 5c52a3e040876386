#!/usr/bin/env bash
# Cluster scaling: the same 12-scene job on 1, 2 and 4 `moviola worker` processes of a local cluster (PostgreSQL
# from the system packages and an in-process S3-compatible server, S3Proxy, both on loopback); each scene stands in
# for a heavy one by waiting, so this machine's cores are not the limit. Prints the speed-ups and the dispatch
# latency.      bench/cluster.sh [runs=2] [scene-wait-ms=15000]
# Needs: PostgreSQL's server binaries (Debian: apt-get install postgresql); nothing is started as a system service.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v ffmpeg >/dev/null || { echo "bench/cluster.sh: needs ffmpeg on the PATH" >&2; exit 2; }
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# S3Proxy runs on Jackson 3, which needs jackson-annotations 2.22 ahead of the project's own (as surefire does it).
mvn -B -q -o dependency:copy -Dartifact=com.fasterxml.jackson.core:jackson-annotations:2.22 -DoutputDirectory=target/local-s3
java -cp "target/local-s3/jackson-annotations-2.22.jar:target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
    bench/ClusterBench.java "${1:-2}" "${2:-15000}"
