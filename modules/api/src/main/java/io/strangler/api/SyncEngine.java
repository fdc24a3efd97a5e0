package io.strangler.api;

import io.strangler.api.internal.MappingsYaml;
import io.strangler.capture.CaptureConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.Side;
import io.strangler.sync.SyncConfig;
import io.strangler.sync.SyncPipeline;
import io.strangler.sync.SyncPipelineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bi-directional sync between two databases, both writable: capture of both, the sync topology with its conflict
 * strategies, an apply sink per side. It is {@code strangler sync} in your own JVM: the builder writes the same
 * configuration keys and mappings file the CLI reads and runs the same {@link SyncPipeline}.
 *
 * <pre>{@code
 * try (SyncEngine sync = SyncEngine.builder()
 *         .kafka(Kafka.of("localhost:9092", "http://localhost:8081"))
 *         .monolith(Database.of("jdbc:postgresql://localhost:5432/shop", "strangler", password))
 *         .service(Database.of("jdbc:postgresql://localhost:5433/orders", "strangler", password))
 *         .strategy(Conflicts.lastWriteWins(Duration.ofMillis(250), Side.MONOLITH))
 *         .table(TableMapping.of("public.orders"))
 *         .workDir(Path.of("/var/lib/strangler"))
 *         .start()) {
 *     sync.awaitRunning(Duration.ofMinutes(1));
 *     ...
 * }
 * }</pre>
 */
public final class SyncEngine implements AutoCloseable {

    /** The handle's lifecycle; moves forward only. */
    public enum State { CREATED, RUNNING, CLOSED }

    /**
     * What the builder validated: everything needed to run the sync, immutable.
     *
     * @param workDir    holds the generated {@code mappings.yaml} and, under {@code state/sync}, the sync's RocksDB
     *                   state; keep it across restarts of the same sync
     * @param properties further keys of the sync's file (docs/configuration.md: Sync, and {@code <side>.capture.*},
     *                   {@code <side>.apply.*}, {@code streams.*}), applied last
     */
    public record Settings(Kafka kafka, Database monolith, Database service, Mappings mappings, String applicationId,
            int partitions, Path workDir, Map<String, String> properties) {

        public Settings {
            InvalidSettingException.require("sync.kafka", kafka, "call kafka(Kafka)");
            InvalidSettingException.require("sync.monolith", monolith, "call monolith(Database)");
            InvalidSettingException.require("sync.service", service, "call service(Database)");
            InvalidSettingException.require("sync.tables", mappings,
                    "call table(...), mapping(...) or mappingsFile(...)");
            if (mappings.mappings().isEmpty()) {
                throw new InvalidSettingException("sync.tables", "at least one table is required (call table(...),"
                        + " mapping(...) or mappingsFile(...))");
            }
            if (applicationId == null || applicationId.isBlank()) {
                throw new InvalidSettingException("sync.applicationId", "must not be blank");
            }
            if (partitions < 1) {
                throw new InvalidSettingException("sync.partitions", "must be at least 1, got " + partitions);
            }
            InvalidSettingException.require("sync.workDir", workDir, "a directory for the mappings file and state");
            workDir = workDir.toAbsolutePath();
            properties = Map.copyOf(properties);
        }

        /** The sync's configuration file, as {@code strangler sync --config} would read it. */
        Map<String, String> syncProperties(Path mappingsFile) {
            Map<String, String> values = new LinkedHashMap<>(kafka.properties());
            values.putAll(monolith.properties(SyncConfig.MONOLITH_DATABASE_PREFIX));
            values.putAll(service.properties(SyncConfig.SERVICE_DATABASE_PREFIX));
            values.put(StranglerConfig.MAPPINGS_FILE, mappingsFile.toString());
            values.put(SyncConfig.APPLICATION_ID, applicationId);
            values.put(SyncConfig.PARTITIONS, Integer.toString(partitions));
            values.put(SyncConfig.STATE_DIR, workDir.resolve("state").resolve("sync").toString());
            values.putAll(properties);
            return values;
        }
    }

    private final Settings settings;
    private final Path mappingsFile;
    private final SyncPipeline pipeline;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);

    private SyncEngine(Settings settings) {
        this.settings = settings;
        this.mappingsFile = MappingsYaml.write(settings.workDir(), settings.mappings());
        this.pipeline = SyncPipeline.create(new SyncPipelineConfig(settings.syncProperties(mappingsFile)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts capture, sync and apply (returns at once; see {@link #awaitRunning}). */
    public SyncEngine start() {
        if (!state.compareAndSet(State.CREATED, State.RUNNING)) {
            throw new IllegalStateException("the sync is " + state.get() + "; a SyncEngine starts once");
        }
        pipeline.start();
        return this;
    }

    /**
     * Waits until every part runs: both captures (past their initial snapshot's start), the sync and both sinks.
     *
     * @throws TimeoutException      naming the parts not running yet
     * @throws IllegalStateException when a part failed, with its error
     */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SyncPipeline.Status status = pipeline.status();
            List<String> waiting = new ArrayList<>();
            check("sync", status.syncState(), status, waiting);
            for (Side side : Side.values()) {
                check(side.label() + " capture", status.side(side).captureState(), status, waiting);
                check(side.label() + " apply", status.side(side).applyState(), status, waiting);
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the sync is not running after " + timeout + ": " + waiting);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static void check(String part, String partState, SyncPipeline.Status status, List<String> waiting) {
        switch (partState) {
            case "RUNNING" -> { }
            case "FAILED", "ERROR", "PENDING_ERROR", "NOT_RUNNING", "STOPPED" ->
                    throw new IllegalStateException("the " + part + " is " + partState + ": " + status.lastError());
            default -> waiting.add(part + " " + partState);
        }
    }

    /** Changes captured and applied per side, conflicts by kind, dead letters, the latest error. */
    public SyncPipeline.Status status() {
        return pipeline.status();
    }

    public State state() {
        return state.get();
    }

    public Settings settings() {
        return settings;
    }

    /** The mappings this sync runs, as resolved from the builder's tables; the validators take them from here. */
    public Mappings mappings() {
        return settings.mappings();
    }

    /** The mappings file written for the processors, under {@link Settings#workDir()}. */
    public Path mappingsFile() {
        return mappingsFile;
    }

    /** The underlying pipeline, for metrics ({@link SyncPipeline#prometheusMetrics()}) and its parts. */
    public SyncPipeline pipeline() {
        return pipeline;
    }

    /** Stops the captures, then the sync and the sinks, each finishing or rolling back its work in flight. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            pipeline.close();
        }
    }

    /** Collects the sync's settings; {@link #build()} validates them and checks the mappings against both databases. */
    public static final class Builder {

        private Kafka kafka;
        private Database monolith;
        private Database service;
        private ConflictStrategy strategy = ConflictStrategy.DEFAULT;
        private final List<TableMapping> tables = new ArrayList<>();
        private final List<Mapping> mappings = new ArrayList<>();
        private String applicationId = "strangler-sync";
        private int partitions = 1;
        private Path workDir;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder kafka(Kafka value) {
            this.kafka = value;
            return this;
        }

        public Builder monolith(Database value) {
            this.monolith = value;
            return this;
        }

        public Builder service(Database value) {
            this.service = value;
            return this;
        }

        /** The strategy of every {@link TableMapping} without its own; default {@link Conflicts#lastWriteWins()}. */
        public Builder strategy(ConflictStrategy value) {
            this.strategy = InvalidSettingException.require("sync.strategy", value, "e.g. Conflicts.lastWriteWins()");
            return this;
        }

        public Builder table(TableMapping table) {
            tables.add(InvalidSettingException.require("sync.table", table, "e.g. TableMapping.of(\"public.orders\")"));
            return this;
        }

        /** A full mapping (renames, one-sided columns, counters), kept as given, its own strategy included. */
        public Builder mapping(Mapping mapping) {
            mappings.add(InvalidSettingException.require("sync.mapping", mapping, "a Mapping"));
            return this;
        }

        /** Every mapping of a mappings file (docs/mappings.md), kept as written, strategies included. */
        public Builder mappingsFile(Path file) {
            InvalidSettingException.require("sync.mappingsFile", file, "a mappings YAML file");
            mappings.addAll(Mappings.load(file).mappings());
            return this;
        }

        /** Kafka Streams application id (consumer group, internal topics); default {@code strangler-sync}. */
        public Builder applicationId(String value) {
            this.applicationId = value;
            return this;
        }

        /** {@code sync.partitions}: partitions of the cdc and re-key topics the sync creates; default 1. */
        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        /** Where the mappings file and the sync's state go; required. */
        public Builder workDir(Path value) {
            this.workDir = value;
            return this;
        }

        /**
         * How often each capture publishes its progress while its database is idle ({@code
         * <side>.capture.strangler.heartbeat.interval.ms}, default 10 s). Continuous validation reports a discrepancy
         * only once both captures have moved past it, so keep this well under its grace period.
         */
        public Builder heartbeatInterval(Duration value) {
            InvalidSettingException.require("sync.heartbeatInterval", value, "e.g. Duration.ofSeconds(1)");
            if (value.isNegative()) {
                throw new InvalidSettingException("sync.heartbeatInterval", "must not be negative, got " + value);
            }
            for (Side side : Side.values()) {
                properties.put(side.label() + ".capture." + CaptureConfig.HEARTBEAT_INTERVAL_MS,
                        Long.toString(value.toMillis()));
            }
            return this;
        }

        /** Any other key of the sync's configuration file, e.g. {@code monolith.capture.poll.interval.ms}. */
        public Builder property(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new InvalidSettingException("sync.property", "needs a key and a value, got " + key + "=" + value);
            }
            properties.put(key, value);
            return this;
        }

        /**
         * Validates the settings, writes the mappings file and checks the mappings against both live databases;
         * nothing runs yet.
         *
         * @throws InvalidSettingException naming the bad builder setting
         * @throws org.apache.kafka.common.config.ConfigException naming the bad configuration key
         * @throws io.strangler.core.mapping.MappingException listing every mapping that does not fit the databases
         */
        public SyncEngine build() {
            List<Mapping> all = new ArrayList<>(mappings);
            tables.forEach(table -> all.add(table.toMapping(strategy)));
            Mappings resolved;
            try {
                resolved = new Mappings(all);
            } catch (io.strangler.core.mapping.MappingException e) {
                throw new InvalidSettingException("sync.tables", e.getMessage(), e);
            }
            return new SyncEngine(new Settings(kafka, monolith, service, resolved, applicationId, partitions, workDir,
                    properties));
        }

        /** {@link #build()}, then {@link SyncEngine#start()}. */
        public SyncEngine start() {
            return build().start();
        }
    }
}
