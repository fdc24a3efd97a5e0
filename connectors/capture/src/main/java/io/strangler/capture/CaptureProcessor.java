package io.strangler.capture;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.capture.internal.ChangeConverter;
import io.strangler.capture.internal.DeadLetterFactory;
import io.strangler.capture.internal.DebeziumProperties;
import io.strangler.capture.internal.KafkaSink;
import io.strangler.capture.internal.OffsetsTablePreparer;
import io.strangler.capture.internal.OpenTransactionLog;
import io.strangler.capture.internal.OriginTracker;
import io.strangler.capture.internal.TransactionStamper;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one source database into canonical change topics: Debezium Embedded reads the log (snapshot first, then
 * streaming) and every change becomes a {@code RowChange} on {@code <prefix>.cdc.<source>.<schema>.<table>},
 * keyed by the canonical primary key, with transaction boundaries on {@code <prefix>.cdc.<source>.transactions}.
 * A change is acknowledged by Kafka before its source offset is committed, so a crash may repeat changes but
 * never loses one. Losing the database or Kafka moves the processor to {@link CaptureState#RETRYING}; it restarts
 * with exponential backoff and logs once per state change.
 *
 * <p>Example (in-process):
 * <pre>{@code
 * try (CaptureProcessor capture = CaptureProcessor.fromProperties(Path.of("monolith.properties"))) {
 *     capture.start();
 *     ...
 * }   // close() = stop(): finishes the current batch and commits its offsets
 * }</pre>
 * or from a shell: {@code java -cp ... io.strangler.capture.CaptureProcessor monolith.properties}.
 */
public final class CaptureProcessor implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(CaptureProcessor.class);

    private final CaptureConfig config;
    private final MeterRegistry meterRegistry;
    private final boolean ownsRegistry;
    private final CaptureMetrics metrics;
    private final Clock clock;
    private final AtomicReference<CaptureState> state = new AtomicReference<>(CaptureState.CREATED);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Throwable lastError;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
    private Thread supervisor;
    private boolean sinkCreatedOnce;

    /** With its own meter registry: Prometheus, plus JMX unless {@code strangler.metrics.jmx.enabled=false}. */
    public CaptureProcessor(CaptureConfig config) {
        this(config, defaultRegistry(config), true);
    }

    /** Publishing its meters to {@code meterRegistry}, which the caller owns. */
    public CaptureProcessor(CaptureConfig config, MeterRegistry meterRegistry) {
        this(config, meterRegistry, false);
    }

    /** With its producers made by {@code producers} (a test seam, e.g. to count or break them). */
    CaptureProcessor(CaptureConfig config, MeterRegistry meterRegistry,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this(config, meterRegistry, false, producers);
    }

    private CaptureProcessor(CaptureConfig config, MeterRegistry meterRegistry, boolean ownsRegistry) {
        this(config, meterRegistry, ownsRegistry, KafkaSink.KAFKA_PRODUCERS);
    }

    private CaptureProcessor(CaptureConfig config, MeterRegistry meterRegistry, boolean ownsRegistry,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        this.producers = Objects.requireNonNull(producers, "producers");
        this.config = Objects.requireNonNull(config, "config");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.ownsRegistry = ownsRegistry;
        this.clock = Clock.systemUTC();
        this.metrics = new CaptureMetrics(meterRegistry, config.sourceName(), state::get);
    }

    /**
     * A processor configured by a {@code .properties} file.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the file and key when the file is invalid
     */
    public static CaptureProcessor fromProperties(Path file) {
        return new CaptureProcessor(CaptureConfig.fromFile(file));
    }

    /**
     * Starts capturing in a background thread and returns at once; watch {@link #state()}.
     *
     * @throws IllegalStateException when already started
     */
    public void start() {
        if (!state.compareAndSet(CaptureState.CREATED, CaptureState.STARTING)) {
            throw new IllegalStateException("capture '" + config.sourceName() + "' cannot start in state " + state.get());
        }
        LOGGER.info("Starting capture '{}' of {} {}", config.sourceName(), config.engine(), EngineTarget.describe(config));
        supervisor = new Thread(this::supervise, "strangler-capture-" + config.sourceName());
        supervisor.setDaemon(false);
        supervisor.start();
    }

    /**
     * Stops the engine after its current batch, commits the offsets of everything produced, and closes the
     * producer. Idempotent; returns when stopped.
     */
    public void stop() {
        while (true) {
            CaptureState current = state.get();
            if (current.isTerminal() || current == CaptureState.STOPPING) {
                break;
            }
            if (current == CaptureState.CREATED) {
                if (state.compareAndSet(current, CaptureState.STOPPED)) {
                    closeRegistry();
                    return;
                }
                continue;
            }
            if (state.compareAndSet(current, CaptureState.STOPPING)) {
                LOGGER.info("Stopping capture '{}'", config.sourceName());
                break;
            }
        }
        stopRequested.countDown();
        closeEngine();
        if (supervisor != null && Thread.currentThread() != supervisor) {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public CaptureState state() {
        return state.get();
    }

    /** The error that caused the latest RETRYING or FAILED state, with a message naming source and database. */
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Waits until the processor reached a terminal state; true when it did within the timeout. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    public CaptureMetrics metrics() {
        return metrics;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public CaptureConfig config() {
        return config;
    }

    private void supervise() {
        Backoff backoff = new Backoff(config.retryBackoffInitial(), config.retryBackoffMax());
        try {
            SchemaRegistryClient registry = RestSchemaRegistryClient.create(config.schemaRegistryUrl());
            while (stopRequested.getCount() > 0) {
                EngineOutcome outcome = runEngineOnce(backoff, registry);
                if (stopRequested.getCount() == 0) {
                    break;
                }
                if (outcome.error() instanceof ChangeHandler.FatalCaptureException fatal) {
                    fail(fatal);
                    return;
                }
                enterRetrying(outcome);
                long delay = backoff.next().toMillis();
                LOGGER.debug("Capture '{}' restarts in {} ms", config.sourceName(), delay);
                if (stopRequested.await(delay, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            state.set(CaptureState.STOPPED);
            LOGGER.info("Capture '{}' stopped", config.sourceName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.set(CaptureState.STOPPED);
        } catch (RuntimeException e) {
            fail(new CaptureException("capture '" + config.sourceName() + "' failed: " + e.getMessage(), e));
        } finally {
            closeRegistry();
            finished.countDown();
        }
    }

    /**
     * One Debezium engine run with its own sink. A run that ended in an error may have left records unacknowledged
     * in the producer, whose sequence state can then disagree with the broker's for good; that producer is dropped
     * unflushed and the next run starts with a new one, replaying from the last committed offset.
     */
    private EngineOutcome runEngineOnce(Backoff backoff, SchemaRegistryClient registry) {
        KafkaSink sink;
        try {
            sink = new KafkaSink(config.kafkaClientProperties(), registry,
                    "strangler-capture-" + config.sourceName(), config.topicPartitions(),
                    config.topicReplicationFactor(), config.produceTimeout(), producers);
        } catch (RuntimeException e) {
            if (!sinkCreatedOnce) {
                throw e; // invalid client configuration: retrying cannot help
            }
            return new EngineOutcome(false, "cannot create the Kafka producer: " + e.getMessage(), e);
        }
        sinkCreatedOnce = true;
        EngineOutcome outcome = null;
        try {
            outcome = runEngine(backoff, sink);
            return outcome;
        } finally {
            if (outcome != null && outcome.success() && outcome.error() == null) {
                sink.close();
            } else {
                sink.abort();
            }
        }
    }

    private EngineOutcome runEngine(Backoff backoff, KafkaSink sink) {
        AtomicReference<EngineOutcome> outcome = new AtomicReference<>(new EngineOutcome(true, "stopped", null));
        ApplyOffsetsTable originTable = OffsetsTablePreparer.prepare(config);
        String originsTopic = config.originsTopic();
        OriginTracker origins = new OriginTracker(originTable);
        if (originTable != null) {
            resumeOpenTransaction(sink, originsTopic, origins);
        }
        ensureProgressTopic(sink);
        ChangeHandler handler = new ChangeHandler(
                new ChangeConverter(config.sourceName(), config.topicNames(), config.toastPolicy(), clock,
                        config.engine() == CaptureConfig.Engine.POSTGRESQL),
                origins, sink, new DeadLetterFactory(config.sourceName(), clock), config.topicNames().syncDlq(),
                config.dlqEnabled(), config.produceTimeout(), metrics, clock, () -> enterRunning(backoff),
                config.sourceName(), originsTopic, config.progressTopic(),
                new TransactionStamper(config.transactionBufferMaxChanges(), origins::isResumed));
        Properties properties = DebeziumProperties.of(config);
        DebeziumEngine<RecordChangeEvent<SourceRecord>> built = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .notifying(handler)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        enterRunning(backoff);
                    }
                })
                .using((success, message, error) -> outcome.set(new EngineOutcome(success, message, error)))
                .build();
        engine = built;
        if (stopRequested.getCount() == 0) {
            closeEngine();
            return outcome.get();
        }
        try {
            built.run();
        } finally {
            closeEngine();
        }
        return outcome.get();
    }

    private void ensureProgressTopic(KafkaSink sink) {
        try {
            sink.ensureCompactedTopic(config.progressTopic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the watermark is advisory: a reader without it treats this side as caught up, as before it existed
            LOGGER.warn("Capture '{}': cannot create {} ({}); the consistency auditor will not see this side's lag",
                    config.sourceName(), config.progressTopic(), e.getMessage());
        }
    }

    /**
     * Restores the transaction the previous run had open at its last batch boundary. On failure capture goes on without
     * it: the rest of that transaction, if this run resumes inside it, is untagged (content-based echo detection).
     */
    private void resumeOpenTransaction(KafkaSink sink, String originsTopic, OriginTracker origins) {
        try {
            sink.ensureCompactedTopic(originsTopic);
            OpenTransactionLog.latest(config.kafkaClientProperties(), originsTopic, config.sourceName(),
                    Duration.ofSeconds(30)).ifPresent(open -> {
                        origins.resume(open);
                        LOGGER.info("Capture '{}' resumes transaction {} (origin {}) if the log continues inside it",
                                config.sourceName(), open.transactionId(),
                                open.origin() == null ? "not yet known" : open.origin());
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.warn("Capture '{}' cannot read {}: a transaction resumed in the middle stays untagged ({})",
                    config.sourceName(), originsTopic, e.getMessage());
        }
    }

    private void enterRunning(Backoff backoff) {
        CaptureState previous = state.get();
        if ((previous == CaptureState.STARTING || previous == CaptureState.RETRYING)
                && state.compareAndSet(previous, CaptureState.RUNNING)) {
            if (previous == CaptureState.RETRYING) {
                LOGGER.info("Capture '{}' recovered after {} attempt(s): capturing {} again", config.sourceName(),
                        backoff.attempts(), EngineTarget.describe(config));
            } else {
                LOGGER.info("Capture '{}' is running", config.sourceName());
            }
            backoff.reset();
        }
    }

    private void enterRetrying(EngineOutcome outcome) {
        CaptureException error = EngineTarget.explain(config, outcome);
        lastError = error;
        CaptureState previous = state.get();
        if (previous != CaptureState.RETRYING && !previous.isTerminal() && previous != CaptureState.STOPPING
                && state.compareAndSet(previous, CaptureState.RETRYING)) {
            LOGGER.warn("{}; retrying with backoff up to {} ms", error.getMessage(),
                    config.retryBackoffMax().toMillis(), error.getCause());
        } else {
            LOGGER.debug("Capture '{}' still failing: {}", config.sourceName(), error.getMessage());
        }
    }

    private void fail(CaptureException error) {
        lastError = error;
        state.set(CaptureState.FAILED);
        LOGGER.error("Capture '{}' failed and stopped: {}", config.sourceName(), error.getMessage(), error);
    }

    private void closeEngine() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOGGER.debug("Closing the Debezium engine of capture '{}' failed", config.sourceName(), e);
            }
        }
    }

    private void closeRegistry() {
        if (ownsRegistry) {
            meterRegistry.close();
        }
    }

    private static MeterRegistry defaultRegistry(CaptureConfig config) {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        if (config.jmxEnabled()) {
            composite.add(new JmxMeterRegistry(JmxConfig.DEFAULT, io.micrometer.core.instrument.Clock.SYSTEM));
        }
        return composite;
    }

    /** Runs one processor until the JVM is asked to stop: {@code CaptureProcessor <file.properties>}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CaptureProcessor <capture.properties>");
        }
        CaptureProcessor processor = fromProperties(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(processor::stop, "strangler-capture-shutdown"));
        processor.start();
        processor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        if (processor.state() == CaptureState.FAILED) {
            System.exit(1);
        }
    }

    /** How the last engine run ended, as Debezium's completion callback reported it. */
    record EngineOutcome(boolean success, String message, Throwable error) {
    }
}
