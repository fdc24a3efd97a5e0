#!/usr/bin/env bash
# perf/08-hot-rows: a TPC-B-like application (pgbench's transaction) at a fixed rate on both PostgreSQL databases,
# with the bi-directional sync running (balances as counters) and then without it, on the same databases. Prints one
# JSON object on stdout (per side and phase: tps, latency p50/p95/p99/max, lock waits; convergence and the TPC-B
# invariant after the synced phase), logs on stderr.
# Environment: RATE=200 (tps per side) DURATION_S=60 CONNECTIONS=8 COUNTERS=true COMMIT_INTERVAL_MS=100
# Experiments: PERF_JAVA_OPTS="-Dapply.strangler.apply.batch.size=20 -Dsync.<key>=<value>"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/topologies/sync"
cp_file="$module/target/perf-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/sync/perf/HotRowsBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building topologies/sync ..." >&2
    (cd "$root" && ./mvnw -B -q -pl topologies/sync -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/perf-08-hot-rows.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
timeout --signal=TERM --kill-after=30 900 java ${PERF_JAVA_OPTS:-} -Xmx1g -XX:+UseParallelGC \
    -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.sync.perf.HotRowsBenchmark "$@"
