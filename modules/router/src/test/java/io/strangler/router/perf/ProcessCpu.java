package io.strangler.router.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process read from {@code /proc/<pid>/stat} (all its threads, user and kernel apart). CPU per request
 * is the benchmark's noise-robust figure: other jobs on the box stretch latencies, but barely change how much CPU a
 * proxy spends on one request.
 *
 * <pre>{@code
 * ProcessCpu cpu = ProcessCpu.of(pid);
 * ProcessCpu.Sample before = cpu.sample();
 * // ... load ...
 * ProcessCpu.Sample used = cpu.sample().minus(before);
 * }</pre>
 */
record ProcessCpu(long pid) {

    /** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ProcessCpu of(long pid) {
        return new ProcessCpu(pid);
    }

    static ProcessCpu self() {
        return new ProcessCpu(ProcessHandle.current().pid());
    }

    /** The first child of {@code parentPid} (nginx's single worker), or the parent itself when it has none. */
    static ProcessCpu firstChildOf(long parentPid) {
        try {
            String children = Files.readString(Path.of("/proc", Long.toString(parentPid), "task",
                    Long.toString(parentPid), "children")).trim();
            return new ProcessCpu(children.isEmpty() ? parentPid : Long.parseLong(children.split("\\s+")[0]));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the children of process " + parentPid, e);
        }
    }

    Sample sample() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may contain spaces) start at field 3 (state)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Sample(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** User and kernel CPU nanoseconds. */
    record Sample(long userNanos, long systemNanos) {

        Sample minus(Sample earlier) {
            return new Sample(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
        }

        long totalNanos() {
            return userNanos + systemNanos;
        }
    }
}
