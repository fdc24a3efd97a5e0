package io.strangler.capture;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.strangler.capture.internal.CapturedRecord;
import io.strangler.capture.internal.ChangeConverter;
import io.strangler.capture.internal.ConversionException;
import io.strangler.capture.internal.DeadLetterFactory;
import io.strangler.capture.internal.KafkaSink;
import io.strangler.capture.internal.OpenTransaction;
import io.strangler.capture.internal.OriginTracker;
import io.strangler.capture.internal.ProgressReporter;
import io.strangler.capture.internal.TransactionStamper;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium batch consumer: converts every record, produces it, waits until Kafka has acknowledged the whole batch
 * and only then marks the records processed, so an offset is never committed ahead of its data. A record that
 * cannot be converted is dead-lettered (and acknowledged like any other) unless dead letters are disabled.
 *
 * <p>Each change says where it sits in its source transaction ({@link TransactionStamper}); a transaction still open
 * at the end of a batch is held, neither sent nor marked processed, and handled with the next batch, so it is
 * published whole (or, after a restart, delivered again whole). One handler per engine run: what it holds when the
 * engine stops was never marked processed and is simply dropped.
 */
final class ChangeHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOGGER = LoggerFactory.getLogger(ChangeHandler.class);
    /** How often the progress watermark is published at most: readers need seconds, not every batch. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final ChangeConverter converter;
    private final OriginTracker origins;
    private final KafkaSink sink;
    private final DeadLetterFactory deadLetters;
    private final String dlqTopic;
    private final boolean dlqEnabled;
    private final Duration produceTimeout;
    private final CaptureMetrics metrics;
    private final Clock clock;
    private final Runnable onFirstBatch;
    private final String source;
    private final String originsTopic;
    private final String progressTopic;
    private final ProgressReporter progress = new ProgressReporter(PROGRESS_INTERVAL);
    /** The open transaction last persisted (and acknowledged) on {@link #originsTopic}. */
    private OpenTransaction persistedOpen;
    private final TransactionStamper stamper;
    /** The records of the transaction open at the end of the last batch, from its BEGIN on: not marked processed. */
    private List<Pending> held = List.of();
    private volatile boolean sawBatch;

    /**
     * @param originsTopic where the transaction open at the end of each batch is persisted for {@code source}
     *                     ({@link OriginTracker#openTransaction()})
     * @param progressTopic where the commit time up to which every change is published goes ({@link ProgressReporter})
     * @param stamper       sets each change's position in its transaction and says which open transaction to hold
     */
    ChangeHandler(ChangeConverter converter, OriginTracker origins, KafkaSink sink, DeadLetterFactory deadLetters, String dlqTopic,
            boolean dlqEnabled, Duration produceTimeout, CaptureMetrics metrics, Clock clock, Runnable onFirstBatch,
            String source, String originsTopic, String progressTopic, TransactionStamper stamper) {
        this.converter = converter;
        this.stamper = stamper;
        this.origins = origins;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.dlqTopic = dlqTopic;
        this.dlqEnabled = dlqEnabled;
        this.produceTimeout = produceTimeout;
        this.metrics = metrics;
        this.clock = clock;
        this.onFirstBatch = onFirstBatch;
        this.source = source;
        this.originsTopic = originsTopic;
        this.progressTopic = progressTopic;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        if (!sawBatch) {
            sawBatch = true;
            onFirstBatch.run();
        }
        List<Pending> batch = new ArrayList<>(held.size() + events.size());
        batch.addAll(held);
        for (RecordChangeEvent<SourceRecord> event : events) {
            batch.add(follow(event));
        }
        TransactionStamper.Plan plan = stamper.plan(batch.stream().map(Pending::published).toList());
        List<Pending> publish = batch.subList(0, plan.publishCount());
        List<Pending> hold = List.copyOf(batch.subList(plan.publishCount(), batch.size()));
        if (!hold.isEmpty()) {
            LOGGER.debug("Holding {} record(s) of an open transaction for the next batch", hold.size());
        }
        serialize(publish);
        List<Future<RecordMetadata>> acks = new ArrayList<>(publish.size());
        List<String> ackTopics = new ArrayList<>(publish.size());
        List<RowChange> changes = new ArrayList<>();
        int transactionCount = 0;
        int deadLetterCount = 0;
        for (Pending pending : publish) {
            if (pending.failure != null) {
                acks.add(deadLetter(pending.event.record(), pending.failure));
                ackTopics.add(dlqTopic);
                deadLetterCount++;
                continue;
            }
            if (pending.published() == null) {
                continue;
            }
            CapturedRecord captured = pending.captured;
            acks.add(sink.send(captured.topic(), captured.key(), pending.value, captured.rowKey()));
            ackTopics.add(captured.topic());
            if (captured.value() instanceof RowChange change) {
                changes.add(change);
            } else {
                transactionCount++;
            }
        }
        // A transaction still open at the cut may be resumed in the middle by the next engine run (the offsets
        // committed with this batch point into it); that run cannot see its BEGIN, so record who wrote it, acknowledged
        // with the batch, before the batch is marked processed. With a held transaction the cut is just before its
        // BEGIN, where normally nothing is open; an oversized transaction is published as it comes and may be open.
        Optional<OpenTransaction> open = hold.isEmpty() ? origins.openTransaction() : hold.get(0).openBefore;
        if (open.isPresent() && !open.get().equals(persistedOpen)) {
            acks.add(sink.send(originsTopic, source, open.get().encode(), null));
            ackTopics.add(originsTopic);
        }
        long latestCommit = changes.stream().mapToLong(RowChange::getSourceCommitMicros).max().orElse(Long.MIN_VALUE);
        // held changes are not published yet: a batch that only holds is not idle
        boolean idle = changes.isEmpty() && transactionCount == 0 && deadLetterCount == 0 && hold.isEmpty();
        Optional<byte[]> watermark = progress.next(latestCommit, idle,
                ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()), System.nanoTime());
        if (watermark.isPresent()) {
            acks.add(sink.send(progressTopic, source, watermark.get(), null));
            ackTopics.add(progressTopic);
        }
        // any failure below leaves the whole batch unmarked, so Debezium replays it from the last committed offset
        awaitAcks(acks, ackTopics);
        open.ifPresent(persisted -> persistedOpen = persisted);
        long ackMicros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        for (RowChange change : changes) {
            metrics.recordChange(change.getSourceCommitMicros(), ackMicros, change.getOp() != Operation.READ);
        }
        for (int i = 0; i < transactionCount; i++) {
            metrics.recordTransaction();
        }
        for (int i = 0; i < deadLetterCount; i++) {
            metrics.recordDeadLetter();
        }
        plan.unstamped().forEach(metrics::recordUnstampedTransaction);
        // Debezium commits the offset of the last record marked (per source partition), and only of marked ones
        // (AsyncEmbeddedEngine's committer): the held records, unmarked, are re-delivered whole after a restart
        for (Pending pending : publish) {
            committer.markProcessed(pending.event);
        }
        committer.markBatchFinished();
        held = hold;
    }

    /** Converts one record and follows its origin, once: a held record is not converted again. */
    private Pending follow(RecordChangeEvent<SourceRecord> event) {
        SourceRecord record = event.record();
        try {
            CapturedRecord converted = converter.convert(record);
            Optional<OpenTransaction> openBefore = converted.value() instanceof TransactionEvent boundary
                    && boundary.getStatus() == TransactionStatus.BEGIN ? origins.openTransaction() : Optional.empty();
            return new Pending(event, origins.follow(converted), null, openBefore);
        } catch (ConversionException e) {
            return new Pending(event, null, e, Optional.empty());
        } catch (RuntimeException e) {
            return new Pending(event, null, new ConversionException("cannot convert change from " + record.topic()
                    + ": " + e.getMessage(), null, null, null, e), Optional.empty());
        }
    }

    /**
     * Serializes what is published. A value the registry or Avro refuses is as unconvertible as a bad column and
     * dead-lettered; if it was stamped, the rest of its transaction is stamped again without it (the positions count
     * published changes only) and serialized again.
     */
    private void serialize(List<Pending> publish) {
        Set<String> broken;
        do {
            broken = new HashSet<>();
            for (Pending pending : publish) {
                SpecificRecord value = pending.published();
                if (value == null || pending.value != null) {
                    continue;
                }
                try {
                    pending.value = sink.serialize(pending.captured.topic(), value);
                } catch (RuntimeException e) {
                    pending.failure = new ConversionException("cannot serialize change from "
                            + pending.event.record().topic() + ": " + e.getMessage(), null, null, null, e);
                    if (value instanceof RowChange change && change.getTransaction() != null) {
                        broken.add(change.getTransactionId());
                    }
                }
            }
            for (String transactionId : broken) {
                List<Pending> rest = publish.stream().filter(pending -> pending.published() instanceof RowChange change
                        && change.getTransaction() != null && transactionId.equals(change.getTransactionId())).toList();
                TransactionStamper.stamp(rest.stream().map(pending -> (RowChange) pending.published()).toList());
                rest.forEach(pending -> pending.value = null);
            }
        } while (!broken.isEmpty());
    }

    private Future<RecordMetadata> deadLetter(SourceRecord record, ConversionException failure)
            throws InterruptedException {
        if (!dlqEnabled) {
            throw new FatalCaptureException("dead letters are disabled (" + CaptureConfig.DLQ_ENABLED + "=false) and "
                    + failure.getMessage(), failure);
        }
        LOGGER.warn("Dead-lettering a change to {}: {}", dlqTopic, failure.getMessage());
        return sink.send(dlqTopic, failure.key(), sink.serialize(dlqTopic, deadLetters.of(record, failure)), null);
    }

    private void awaitAcks(List<Future<RecordMetadata>> acks, List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + produceTimeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new CaptureException("Kafka did not accept a captured change to " + topics.get(i) + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new CaptureException("Kafka did not acknowledge captured changes to " + topics.get(i)
                        + " within " + produceTimeout, e);
            }
        }
    }

    /** One record of the log, converted and origin-followed once; published in this batch or held for the next. */
    private static final class Pending {
        final RecordChangeEvent<SourceRecord> event;
        /** null when the record could not be converted */
        final CapturedRecord captured;
        /** For a BEGIN: what was open just before it, i.e. at a batch boundary cut there. */
        final Optional<OpenTransaction> openBefore;
        ConversionException failure;
        byte[] value;

        Pending(RecordChangeEvent<SourceRecord> event, CapturedRecord captured, ConversionException failure,
                Optional<OpenTransaction> openBefore) {
            this.event = event;
            this.captured = captured;
            this.failure = failure;
            this.openBefore = openBefore;
        }

        /** The RowChange or TransactionEvent to publish, or null (skipped, or a dead letter). */
        SpecificRecord published() {
            return failure != null || captured.isSkipped() ? null : captured.value();
        }
    }

    /** A failure restarting cannot fix; the processor goes to FAILED. */
    static final class FatalCaptureException extends CaptureException {
        private static final long serialVersionUID = 1L;

        FatalCaptureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
