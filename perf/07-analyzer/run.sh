#!/usr/bin/env bash
# perf/07-analyzer: strangler analyze's path (catalogue read, log parse, graph, Leiden sweep, reports) on TABLES tables
# and a PostgreSQL statement log of STATEMENTS statements, next to the baseline of reading the log's lines.
# Prints one JSON object on stdout.
# Usage: perf/07-analyzer/run.sh [tables [statements]]   (default 500 1000000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/modules/analyzer"
cp_file="$module/target/perf-classpath.txt"
mvn_repo=${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL}

if [[ ! -f "$module/target/test-classes/io/strangler/analyzer/perf/AnalyzerBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building modules/analyzer ..." >&2
    (cd "$root" && ./mvnw -B -q $mvn_repo -pl modules/analyzer -am install -DskipTests >&2 \
        && ./mvnw -B -q $mvn_repo -pl modules/analyzer test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

exec java -Xmx1g -XX:+UseParallelGC -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.analyzer.perf.AnalyzerBenchmark "$@"
