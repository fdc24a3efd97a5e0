package io.strangler.embedded.sample;

import io.strangler.embedded.sample.internal.Rng;
import io.strangler.embedded.sample.internal.Sessions;
import io.strangler.embedded.sample.internal.WorkloadOperations;
import io.strangler.embedded.sample.internal.WorkloadOperations.Effect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A seeded, optionally rate-limited random mix of inserts, updates and deletes over a database that holds the
 * generated sample data (same {@code rowsPerTable}). Each operation is one transaction (placing an order
 * inserts the order, its items, maybe a payment and an audit event together). Inserted rows take ids from
 * this workload's own range {@code idOffset + 1, idOffset + 2, ...}, so two workloads with offsets at least
 * as far apart as their operation counts never insert the same key; give them the same offset to make them
 * collide on purpose (insert/insert conflicts when they write to two synced databases). Updates and deletes
 * pick generated rows as well as the workload's own, so two workloads on synced databases do touch the same
 * rows.
 *
 * <p>One instance runs on one connection at a time; separate instances are independent and may run in
 * parallel, e.g. one against the monolith and one against the service. Two instances on the same database
 * may deadlock now and then; such an operation is rolled back and counted as failed, not retried. A database
 * that holds only some sample tables can be driven with {@link Config#withOperations} and
 * {@link Operation#writingOnly}; foreign keys to tables it lacks must not be declared there.
 *
 * <pre>{@code
 * var config = SampleWorkload.Config.of(7L, 1_000, 1_000_000_000L).withOperationsPerSecond(200);
 * SampleWorkload.Result result = new SampleWorkload(config).run(connection, 10_000, Duration.ofMinutes(1));
 * }</pre>
 */
public final class SampleWorkload {

    private static final Logger LOGGER = LoggerFactory.getLogger(SampleWorkload.class);
    private static final int KEPT_FAILURE_MESSAGES = 10;

    /** What the workload does, with its relative weight in the mix and the tables it writes. */
    public enum Operation {
        /** Insert an order with 1-4 items, a payment half of the time, and an audit event. */
        PLACE_ORDER(20, "orders", "order_items", "payments", "audit_log"),
        UPDATE_ORDER_STATUS(15, "orders"),
        CHANGE_PRICE(10, "products"),
        ADJUST_INVENTORY(10, "inventory"),
        ADD_REVIEW(8, "reviews"),
        /** Insert a cart with 1-3 items. */
        CREATE_CART(8, "carts", "cart_items"),
        DELETE_CART_ITEM(8, "cart_items"),
        CAPTURE_PAYMENT(6, "payments"),
        UPDATE_CUSTOMER(6, "customers"),
        RECORD_LOGIN(6, "users"),
        /** Delete an order with its items, coupons, payments and shipments, and log an audit event. */
        DELETE_ORDER(3, "order_coupons", "order_items", "payments", "shipments", "orders", "audit_log");

        private final int weight;
        private final List<String> tables;

        Operation(int weight, String... tables) {
            this.weight = weight;
            this.tables = List.of(tables);
        }

        public int weight() {
            return weight;
        }

        /** Tables this operation inserts into, updates or deletes from. */
        public List<String> tables() {
            return tables;
        }

        /** The operations that write only to the given tables, e.g. those a service database holds. */
        public static Set<Operation> writingOnly(Collection<String> tables) {
            Set<Operation> operations = EnumSet.noneOf(Operation.class);
            for (Operation operation : values()) {
                if (tables.containsAll(operation.tables)) {
                    operations.add(operation);
                }
            }
            return operations;
        }
    }

    /**
     * @param seed                equal seeds give equal operation sequences
     * @param sizes               sizes of the generated data the workload runs on
     * @param idOffset            inserted ids start at idOffset + 1; at least {@link SampleSizes#maxGeneratedId()}
     * @param operationsPerSecond target rate, 0 for as fast as possible
     * @param clock               source of the timestamps written (UTC, truncated to microseconds)
     * @param operations          the kinds to draw from (by weight); not empty
     */
    public record Config(long seed, SampleSizes sizes, long idOffset, double operationsPerSecond, Clock clock,
                         Set<Operation> operations) {
        public Config {
            Objects.requireNonNull(sizes, "sizes");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(operations, "operations");
            if (operations.isEmpty()) {
                throw new IllegalArgumentException("operations must not be empty");
            }
            operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
            if (idOffset < sizes.maxGeneratedId()) {
                throw new IllegalArgumentException("idOffset " + idOffset + " would collide with generated ids up to "
                        + sizes.maxGeneratedId());
            }
            if (!(operationsPerSecond >= 0) || Double.isInfinite(operationsPerSecond)) {
                throw new IllegalArgumentException("operationsPerSecond must be >= 0 and finite, was "
                        + operationsPerSecond);
            }
        }

        /** Unlimited rate, system UTC clock. */
        public static Config of(long seed, int rowsPerTable, long idOffset) {
            return new Config(seed, SampleSizes.of(rowsPerTable), idOffset, 0, Clock.systemUTC(),
                    EnumSet.allOf(Operation.class));
        }

        public Config withOperationsPerSecond(double rate) {
            return new Config(seed, sizes, idOffset, rate, clock, operations);
        }

        public Config withClock(Clock newClock) {
            return new Config(seed, sizes, idOffset, operationsPerSecond, newClock, operations);
        }

        /** Only these kinds, e.g. {@code Operation.writingOnly(serviceTables)}. */
        public Config withOperations(Set<Operation> kinds) {
            return new Config(seed, sizes, idOffset, operationsPerSecond, clock, kinds);
        }
    }

    /**
     * What one run did.
     *
     * @param operations       committed operations per kind (operations that matched no row included)
     * @param rowsInserted     rows inserted by committed operations
     * @param rowsUpdated      rows updated by committed operations
     * @param rowsDeleted      rows deleted by committed operations
     * @param failedOperations operations rolled back after an SQL error
     * @param failures         the first few failure messages, for diagnosis
     * @param elapsed          wall-clock time of the run
     */
    public record Result(Map<Operation, Long> operations, long rowsInserted, long rowsUpdated, long rowsDeleted,
                         long failedOperations, List<String> failures, Duration elapsed) {
        public Result {
            operations = Collections.unmodifiableMap(new EnumMap<>(operations));
            failures = List.copyOf(failures);
            Objects.requireNonNull(elapsed, "elapsed");
        }

        public long committedOperations() {
            return operations.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Config config;
    private final Rng rng;
    private final AtomicLong nextId;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopRequested;

    public SampleWorkload(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.rng = Rng.of(config.seed());
        this.nextId = new AtomicLong(config.idOffset());
    }

    /** Asks a running {@link #run} to return after its current operation. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs until {@code maxOperations} were attempted, {@code maxDuration} passed, {@link #stop()} or interrupt. */
    public Result run(Connection connection, long maxOperations, Duration maxDuration) throws SQLException {
        return run(connection, SampleEngine.of(connection), maxOperations, maxDuration);
    }

    /**
     * As {@link #run(Connection, long, Duration)} with an explicit engine. SQL errors of single operations are
     * rolled back and counted; a lost connection ends the run with the exception.
     */
    public Result run(Connection connection, SampleEngine engine, long maxOperations, Duration maxDuration)
            throws SQLException {
        if (maxOperations < 0) {
            throw new IllegalArgumentException("maxOperations must be >= 0, was " + maxOperations);
        }
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("this workload is already running; create one instance per connection");
        }
        stopRequested = false;
        long started = System.nanoTime();
        long deadline = started + maxDuration.toNanos();
        double intervalNanos = config.operationsPerSecond() > 0 ? 1e9 / config.operationsPerSecond() : 0;
        Map<Operation, Long> counts = new EnumMap<>(Operation.class);
        List<String> failures = new ArrayList<>();
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        long failed = 0;
        Sessions.Saved saved = Sessions.prepare(connection, engine);
        try (WorkloadOperations operations = new WorkloadOperations(connection, engine, config.sizes(), rng,
                config.clock(), nextId::incrementAndGet)) {
            for (long attempt = 0; attempt < maxOperations; attempt++) {
                if (intervalNanos > 0) {
                    waitUntil(started + (long) (attempt * intervalNanos), deadline);
                }
                if (stopRequested || Thread.currentThread().isInterrupted() || System.nanoTime() - deadline >= 0) {
                    break;
                }
                Operation operation = nextOperation();
                try {
                    Effect effect = operations.execute(operation);
                    connection.commit();
                    counts.merge(operation, 1L, Long::sum);
                    inserted += effect.inserted();
                    updated += effect.updated();
                    deleted += effect.deleted();
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    if (connection.isClosed() || isConnectionFailure(e)) {
                        throw e;
                    }
                    failed++;
                    if (failures.size() < KEPT_FAILURE_MESSAGES) {
                        failures.add(operation + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")");
                    }
                    LOGGER.warn("Workload operation {} failed and was rolled back: {} (SQLState {})", operation,
                            e.getMessage(), e.getSQLState());
                }
            }
        } finally {
            Sessions.restore(connection, saved);
            running.set(false);
        }
        Result result = new Result(counts, inserted, updated, deleted, failed, failures,
                Duration.ofNanos(System.nanoTime() - started));
        LOGGER.info("Workload (seed {}, ids after {}) on {}: {} operations committed, {} failed, in {} ms",
                config.seed(), config.idOffset(), engine, result.committedOperations(), failed,
                result.elapsed().toMillis());
        return result;
    }

    private Operation nextOperation() {
        int total = 0;
        for (Operation operation : config.operations()) {
            total += operation.weight();
        }
        int draw = rng.between(0, total - 1);
        for (Operation operation : config.operations()) {
            draw -= operation.weight();
            if (draw < 0) {
                return operation;
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    private void waitUntil(long target, long deadline) {
        long until = Math.min(target, deadline);
        while (!stopRequested && !Thread.currentThread().isInterrupted()) {
            long remaining = until - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            LockSupport.parkNanos(remaining);
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOGGER.warn("Rollback after a failed workload operation failed: {}", e.getMessage());
        }
    }
}
