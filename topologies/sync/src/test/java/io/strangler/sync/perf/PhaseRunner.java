package io.strangler.sync.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one measured phase: every lane's writer at its rate for the duration, in parallel, while watching the backlog
 * (how long ago the newest write that arrived on the other side was due) and the writers' lag behind their schedule. A phase is
 * cut short when a lane's backlog exceeds {@code maxBacklogSeconds} or a writer is that far behind: the
 * rate is then not sustainable and waiting longer only grows the queue. After the writers stop, arrivals are awaited
 * up to {@code drainSeconds}.
 */
final class PhaseRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(PhaseRunner.class);
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** One direction: a writer on one side and the arrival log of the other. */
    record Lane(String name, FixedRateWriter writer, Arrivals target) {
    }

    /** A lane's phase and its arrivals (micros per write, 0 = missing). */
    record LaneResult(Lane lane, FixedRateWriter.Phase phase, long[] arrivals) {
    }

    record Result(List<LaneResult> lanes, boolean aborted, boolean drained, long maxHeapUsedBytes, double seconds,
                  Map<String, Object> cpu) {
    }

    private static final long QUIET_MS = 3_000;

    private final int maxBacklogSeconds;
    private final int drainSeconds;

    PhaseRunner(int maxBacklogSeconds, int drainSeconds) {
        this.maxBacklogSeconds = maxBacklogSeconds;
        this.drainSeconds = drainSeconds;
    }

    Result run(List<Lane> lanes, int ratePerLane, int seconds) throws Exception {
        for (Lane lane : lanes) {
            lane.target().clear();
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        CpuAccount cpu = new CpuAccount();
        long start = System.nanoTime();
        long maxHeap = 0;
        boolean aborted = false;
        try {
            List<Future<FixedRateWriter.Phase>> futures = new ArrayList<>();
            for (Lane lane : lanes) {
                futures.add(pool.submit(() -> lane.writer().run(ratePerLane, seconds)));
            }
            while (!futures.stream().allMatch(Future::isDone)) {
                Thread.sleep(500);
                maxHeap = Math.max(maxHeap, MEMORY.getHeapMemoryUsage().getUsed());
                for (int i = 0; i < lanes.size() && !aborted; i++) {
                    Lane lane = lanes.get(i);
                    // how old the newest write that arrived is: the pipeline's backlog in time
                    long backlogMs = (FixedRateWriter.nowMicros()
                            - lane.writer().intendedMicrosOfTag(lane.target().maxTag())) / 1_000;
                    long lagMs = lane.writer().lagMicros() / 1_000;
                    if (backlogMs > maxBacklogSeconds * 1_000L || lagMs > maxBacklogSeconds * 1_000L) {
                        LOGGER.warn("{} at {}/s: newest arrival written {} ms ago, writer {} ms behind schedule: not"
                                + " sustainable, stopping the phase", lane.name(), ratePerLane, backlogMs, lagMs);
                        aborted = true;
                    }
                }
                if (aborted) {
                    lanes.forEach(lane -> lane.writer().abort());
                }
            }
            List<FixedRateWriter.Phase> phases = new ArrayList<>();
            for (Future<FixedRateWriter.Phase> f : futures) {
                phases.add(f.get());
            }
            double writeSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> cpuSeconds = cpu.since();
            boolean drained = awaitDrain(lanes, phases);
            List<LaneResult> results = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                results.add(new LaneResult(lanes.get(i), phases.get(i), lanes.get(i).target().arrivalsOf(phases.get(i))));
            }
            return new Result(results, aborted, drained, maxHeap, writeSeconds, cpuSeconds);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until every lane's non-shared writes have arrived, or no arrival came for {@value #QUIET_MS} ms (the apply
     * sink coalesces writes of one key, so some never arrive by themselves), at most drainSeconds.
     */
    private boolean awaitDrain(List<Lane> lanes, List<FixedRateWriter.Phase> phases) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        long total = -1;
        long quietSince = System.nanoTime();
        while (true) {
            boolean all = true;
            long now = 0;
            for (int i = 0; i < lanes.size(); i++) {
                long count = lanes.get(i).target().count();
                now += count;
                if (count < expected(phases.get(i))) {
                    all = false;
                }
            }
            if (now != total) {
                total = now;
                quietSince = System.nanoTime();
            }
            if (all || System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                LOGGER.warn("backlog not drained {} s after the writers stopped", drainSeconds);
                return false;
            }
            Thread.sleep(100);
        }
    }

    private static long expected(FixedRateWriter.Phase phase) {
        long n = 0;
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] != FixedRateWriter.SHARED) {
                n++;
            }
        }
        return n;
    }
}
