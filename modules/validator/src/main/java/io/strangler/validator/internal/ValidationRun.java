package io.strangler.validator.internal;

import io.strangler.core.mapping.Side;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.OrphanCounts;
import io.strangler.validator.ProgressListener;
import io.strangler.validator.TableValidation;
import io.strangler.validator.ValidationException;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validation run over planned tables: plans segments (or takes them from the checkpoint), compares every
 * unfinished segment on a pool of connection pairs, records each in the checkpoint, and assembles the result.
 */
public final class ValidationRun {

    private static final Logger LOGGER = LoggerFactory.getLogger(ValidationRun.class);
    private static final long ROWS_PER_SEGMENT = 50_000;
    private static final int MAX_SEGMENTS = 256;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ConnectionSource monolithSource;
    private final ConnectionSource serviceSource;
    private final List<TablePlan> plans;
    private final ValidationOptions options;
    private final Map<String, List<ForeignKeyCheck>> foreignKeys;
    /** Connection pairs for the workers: the planning pair first, more opened on demand up to the parallelism. */
    private BlockingQueue<ConnectionPair> pool;
    private final List<ConnectionPair> created = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param foreignKeys per mapping name, the foreign keys to check for orphans; empty when the check is off
     */
    public ValidationRun(ConnectionSource monolith, ConnectionSource service, List<TablePlan> plans,
                         ValidationOptions options, Map<String, List<ForeignKeyCheck>> foreignKeys) {
        this.monolithSource = monolith;
        this.serviceSource = service;
        this.plans = List.copyOf(plans);
        this.options = options;
        this.foreignKeys = Map.copyOf(foreignKeys);
    }

    /** Runs to completion or throws {@link ValidationException}; the checkpoint keeps what finished. */
    public ValidationResult run(ConnectionPair planning) {
        String fingerprint = "tables=" + plans.stream().map(TablePlan::name).toList() + " mode=" + options.mode().label()
                + " segments=" + options.segments() + " leafRows=" + options.leafRows();
        Checkpoint checkpoint = Checkpoint.openOrCreate(options.checkpoint(), fingerprint);
        Map<String, Long> estimates = new LinkedHashMap<>();
        for (TablePlan plan : plans) {
            estimates.put(plan.name(), planTable(planning, plan, checkpoint));
        }
        checkpoint.save();
        long executeStart = System.nanoTime();
        execute(planning, checkpoint, estimates);
        LOGGER.debug("Compared all segments in {} ms", (System.nanoTime() - executeStart) / 1_000_000);
        // after the segments, not checkpointed: one anti-join per foreign key and side, cheap next to the comparison
        Map<String, OrphanFinder.Outcome> orphans = new LinkedHashMap<>();
        for (TablePlan plan : plans) {
            if (options.foreignKeys()) {
                orphans.put(plan.name(), new OrphanFinder(plan, foreignKeys.getOrDefault(plan.name(), List.of()),
                        options.maxDetails()).find(planning));
            }
        }
        List<TableValidation> tables = plans.stream()
                .map(plan -> assemble(plan, checkpoint.table(plan.name()), orphans.get(plan.name()))).toList();
        checkpoint.delete();
        return new ValidationResult(checkpoint.runId(), checkpoint.started(), Instant.now(), tables);
    }

    private long planTable(ConnectionPair connections, TablePlan plan, Checkpoint checkpoint) {
        try {
            long rows = Math.max(TableSizing.estimateRows(connections.monolith(), plan.monolith()),
                    TableSizing.estimateRows(connections.service(), plan.service()));
            if (checkpoint.resumed(plan.name())) {
                LOGGER.info("Resuming {}: {} of {} segments already compared", plan.name(),
                        checkpoint.table(plan.name()).done().size(), checkpoint.table(plan.name()).segments().size());
                return rows * 2;
            }
            ValidationMode mode = chooseMode(plan, rows, remote(connections));
            List<Segment> segments = segments(connections, plan, mode, rows);
            checkpoint.plan(plan.name(), mode.label(), segments.stream().map(Segment::id).toList());
            LOGGER.info("Validating {} ({} ~{} rows) by {} in {} segments", plan.name(), plan.monolith().qualifiedName(),
                    rows, mode.label(), segments.size());
            return rows * 2;
        } catch (SQLException e) {
            throw new ValidationException("mapping '" + plan.name() + "': cannot size " + plan.monolith().qualifiedName()
                    + " / " + plan.service().qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether either database is reached over a network rather than loopback: only then does the checksum mode's
     * saving (counts and sums instead of rows) outweigh its cost (an MD5 per row inside the database), which on a
     * shared machine is higher than streaming the rows (perf/04-validator).
     */
    private static boolean remote(ConnectionPair connections) {
        return !isLoopback(connections.monolith()) || !isLoopback(connections.service());
    }

    private static boolean isLoopback(Connection connection) {
        try {
            return isLoopbackUrl(connection.getMetaData().getURL());
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether a JDBC URL's (first) host is a loopback address; false when it cannot tell. */
    static boolean isLoopbackUrl(String url) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^jdbc:[a-z]+://(?:\\[([^\\]]+)\\]|([^/:?,]+))")
                .matcher(url == null ? "" : url);
        if (!matcher.find()) {
            return false;
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private ValidationMode chooseMode(TablePlan plan, long rows, boolean remote) {
        return switch (options.mode()) {
            case MERGE -> ValidationMode.MERGE;
            case CHECKSUM -> {
                if (plan.checksumUnsupported().isPresent()) {
                    throw new ValidationException("mapping '" + plan.name() + "': checksum mode is not possible: "
                            + plan.checksumUnsupported().get() + " (use --mode merge or auto)");
                }
                yield ValidationMode.CHECKSUM;
            }
            case AUTO -> remote && plan.checksumUnsupported().isEmpty() && rows >= options.autoChecksumMinRows()
                    ? ValidationMode.CHECKSUM : ValidationMode.MERGE;
        };
    }

    private List<Segment> segments(ConnectionPair connections, TablePlan plan, ValidationMode mode, long rows)
            throws SQLException {
        switch (plan.segmentation()) {
            case INTEGER_RANGE -> {
                Optional<long[]> m = TableSizing.keyBounds(connections.monolith(), plan.monolith());
                Optional<long[]> s = TableSizing.keyBounds(connections.service(), plan.service());
                if (m.isEmpty() && s.isEmpty()) {
                    return List.of(new Segment.All());
                }
                long low = Math.min(m.map(b -> b[0]).orElse(Long.MAX_VALUE), s.map(b -> b[0]).orElse(Long.MAX_VALUE));
                long high = Math.max(m.map(b -> b[1]).orElse(Long.MIN_VALUE), s.map(b -> b[1]).orElse(Long.MIN_VALUE));
                int count = options.segments() > 0 ? options.segments()
                        : (int) Math.max(options.parallelism(), Math.min(MAX_SEGMENTS, rows / ROWS_PER_SEGMENT));
                return Segment.Range.divide(low, high, count);
            }
            case KEY_HASH -> {
                // hash segments filter by an MD5 the database computes per row, so each is a full scan: worth it
                // only when most segments then match by checksum and are never streamed
                return mode == ValidationMode.CHECKSUM ? Segment.HashPrefix.all(1) : List.of(new Segment.All());
            }
            default -> {
                return List.of(new Segment.All());
            }
        }
    }

    private void execute(ConnectionPair planning, Checkpoint checkpoint, Map<String, Long> estimates) {
        List<Runnable> work = new ArrayList<>();
        long estimated = estimates.values().stream().mapToLong(Long::longValue).sum();
        AtomicLong rowsDone = new AtomicLong();
        long startNanos = System.nanoTime();
        for (TablePlan plan : plans) {
            Checkpoint.TableState state = checkpoint.table(plan.name());
            ValidationMode mode = ValidationMode.valueOf(state.mode().toUpperCase(java.util.Locale.ROOT));
            SegmentComparator comparator = new SegmentComparator(plan, options.maxDetails(), options.leafRows());
            AtomicInteger finished = new AtomicInteger(state.done().size());
            for (String id : state.segments()) {
                if (state.done().containsKey(id)) {
                    continue;
                }
                Segment segment = Segment.parse(id);
                work.add(() -> {
                    ConnectionPair pair = borrow();
                    try {
                        SegmentOutcome outcome = mode == ValidationMode.CHECKSUM
                                ? comparator.checksum(pair.monolith(), pair.service(), segment)
                                : comparator.merge(pair.monolith(), pair.service(), segment);
                        checkpoint.done(plan.name(), id, outcome);
                        long done = rowsDone.addAndGet(outcome.monolithRows() + outcome.serviceRows());
                        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
                        options.progress().onProgress(new ProgressListener.Progress(plan.name(), finished.incrementAndGet(),
                                state.segments().size(), done, estimated, done / seconds));
                    } finally {
                        release(pair);
                    }
                });
            }
        }
        if (work.isEmpty()) {
            return;
        }
        pool = new ArrayBlockingQueue<>(options.parallelism());
        pool.add(planning);
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(options.parallelism(), work.size()), runnable -> {
            Thread thread = new Thread(runnable, "strangler-validator-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            work.forEach(task -> futures.add(executor.submit(task)));
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof ValidationException validation) {
                throw validation;
            }
            throw new ValidationException("validation failed: " + cause, cause);
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new ValidationException("validation interrupted; finished segments are in the checkpoint", e);
        } finally {
            executor.shutdownNow();
            for (ConnectionPair pair : created) {
                pair.close();
            }
        }
    }

    private ConnectionPair borrow() {
        ConnectionPair pair = pool.poll();
        if (pair != null) {
            return pair;
        }
        ConnectionPair fresh = ConnectionPair.open(monolithSource, serviceSource);
        created.add(fresh);
        return fresh;
    }

    private void release(ConnectionPair pair) {
        for (Connection connection : List.of(pair.monolith(), pair.service())) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOGGER.debug("rollback after a segment failed: {}", e.getMessage());
            }
        }
        pool.offer(pair);
    }

    private TableValidation assemble(TablePlan plan, Checkpoint.TableState state, OrphanFinder.Outcome orphans) {
        SegmentOutcome total = SegmentOutcome.EMPTY;
        for (String id : state.segments()) {
            SegmentOutcome outcome = state.done().get(id);
            if (outcome == null) {
                throw new ValidationException("mapping '" + plan.name() + "': segment " + id + " was not compared");
            }
            total = total.plus(outcome, options.maxDetails());
        }
        List<io.strangler.validator.Discrepancy> details = new ArrayList<>(total.details());
        if (orphans != null) {
            details.addAll(orphans.sample());
        }
        return new TableValidation(plan.name(), plan.side(Side.MONOLITH).qualifiedName(),
                plan.side(Side.SERVICE).qualifiedName(), ValidationMode.valueOf(state.mode().toUpperCase(java.util.Locale.ROOT)),
                total.monolithRows(), total.serviceRows(), total.matching(), total.missingOnService(),
                total.missingOnMonolith(), total.differing(), details, total.truncated(),
                state.segments().size(), total.rowsMerged(), orphans == null ? OrphanCounts.NOT_CHECKED : orphans.counts());
    }
}
