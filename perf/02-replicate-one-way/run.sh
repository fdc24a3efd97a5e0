#!/usr/bin/env bash
# perf/02-replicate-one-way: commit on a source PostgreSQL -> commit on a target PostgreSQL, through Strangler's
# one-way pipeline (capture -> replicate stage -> apply) and, in the same run, PostgreSQL's native logical replication.
# Prints latency percentiles, max sustained changes/s and the Strangler/native ratios as one JSON object on stdout.
# Any pipeline key can be set for an experiment with PERF_JAVA_OPTS="-Dreplicate.<key>=<value> ...".
# Usage: perf/02-replicate-one-way/run.sh [latencySeconds=30] [ratePerSecond=50] [burstRows=20000] [commitIntervalMs=100]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/topologies/replicate"
cp_file="$module/target/perf-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/replicate/perf/ReplicateBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building topologies/replicate ..." >&2
    (cd "$root" && ./mvnw -B -q -pl topologies/replicate -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

# PERF_JAVA_OPTS: e.g. -Dreplicate.apply.strangler.apply.linger.ms=0 sets any replicate pipeline key
exec java ${PERF_JAVA_OPTS:-} -Xmx1g -XX:+UseParallelGC -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.replicate.perf.ReplicateBenchmark "$@"
