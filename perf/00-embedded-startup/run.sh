#!/usr/bin/env bash
# Starts Kafka, two PostgreSQL and one MariaDB in one JVM and prints start-up times and memory as JSON.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
module="$root/modules/embedded"
cp_file="$module/target/probe-classpath.txt"

if [[ ! -f "$module/target/classes/io/strangler/embedded/StartupProbe.class" || ! -f "$cp_file" ]]; then
    echo "building modules/embedded ..." >&2
    (cd "$root" && ./mvnw -B -q -pl modules/embedded -am compile dependency:build-classpath \
        -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2)
fi

# logback is a test dependency of the module: the probe borrows it, with a quiet configuration
exec java -Xmx1g -XX:+UseParallelGC -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory -Dlogback.configurationFile="$here/logback.xml" -cp "$module/target/classes:$(cat "$cp_file")" io.strangler.embedded.StartupProbe
