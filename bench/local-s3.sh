#!/usr/bin/env bash
# An S3-compatible server (S3Proxy, dev.moviola.cluster.LocalS3) on a free loopback port, for cluster scripts:
#   bench/local-s3.sh DIR [BUCKET...]
# prints one line "endpoint=http://127.0.0.1:PORT access-key=… secret-key=… dir=DIR" and runs until killed. Point
# Moviola at it with MOVIOLA_BLOB_STORE=s3://BUCKET/prefix MOVIOLA_S3_ENDPOINT=… MOVIOLA_S3_PATH_STYLE=true and
# AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY set to the printed keys.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
# S3Proxy runs on Jackson 3, which needs jackson-annotations 2.22 ahead of the project's own (as surefire does it).
mvn -B -q -o dependency:copy -Dartifact=com.fasterxml.jackson.core:jackson-annotations:2.22 -DoutputDirectory=target/local-s3
exec java -cp "target/local-s3/jackson-annotations-2.22.jar:target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    dev.moviola.cluster.LocalS3 "$@"
