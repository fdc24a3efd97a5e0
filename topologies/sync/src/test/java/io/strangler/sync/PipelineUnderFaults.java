package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.ApplySink;
import io.strangler.core.mapping.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processes of a {@link SyncPipelineProcesses} pipeline during a convergence IT, and what a seed does to
 * them while writers run: the sync killed with SIGKILL and restarted on its state directory (dirty state under
 * exactly-once) or, on seeds with an even value, a second sync instance joining and the first then killed (a
 * rebalance); one capture (side drawn from the seed) killed and restarted; one apply sink (side drawn) closed without
 * warning and restarted. The moments are drawn from the seed and counted in committed writes, so that they fall
 * among the writes however fast the box is.
 */
final class PipelineUnderFaults implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(PipelineUnderFaults.class);
    /** Writes committed after the last event, so that the restarted processors have changes to carry. */
    private static final long WRITES_AFTER_LAST_EVENT = 200;

    /** Something to do to the pipeline once the writers have committed {@code atWrites} changes. */
    record Event(long atWrites, String name, Action action) {
    }

    interface Action {
        void run() throws Exception;
    }

    /** A seed's events in the order they happen, and what they were drawn to hit. */
    record Schedule(List<Event> events, boolean rebalance, Side captureSide, Side applySide) {

        long end() {
            return events.get(events.size() - 1).atWrites() + WRITES_AFTER_LAST_EVENT;
        }

        @Override
        public String toString() {
            return "rebalance: " + rebalance + ", capture " + captureSide.label() + ", apply " + applySide.label();
        }
    }

    private final SyncPipelineProcesses processes;
    private final Map<Side, ChildJvm> captures = new EnumMap<>(Side.class);
    private final Map<Side, ApplySink> applies = new EnumMap<>(Side.class);
    /** Running sync instances, oldest first. */
    private final List<ChildJvm> syncs = new ArrayList<>();
    private final Map<ChildJvm, Path> syncStates = new HashMap<>();
    private int syncStarts;

    PipelineUnderFaults(SyncPipelineProcesses processes) {
        this.processes = processes;
    }

    /** Starts a capture and an apply sink per side and one sync instance. */
    void start() {
        for (Side side : Side.values()) {
            captures.put(side, processes.startCapture(side));
            applies.put(side, processes.startApply(side));
        }
        syncs.add(startSync(processes.dir().resolve("state-0")));
    }

    /** Fails naming the child process that died (a processor that exits is a failure, not a fault injected). */
    void assertChildrenAlive() {
        Stream.concat(syncs.stream(), captures.values().stream()).forEach(child ->
                assertThat(child.isAlive()).as("child process %s", child).isTrue());
    }

    /** The events of one seed, drawn from {@code random} (the seed's own; {@code seed} decides the rebalance). */
    Schedule draw(long seed, Random random) {
        boolean rebalance = Math.floorMod(seed, 2) == 0;
        Side captureSide = random.nextBoolean() ? Side.MONOLITH : Side.SERVICE;
        Side applySide = random.nextBoolean() ? Side.MONOLITH : Side.SERVICE;
        List<Event> events = new ArrayList<>();
        long syncKill = 150 + random.nextInt(900);
        if (rebalance) {
            long join = 100 + random.nextInt(500);
            events.add(new Event(join, "second sync instance joins",
                    () -> syncs.add(startSync(processes.dir().resolve("state-" + syncStarts)))));
            events.add(new Event(join + 300 + random.nextInt(600), "first sync instance killed (rebalance)",
                    () -> syncs.remove(0).kill()));
        } else {
            Path[] killedState = new Path[1];
            events.add(new Event(syncKill, "sync killed", () -> {
                ChildJvm killed = syncs.remove(0);
                killed.kill();
                killedState[0] = syncStates.remove(killed);
            }));
            // the restarted instance finds the killed one's state directory: dirty state under exactly-once
            events.add(new Event(syncKill + 100 + random.nextInt(400), "sync restarted",
                    () -> syncs.add(startSync(killedState[0]))));
        }
        long captureKill = 150 + random.nextInt(900);
        events.add(new Event(captureKill, captureSide.label() + " capture killed",
                () -> captures.remove(captureSide).kill()));
        events.add(new Event(captureKill + 100 + random.nextInt(300), captureSide.label() + " capture restarted",
                () -> captures.put(captureSide, processes.startCapture(captureSide))));
        long applyClose = 150 + random.nextInt(900);
        events.add(new Event(applyClose, applySide.label() + " apply closed", () -> applies.remove(applySide).close()));
        events.add(new Event(applyClose + 50 + random.nextInt(250), applySide.label() + " apply restarted",
                () -> applies.put(applySide, processes.startApply(applySide))));
        events.sort(Comparator.comparingLong(Event::atWrites));
        return new Schedule(List.copyOf(events), rebalance, captureSide, applySide);
    }

    /**
     * Runs each event of {@code schedule} once {@code committed} reaches its moment, then waits for the writes that
     * follow the last one.
     */
    void play(Schedule schedule, LongSupplier committed, int run) throws Exception {
        for (Event event : schedule.events()) {
            await().atMost(Duration.ofSeconds(120)).until(() -> committed.getAsLong() >= event.atWrites());
            LOGGER.info("Run {} at {} committed writes: {}", run, committed.getAsLong(), event.name());
            event.action().run();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> committed.getAsLong() >= schedule.end());
    }

    private ChildJvm startSync(Path stateDirectory) {
        ChildJvm sync = processes.startSync("sync-" + syncStarts++, stateDirectory);
        syncStates.put(sync, stateDirectory);
        return sync;
    }

    /** Kills the child processes and closes the apply sinks. */
    @Override
    public void close() {
        syncs.forEach(ChildJvm::kill);
        captures.values().forEach(ChildJvm::kill);
        applies.values().forEach(ApplySink::close);
    }
}
