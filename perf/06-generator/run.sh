#!/usr/bin/env bash
# perf/06-generator: strangler generate's work (catalogue read, model, OpenAPI spec, swagger-parser validation of
# YAML and JSON, service project, writing it) on a generated schema of N tables in an embedded PostgreSQL.
# Prints one JSON object on stdout. Usage: perf/06-generator/run.sh [tables ...]   (default "50 500")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/modules/generator"
cp_file="$module/target/perf-classpath.txt"
mvn=("$root/mvnw" -B -q ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local="$MAVEN_REPO_LOCAL"})

if [[ ! -f "$module/target/test-classes/io/strangler/generator/perf/GeneratorBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building modules/generator ..." >&2
    (cd "$root" && "${mvn[@]}" -pl modules/generator -am install -DskipTests >&2 \
        && "${mvn[@]}" -pl modules/generator test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

exec java -Xmx1g -XX:+UseParallelGC -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.generator.perf.GeneratorBenchmark "$@"
