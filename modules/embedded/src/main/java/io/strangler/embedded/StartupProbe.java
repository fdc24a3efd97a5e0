package io.strangler.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures the embedded runtime: starts Kafka, two PostgreSQL servers and one MariaDB server in this JVM, prints
 * each start-up time and the resident memory of the JVM and of each database server process as one JSON object on
 * stdout, then stops everything. Used by {@code perf/00-embedded-startup/run.sh}.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long begin = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedPostgres pg1 = EmbeddedPostgres.start();
             EmbeddedPostgres pg2 = EmbeddedPostgres.start();
             EmbeddedMariaDb maria = EmbeddedMariaDb.start()) {
            result.put("kafka_startup_ms", kafka.startupMillis());
            result.put("postgres1_startup_ms", pg1.startupMillis());
            result.put("postgres2_startup_ms", pg2.startupMillis());
            result.put("mariadb_startup_ms", maria.startupMillis());
            result.put("all_sequential_ms", (System.nanoTime() - begin) / 1_000_000);
            result.put("jvm_start_to_all_ready_ms", System.currentTimeMillis() - jvmStart);
            result.put("jvm_rss_mb", rssMb(ProcessHandle.current().pid()));
            result.put("postgres1_postmaster_rss_mb", rssMb(pg1.pid()));
            result.put("postgres2_postmaster_rss_mb", rssMb(pg2.pid()));
            result.put("postgres1_all_processes_rss_mb", treeRssMb(pg1.pid()));
            result.put("mariadb_rss_mb", rssMb(maria.pid()));
            result.put("java_version", System.getProperty("java.version"));
            result.put("cpus", Runtime.getRuntime().availableProcessors());
        }
        System.out.println(toJson(result));
    }

    /** VmRSS of one process in MB (one decimal), or -1 if unreadable. */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Math.round(kb / 102.4) / 10.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** RSS of a process and its descendants (PostgreSQL's background workers); shared pages are counted twice. */
    static double treeRssMb(long pid) {
        return ProcessHandle.of(pid).map(root -> root.descendants().mapToDouble(p -> rssMb(p.pid())).sum()
                + rssMb(pid)).map(mb -> Math.round(mb * 10) / 10.0).orElse(-1.0);
    }

    private static String toJson(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + (e.getValue() instanceof String s ? "\"" + s + "\"" : e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}"));
    }
}
