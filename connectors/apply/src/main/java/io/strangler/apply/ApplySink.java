package io.strangler.apply;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.apply.internal.ApplyHooks;
import io.strangler.apply.internal.ApplyMetrics;
import io.strangler.apply.internal.BatchApplier;
import io.strangler.apply.internal.CommandBinder;
import io.strangler.apply.internal.DeadLetters;
import io.strangler.apply.internal.Dialect;
import io.strangler.apply.internal.OffsetStore;
import io.strangler.apply.internal.SinkLoop;
import io.strangler.apply.internal.TableCatalog;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroDeserializer;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.DeadLetter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply sink of one target database: consumes {@code <prefix>.apply.<target>} (consumer group
 * {@code strangler-apply-<target>}) and writes each batch of ApplyCommands with engine-specific upserts and deletes in
 * one transaction together with the consumed offsets (table {@code strangler_apply_offsets}), so a crash neither skips
 * nor repeats a command. Commands the database rejects for their content go to {@code <prefix>.sync.dlq}; connectivity
 * failures are retried with backoff.
 *
 * <pre>{@code
 * try (ApplySink sink = ApplySink.fromProperties(Path.of("apply-service.properties"))) {
 *     sink.start();
 *     ...                       // sink.status(), sink.meterRegistry()
 * }                             // close() stops it cleanly
 * }</pre>
 *
 * <p>Lifecycle: {@link State#CREATED} → {@link #start()} → {@link State#RUNNING} → {@link #stop()} →
 * {@link State#STOPPED}; {@link State#FAILED} when the sink thread died of an unexpected error. Transitions are
 * compare-and-set: a second start or stop is refused or ignored, never run twice.
 */
public final class ApplySink implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApplySink.class);

    /** Lifecycle of a sink. */
    public enum State { CREATED, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    /**
     * A snapshot for health checks.
     *
     * @param lastError while the target is unreachable, the {@link TargetUnavailableException} message; else empty
     */
    public record Status(State state, boolean targetReachable, boolean replicationSession, String lastError,
                         long recordsCommitted, long commandsDeadLettered) {
    }

    private final ApplySinkConfig config;
    private final MeterRegistry meterRegistry;
    private final ApplyHooks hooks;
    private final ApplyMetrics metrics;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private volatile boolean running;
    private volatile Throwable failure;
    private KafkaConsumer<String, byte[]> consumer;
    private DeadLetters deadLetters;
    private SinkLoop loop;
    private Thread thread;
    private ObjectName mbeanName;

    /** A sink with its own Prometheus registry (see {@link #meterRegistry()}). */
    public static ApplySink create(ApplySinkConfig config) {
        return new ApplySink(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), ApplyHooks.NONE);
    }

    /** A sink whose meters go to {@code registry}. */
    public static ApplySink create(ApplySinkConfig config, MeterRegistry registry) {
        return new ApplySink(config, registry, ApplyHooks.NONE);
    }

    /**
     * @throws org.apache.kafka.common.config.ConfigException naming the file and key when the configuration is invalid
     */
    public static ApplySink fromProperties(Path file) {
        return create(ApplySinkConfig.fromProperties(file));
    }

    ApplySink(ApplySinkConfig config, MeterRegistry meterRegistry, ApplyHooks hooks) {
        this.config = Objects.requireNonNull(config, "config");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.metrics = new ApplyMetrics(meterRegistry, config.target());
    }

    /**
     * Creates the Kafka clients and starts the sink thread. Returns at once; the database connection is made (and
     * retried) by the sink thread, see {@link #status()}.
     *
     * @throws IllegalStateException when the sink is not in {@link State#CREATED}
     */
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.STARTING)) {
            throw new IllegalStateException("apply sink '" + config.target() + "' cannot start in state " + state.get());
        }
        try {
            String registryUrl = config.schemaRegistryUrl().toString();
            SchemaRegistryClient registry = config.schemaRegistryBasicAuthUserInfo()
                    .map(userInfo -> RestSchemaRegistryClient.create(registryUrl, userInfo.value()))
                    .orElseGet(() -> RestSchemaRegistryClient.create(registryUrl));
            Topics topics = new Topics(config.topicNames(), registry);
            Dialect dialect = Dialect.of(config.engine());
            OffsetStore offsets = new OffsetStore(dialect, config.offsetsTable(), config.groupId(), config.topic());
            consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
            var dlq = topics.avro(config.topicNames().syncDlq(), DeadLetter.class);
            deadLetters = new DeadLetters(new KafkaProducer<>(producerProperties(), dlq.keySerde().serializer(),
                    dlq.valueSerde().serializer()), dlq.name(), config.target(), config.jdbcPassword().value());
            BatchApplier applier = new BatchApplier(new CommandBinder(dialect, new TableCatalog(), config.target()),
                    offsets, deadLetters, hooks);
            loop = new SinkLoop(settings(), consumer, new AvroDeserializer<>(registry, ApplyCommand.class, false),
                    dialect, offsets, applier, metrics, () -> running);
            running = true;
            thread = new Thread(this::runLoop, "strangler-apply-" + config.target());
            registerMBean();
            thread.start();
            state.set(State.RUNNING);
            LOGGER.info("Apply sink '{}' started: {} → {} (group {}, batch {}, linger {} ms)", config.target(),
                    config.topic(), config.jdbcUrlForLogs(), config.groupId(), config.batchSize(), config.linger().toMillis());
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            closeClients();
            throw e;
        }
    }

    private void runLoop() {
        try {
            loop.run();
        } catch (Throwable thrown) { // the thread must report whatever killed it, including a test's simulated crash
            // a re-created topic is found in the rebalance callback, which the consumer wraps
            Throwable t = thrown;
            for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
                if (cause instanceof SinkLoop.TopicRecreatedException) {
                    t = cause;
                }
            }
            failure = t;
            if (state.compareAndSet(State.RUNNING, State.FAILED)) {
                if (t instanceof SinkLoop.TopicRecreatedException) {
                    LOGGER.error("Apply sink '{}' stopped: {}", config.target(), t.getMessage());
                } else {
                    LOGGER.error("Apply sink '{}' stopped on an unexpected error", config.target(), t);
                }
            }
        } finally {
            closeClients();
        }
    }

    /**
     * Stops polling, lets the batch in flight finish (or roll back), closes the clients; waits up to
     * {@code strangler.apply.shutdown.timeout.ms}. Idempotent.
     */
    public void stop() {
        State current = state.get();
        if (current == State.CREATED) {
            state.compareAndSet(State.CREATED, State.STOPPED);
            return;
        }
        if (!state.compareAndSet(State.RUNNING, State.STOPPING) && current != State.FAILED) {
            return;
        }
        running = false;
        if (consumer != null && thread != null && thread.isAlive()) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(config.shutdownTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOGGER.warn("Apply sink '{}' did not stop within {} ms; interrupting it", config.target(),
                        config.shutdownTimeout().toMillis());
                thread.interrupt();
            }
        }
        unregisterMBean();
        state.compareAndSet(State.STOPPING, State.STOPPED);
        LOGGER.info("Apply sink '{}' stopped ({} records committed, {} dead-lettered)", config.target(),
                metrics.recordsTotal(), metrics.deadLettersTotal());
    }

    @Override
    public void close() {
        stop();
    }

    public State state() {
        return state.get();
    }

    public Status status() {
        SinkLoop current = loop;
        return new Status(state.get(), metrics.isReachable(), current != null && current.replicationSessionActive(),
                failure != null ? String.valueOf(failure.getMessage()) : current == null ? "" : current.lastError(),
                metrics.recordsTotal(), metrics.deadLettersTotal());
    }

    /** What stopped the sink thread when {@link #state()} is {@link State#FAILED}. */
    public Throwable failure() {
        return failure;
    }

    public ApplySinkConfig config() {
        return config;
    }

    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Prometheus text exposition of this sink's meters, when its registry is a Prometheus one; else empty. */
    public String scrape() {
        return meterRegistry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
    }

    private SinkLoop.Settings settings() {
        Properties jdbc = new Properties();
        if (!config.jdbcUser().isBlank()) {
            jdbc.setProperty("user", config.jdbcUser());
        }
        if (!config.jdbcPassword().value().isEmpty()) {
            jdbc.setProperty("password", config.jdbcPassword().value());
        }
        switch (config.engine()) {
            case POSTGRESQL -> {
                jdbc.setProperty("ApplicationName", "strangler-apply-" + config.target());
                jdbc.setProperty("connectTimeout", "10");
            }
            case MARIADB -> jdbc.setProperty("connectTimeout", "10000");
        }
        return new SinkLoop.Settings(config.target(), config.jdbcUrl(), config.jdbcUrlForLogs(), jdbc, config.topic(),
                config.batchSize(), config.linger(), config.retryBackoff(), config.retryBackoffMax(),
                config.replicationSession(), config.synchronousCommit(), config.transactionWait());
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(config.consumerOverrides());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-apply-" + config.target());
        return props;
    }

    private Map<String, Object> producerProperties() {
        Map<String, Object> props = new HashMap<>(config.producerOverrides());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "strangler-apply-dlq-" + config.target());
        return props;
    }

    private void closeClients() {
        if (consumer != null) {
            try {
                // its commits are for monitoring only (offsets live in the database): do not wait out a gone broker
                consumer.close(java.time.Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOGGER.debug("Closing the apply consumer failed: {}", e.getMessage());
            }
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private void registerMBean() {
        try {
            ObjectName name = new ObjectName("io.strangler:type=ApplySink,target=" + ObjectName.quote(config.target()));
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                LOGGER.warn("JMX name {} is taken by another apply sink in this JVM; this one is not registered", name);
                return;
            }
            server.registerMBean(new MXBean(), name);
            mbeanName = name;
        } catch (JMException e) {
            LOGGER.warn("Cannot register the apply sink MBean: {}", e.getMessage());
        }
    }

    private void unregisterMBean() {
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException e) {
                LOGGER.debug("Cannot unregister {}: {}", mbeanName, e.getMessage());
            }
            mbeanName = null;
        }
    }

    private final class MXBean implements ApplySinkMXBean {
        @Override
        public String getTarget() {
            return config.target();
        }

        @Override
        public String getState() {
            return state.get().name();
        }

        @Override
        public boolean isTargetReachable() {
            return metrics.isReachable();
        }

        @Override
        public String getLastError() {
            return status().lastError();
        }

        @Override
        public long getRecordsCommitted() {
            return metrics.recordsTotal();
        }

        @Override
        public long getStatementsExecuted() {
            return metrics.statementsTotal();
        }

        @Override
        public long getCommandsDeadLettered() {
            return metrics.deadLettersTotal();
        }

        @Override
        public long getBatchesCommitted() {
            return metrics.batchesTotal();
        }

        @Override
        public int getLastBatchSize() {
            return metrics.lastBatchSize();
        }

        @Override
        public double getLastBatchWriteMillis() {
            return metrics.lastBatchWriteMillis();
        }

        @Override
        public double getLastApplyLatencyMillis() {
            return metrics.lastLatencyMillis();
        }

        @Override
        public double getCommandsAppliedPerSecond() {
            return metrics.ratePerSecond();
        }
    }
}
