#!/usr/bin/env bash
# perf/04-validator: batch validation of the sample's largest table (order_items) with N rows per side and 0.1 % of
# rows in each discrepancy kind, by streaming merge and by checksum push-down, next to the physical baseline
# (SELECT sum(hashtext(t::text)) FROM order_items t). Prints one JSON object on stdout.
# Usage: perf/04-validator/run.sh [rowsPerSide ...]   (default 1000000; e.g. "1000000 5000000" for the memory check)
#        PARALLELISM=2 perf/04-validator/run.sh; SERVICE_ENGINE=mariadb perf/04-validator/run.sh (cross-engine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/modules/validator"
cp_file="$module/target/perf-classpath.txt"

if [[ ! -f "$module/target/test-classes/io/strangler/validator/perf/ValidatorBenchmark.class" || ! -f "$cp_file" ]]; then
    echo "building modules/validator ..." >&2
    (cd "$root" && ./mvnw -B -q -pl modules/validator -am install -DskipTests >&2 \
        && ./mvnw -B -q -pl modules/validator test-compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

exec java -Xmx512m -XX:+UseParallelGC -Dparallelism="${PARALLELISM:-2}" -DserviceEngine="${SERVICE_ENGINE:-postgresql}" \
    -Dlogback.configurationFile="$here/logback.xml" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" \
    io.strangler.validator.perf.ValidatorBenchmark "$@"
