package io.strangler.apply.internal;

import io.strangler.apply.TargetUnavailableException;
import io.strangler.core.registry.SchemaRegistryException;
import io.strangler.core.topic.ReplayedRecords;
import io.strangler.schemas.ApplyCommand;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's single thread: polls the apply topic, writes batches through {@link BatchApplier}, and keeps the
 * consumer positioned where the offsets table says.
 *
 * <p>The database is the only authority on progress. After every (re)connection, every partition assignment, a
 * fence violation and any failure whose outcome is unknown (a lost connection during commit), the buffered records
 * are dropped and each partition is sought to its stored next offset, or to the beginning when none is stored.
 * Kafka's committed offsets are only written, as a monitoring aid, never read.
 */
public final class SinkLoop implements Runnable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final int TRANSIENT_RETRIES = 5;

    /** What the loop needs to know and to talk to; built by {@code ApplySink}. */
    public record Settings(String target, String jdbcUrl, String jdbcUrlForLogs, Properties jdbcProperties, String topic,
                           int batchSize, Duration linger, Duration backoff, Duration maxBackoff, boolean replicationSession,
                           boolean synchronousCommit, Duration transactionWait) {
    }

    private final Settings settings;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<ApplyCommand> deserializer;
    private final Dialect dialect;
    private final OffsetStore offsets;
    private final BatchApplier applier;
    private final ApplyMetrics metrics;
    private final Supplier<Boolean> running;

    /** Records polled and not yet applied: whole source transactions leave it together. */
    private final TransactionGate gate;
    private Connection connection;
    private boolean needsResync = true;
    private boolean replicationSessionActive;
    private volatile String lastError = "";
    private Instant downSince;

    public SinkLoop(Settings settings, Consumer<String, byte[]> consumer, Deserializer<ApplyCommand> deserializer,
                    Dialect dialect, OffsetStore offsets, BatchApplier applier, ApplyMetrics metrics,
                    Supplier<Boolean> running) {
        this.settings = settings;
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.dialect = dialect;
        this.offsets = offsets;
        this.applier = applier;
        this.metrics = metrics;
        this.running = running;
        this.gate = new TransactionGate(settings.transactionWait());
    }

    public String lastError() {
        return lastError;
    }

    public boolean replicationSessionActive() {
        return replicationSessionActive;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(settings.topic()), new Rebalance());
        try {
            while (running.get()) {
                if (!ensureConnected()) {
                    continue;
                }
                if (needsResync) {
                    resync();
                    continue;
                }
                List<SourceRecord> batch = nextBatch();
                if (!batch.isEmpty() && !needsResync && connection != null) {
                    write(batch);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private boolean ensureConnected() throws InterruptedException {
        if (connection != null) {
            return true;
        }
        long backoff = settings.backoff().toMillis();
        while (running.get()) {
            try {
                connection = connect();
                markUp();
                needsResync = true;
                return true;
            } catch (SQLException e) {
                closeConnection();
                markDown(e);
                pausedWait(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
        return false;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcProperties());
        try {
            replicationSessionActive = dialect.prepareSession(c, settings.replicationSession(), settings.target());
            if (!settings.synchronousCommit()) {
                dialect.commitWithoutFlush(c, settings.target());
            }
            c.setAutoCommit(false);
            offsets.ensureTable(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Keeps the group membership alive while the database is away: poll with every partition paused. */
    private void pausedWait(long millis) {
        consumer.pause(consumer.assignment());
        consumer.poll(Duration.ofMillis(millis)); // records of partitions assigned meanwhile are dropped: resync follows
        consumer.pause(consumer.assignment());
    }

    private void resync() {
        Set<TopicPartition> assigned = consumer.assignment();
        try {
            seekToStored(assigned);
            gate.clear();
            consumer.resume(consumer.paused());
            needsResync = false;
        } catch (SQLException e) {
            connectionLost(e);
        }
    }

    private void seekToStored(Collection<TopicPartition> partitions) throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Integer, Long> stored = offsets.readNextOffsets(connection);
        requireTopicNotRecreated(partitions, stored);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition.partition());
            if (next == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        LOGGER.info("Apply sink '{}' positioned {} from {}: stored next offsets {}, from the beginning {}",
                settings.target(), settings.topic(), offsets.table(), stored, fromStart);
    }

    /**
     * A stored next offset beyond a partition's end means the topic is not the one these offsets were written for: it
     * was re-created or truncated (a new Kafka cluster, a disaster recovery, a reset environment). Seeking there would
     * skip every command below the old offset in silence, so the sink stops and says how to reset. (Not detected: a
     * re-created topic that already holds more records than the old one had.)
     */
    private void requireTopicNotRecreated(Collection<TopicPartition> partitions, Map<Integer, Long> stored) {
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            LOGGER.debug("Apply sink '{}': end offsets unavailable ({}); re-created topic check skipped",
                    settings.target(), e.getMessage());
            return;
        }
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition.partition());
            Long end = ends.get(partition);
            if (next != null && end != null && next > end) {
                throw new TopicRecreatedException("apply topic " + partition.topic() + " partition "
                        + partition.partition() + " ends at offset " + end + ", but " + settings.target()
                        + " has already applied it up to offset " + next + " (table " + offsets.table() + ", group "
                        + offsets.group() + "): the topic was re-created or truncated, and every command below "
                        + next + " would be skipped. To apply the new topic from its start, delete the sink's rows"
                        + " (DELETE FROM " + offsets.table() + " WHERE consumer_group = '" + offsets.group()
                        + "' AND topic = '" + partition.topic() + "') and start the sink again (docs/apply.md)");
            }
        }
    }

    /** The apply topic is not the one the stored offsets were written for; see {@link #requireTopicNotRecreated}. */
    public static final class TopicRecreatedException extends RuntimeException {
        TopicRecreatedException(String message) {
            super(message);
        }
    }

    /**
     * Polls until a batch is ready: the linger has passed since its first record, or a batch size of records can be
     * released. A batch is what {@link TransactionGate} releases: it ends at a source transaction's end, so it may
     * exceed the batch size by the rest of a transaction. Records held for their transaction's rest (nothing
     * releasable) wait like an idle sink, for the next poll.
     */
    private List<SourceRecord> nextBatch() throws InterruptedException {
        long deadline = gate.releasable(System.nanoTime())
                ? System.currentTimeMillis() + settings.linger().toMillis() : -1;
        while (running.get() && !needsResync) {
            long timeout = deadline < 0 ? IDLE_POLL.toMillis() : deadline - System.currentTimeMillis();
            if (deadline >= 0 && timeout <= 0) {
                break;
            }
            var polled = consumer.poll(Duration.ofMillis(Math.max(0, timeout)));
            try {
                decodeInto(polled);
            } catch (RegistryUnavailableException e) {
                LOGGER.warn("Apply sink '{}': schema registry unavailable, retrying: {}", settings.target(),
                        e.getMessage());
                needsResync = true;
                pausedWait(settings.backoff().toMillis());
                return List.of();
            }
            if (gate.size() == 0) {
                return List.of();
            }
            if (deadline < 0) {
                deadline = System.currentTimeMillis() + settings.linger().toMillis();
            }
            if (gate.size() >= settings.batchSize() && gate.releasable(System.nanoTime())) {
                break;
            }
        }
        if (needsResync) {
            return List.of();
        }
        TransactionGate.Release release = gate.release(System.nanoTime());
        metrics.transactions(release.wholeTransactions(), release.partialTransactions().size(), gate.size());
        if (!release.partialTransactions().isEmpty()) {
            LOGGER.warn("Apply sink '{}': applying {} source transaction(s) without all of their commands after"
                    + " waiting {} ms (e.g. {}): a change of theirs was dead-lettered by the sync or replayed late;"
                    + " counted in strangler.apply.transactions.partial", settings.target(),
                    release.partialTransactions().size(), settings.transactionWait().toMillis(),
                    String.join(", ", release.partialTransactions().subList(0,
                            Math.min(3, release.partialTransactions().size()))));
        }
        return release.records();
    }

    private void write(List<SourceRecord> records) throws InterruptedException {
        for (int attempt = 1; running.get(); attempt++) {
            long started = System.nanoTime();
            try {
                BatchApplier.Result result = applier.apply(connection, records);
                long now = Instant.now().toEpochMilli() * 1_000L;
                metrics.batchCommitted(result, System.nanoTime() - started, now);
                commitToKafka(result.nextOffsets());
                return;
            } catch (FenceException e) {
                LOGGER.warn("Apply sink '{}': {}; seeking to the stored offsets", settings.target(), e.getMessage());
                needsResync = true;
                return;
            } catch (DeadLetters.UnavailableException e) {
                LOGGER.warn("Apply sink '{}': {}; the batch was rolled back and will be retried", settings.target(),
                        e.getMessage());
                needsResync = true;
                pausedWait(settings.backoff().toMillis());
                return;
            } catch (SQLException e) {
                if (SqlErrors.classify(e) == SqlErrors.Kind.TRANSIENT && attempt < TRANSIENT_RETRIES) {
                    LOGGER.debug("Apply sink '{}': transient failure {} (attempt {}), retrying", settings.target(),
                            SqlErrors.sqlState(e), attempt);
                    continue;
                }
                // the outcome of a commit interrupted by a lost connection is unknown: only the table can tell
                connectionLost(e);
                return;
            }
        }
    }

    private void decodeInto(Iterable<ConsumerRecord<String, byte[]>> polled) throws RegistryUnavailableException {
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : polled) {
            ApplyCommand command = null;
            RuntimeException error = null;
            try {
                command = deserializer.deserialize(record.topic(), record.value());
                if (command == null) {
                    error = new IllegalArgumentException("record has no value (tombstone)");
                } else if (ReplayedRecords.isReplayed(record.headers())) {
                    // a dead letter sent again on its own: the rest of its transaction was applied long ago
                    command.setTransaction(null);
                }
            } catch (RuntimeException e) {
                if (registryUnavailable(e)) {
                    throw new RegistryUnavailableException(e);
                }
                error = e;
            }
            gate.add(new SourceRecord(record.topic(), record.partition(), record.offset(), record.key(),
                    record.value(), command, error), now);
        }
    }

    private static boolean registryUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return registry.errorCode() == SchemaRegistryException.UNREACHABLE || registry.httpStatus() >= 500;
            }
        }
        return false;
    }

    private void commitToKafka(Map<Integer, Long> nextOffsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        nextOffsets.forEach((partition, next) -> {
            TopicPartition topicPartition = new TopicPartition(settings.topic(), partition);
            // Past the transaction markers the sync writes after its commands, once every polled record of the
            // partition is applied; otherwise kafka-consumer-groups.sh would show a lag of 1 forever at quiescence.
            boolean drained = !gate.holds(partition);
            long position = drained && consumer.assignment().contains(topicPartition)
                    ? Math.max(next, consumer.position(topicPartition)) : next;
            commit.put(topicPartition, new OffsetAndMetadata(position));
        });
        consumer.commitAsync(commit, (done, error) -> {
            if (error != null) {
                LOGGER.debug("Apply sink '{}': monitoring commit to Kafka failed (harmless): {}", settings.target(),
                        error.getMessage());
            }
        });
    }

    private void connectionLost(SQLException e) {
        closeConnection();
        needsResync = true;
        markDown(e);
    }

    private void markDown(SQLException e) {
        TargetUnavailableException error = new TargetUnavailableException(settings.target(), settings.jdbcUrlForLogs(), e);
        lastError = error.getMessage();
        if (downSince == null) {
            downSince = Instant.now();
            metrics.reachable(false);
            LOGGER.warn("{}; retrying with backoff up to {} ms, nothing is skipped", error.getMessage(),
                    settings.maxBackoff().toMillis());
        }
    }

    private void markUp() {
        metrics.reachable(true);
        if (downSince != null) {
            LOGGER.info("Apply sink '{}': target database {} reachable again after {} ms", settings.target(),
                    settings.jdbcUrlForLogs(), Duration.between(downSince, Instant.now()).toMillis());
        } else {
            LOGGER.info("Apply sink '{}' connected to {} (replication session {})", settings.target(),
                    settings.jdbcUrlForLogs(), replicationSessionActive ? "on" : "off");
        }
        downSince = null;
        lastError = "";
    }

    private void closeConnection() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOGGER.debug("Closing the target connection failed: {}", e.getMessage());
        }
    }

    /** Positions new partitions from the table; forgets buffered records of partitions taken away. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (connection == null || needsResync) {
                needsResync = true;
                consumer.pause(partitions);
                return;
            }
            try {
                seekToStored(partitions);
            } catch (SQLException e) {
                connectionLost(e);
                consumer.pause(partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            gate.forget(partitions.stream().map(TopicPartition::partition).toList(), System.nanoTime());
        }
    }

    private static final class RegistryUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        RegistryUnavailableException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
