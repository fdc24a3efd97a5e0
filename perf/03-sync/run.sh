#!/usr/bin/env bash
# perf/03-sync: fixed-rate mixed writes on both PostgreSQL databases -> commit on the other side through Strangler's
# bi-directional sync (capture x2 -> sync -> apply x2), per direction, at each rate; and, in the same run, perf/02's
# one-way pipeline at the same total rates as the baseline. Prints one JSON object on stdout, logs on stderr.
# Environment: RATES=1000,5000,10000 DURATION_S=60 COMMIT_INTERVAL_MS=100 WARMUP_S=5 SHARED_SHARE=0.02
#              MAX_BACKLOG_S=5 DRAIN_S=90 SKIP_BASELINE=false
# Smoke run: DURATION_S=10 perf/03-sync/run.sh
# Experiments: PERF_JAVA_OPTS="-Dsync.streams.<key>=<value> -Dapply.<key>=<value> -Dreplicate.<key>=<value>"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/topologies/sync"
cp_file="$module/target/perf-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/sync/perf/SyncBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building topologies/sync ..." >&2
    (cd "$root" && ./mvnw -B -q -pl topologies/sync -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/perf-03-sync.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
# bounded: each rate stops early when its backlog passes MAX_BACKLOG_S seconds of writes
timeout --signal=TERM --kill-after=30 1500 java ${PERF_JAVA_OPTS:-} -Xmx1g -XX:+UseParallelGC \
    -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.sync.perf.SyncBenchmark "$@"
