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
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium batch consumer: converts every record, produces it, waits until Kafka has acknowledged the whole batch
 * and only then marks the records processed, so an offset is never committed ahead of its data. A record that
 * cannot be converted is dead-lettered (and acknowledged like any other) unless dead letters are disabled.
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
    private volatile boolean sawBatch;

    /**
     * @param originsTopic where the transaction open at the end of each batch is persisted for {@code source}
     *                     ({@link OriginTracker#openTransaction()})
     * @param progressTopic where the commit time up to which every change is published goes ({@link ProgressReporter})
     */
    ChangeHandler(ChangeConverter converter, OriginTracker origins, KafkaSink sink, DeadLetterFactory deadLetters, String dlqTopic,
            boolean dlqEnabled, Duration produceTimeout, CaptureMetrics metrics, Clock clock, Runnable onFirstBatch,
            String source, String originsTopic, String progressTopic) {
        this.converter = converter;
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
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        List<String> ackTopics = new ArrayList<>(events.size());
        List<RowChange> changes = new ArrayList<>();
        int transactionCount = 0;
        int deadLetterCount = 0;
        for (RecordChangeEvent<SourceRecord> event : events) {
            SourceRecord record = event.record();
            CapturedRecord captured;
            byte[] value;
            try {
                captured = origins.follow(converter.convert(record));
                value = captured.isSkipped() ? null : sink.serialize(captured.topic(), captured.value());
            } catch (ConversionException e) {
                acks.add(deadLetter(record, e));
                ackTopics.add(dlqTopic);
                deadLetterCount++;
                continue;
            } catch (RuntimeException e) {
                // e.g. the registry or Avro refused the value: as unconvertible as a bad column
                acks.add(deadLetter(record, new ConversionException("cannot serialize change from "
                        + record.topic() + ": " + e.getMessage(), null, null, null, e)));
                ackTopics.add(dlqTopic);
                deadLetterCount++;
                continue;
            }
            if (captured.isSkipped()) {
                continue;
            }
            acks.add(sink.send(captured.topic(), captured.key(), value, captured.rowKey()));
            ackTopics.add(captured.topic());
            if (captured.value() instanceof RowChange change) {
                changes.add(change);
            } else {
                transactionCount++;
            }
        }
        // A transaction still open here may be resumed in the middle by the next engine run (the offsets committed
        // with this batch point into it); that run cannot see its BEGIN, so record who wrote it, acknowledged with the
        // batch, before the batch is marked processed.
        Optional<OpenTransaction> open = origins.openTransaction();
        if (open.isPresent() && !open.get().equals(persistedOpen)) {
            acks.add(sink.send(originsTopic, source, open.get().encode(), null));
            ackTopics.add(originsTopic);
        }
        long latestCommit = changes.stream().mapToLong(RowChange::getSourceCommitMicros).max().orElse(Long.MIN_VALUE);
        Optional<byte[]> watermark = progress.next(latestCommit, changes.isEmpty() && transactionCount == 0
                && deadLetterCount == 0, ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()), System.nanoTime());
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
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
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

    /** A failure restarting cannot fix; the processor goes to FAILED. */
    static final class FatalCaptureException extends CaptureException {
        private static final long serialVersionUID = 1L;

        FatalCaptureException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
