#!/usr/bin/env bash
# perf/01-capture: sustained workload on the sample monolith (embedded PostgreSQL) captured to an embedded broker.
# Prints captured changes/s and commit -> topic latency percentiles as one JSON object on stdout.
# Usage: perf/01-capture/run.sh [throughputSeconds=20] [latencySeconds=20] [latencyOpsPerSecond=100] [rowsPerTable=100]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/connectors/capture"
cp_file="$module/target/perf-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/capture/perf/CaptureBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building connectors/capture ..." >&2
    (cd "$root" && ./mvnw -B -q -pl connectors/capture -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

exec java -Xmx1g -XX:+UseParallelGC -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.capture.perf.CaptureBenchmark "$@"
