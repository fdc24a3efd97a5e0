package io.strangler.sync.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the CPU goes during a phase, without a profiler: CPU time of this JVM's threads grouped by name (digits and ids
 * stripped, so e.g. all Debezium or all stream threads add up) and of all {@code postgres} processes on the machine
 * (from /proc, Linux only). Seconds of CPU over the phase; 2 cores give at most 2 s per second.
 */
final class CpuAccount {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<Long, Long> threadStart = new HashMap<>();
    private final long postgresStartTicks;

    CpuAccount() {
        for (long id : THREADS.getAllThreadIds()) {
            threadStart.put(id, THREADS.getThreadCpuTime(id));
        }
        postgresStartTicks = postgresTicks();
    }

    /** CPU seconds since construction: the top JVM thread groups, the JVM in total, and PostgreSQL. */
    Map<String, Object> since() {
        Map<String, Double> groups = new HashMap<>();
        double jvm = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long now = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            double seconds = (now - threadStart.getOrDefault(id, 0L)) / 1e9;
            jvm += seconds;
            String group = info.getThreadName().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*").replaceAll("\\d+", "#");
            groups.merge(group, seconds, Double::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm_threads_s", Json.round(jvm));
        out.put("postgres_s", Json.round((postgresTicks() - postgresStartTicks) / TICKS_PER_SECOND));
        Map<String, Object> top = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .forEach(e -> top.put(e.getKey(), Json.round(e.getValue())));
        out.put("top_thread_groups_s", top);
        return out;
    }

    /** utime + stime of every process named postgres (the servers are children of this JVM's helpers). */
    private static long postgresTicks() {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                try {
                    if (!proc.getFileName().toString().matches("\\d+")
                            || !Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
