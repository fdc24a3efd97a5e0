package io.strangler.replicate;

import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ValidationIssue;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-way replication in one process: capture of the source database → {@link ReplicateStage} → apply sink on the
 * target. {@link #create} validates the mappings against both live databases first and fails with every error; the
 * three parts are the ordinary {@link CaptureProcessor}, {@link ReplicateStage} and {@link ApplySink}, which also run
 * on their own.
 *
 * <pre>{@code
 * try (ReplicatePipeline pipeline = ReplicatePipeline.create(ReplicatePipelineConfig.fromProperties(file))) {
 *     pipeline.start();
 *     System.out.println(pipeline.status().line());   // captured 1200, commands 1200, applied 1180, dlq 0 ...
 * }
 * }</pre>
 */
public final class ReplicatePipeline implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicatePipeline.class);

    /**
     * A snapshot of the three parts.
     *
     * @param captured    changes captured from the source
     * @param commands    apply commands the stage produced
     * @param applied     commands the sink committed (applied or dead-lettered)
     * @param deadLetters dead letters of capture, stage and sink together
     */
    public record Status(long captured, long commands, long applied, long deadLetters, String captureState,
                         String stageState, String applyState, String lastError) {

        /** One line for a terminal, e.g. {@code captured 120 | replicated 120 | applied 118 | dlq 0 | ...}. */
        public String line() {
            return "captured " + captured + " | replicated " + commands + " | applied " + applied + " | dlq "
                    + deadLetters + " | capture " + captureState + ", stage " + stageState + ", apply " + applyState
                    + (lastError == null || lastError.isEmpty() ? "" : " | last error: " + lastError);
        }
    }

    /** The three parts; a process may run any of them (the others then run elsewhere, from the same file). */
    public enum Part {
        CAPTURE, STAGE, APPLY;

        /** Parses {@code capture}, {@code stage} or {@code apply} (case-insensitive). */
        public static Part fromLabel(String label) {
            for (Part part : values()) {
                if (part.name().equalsIgnoreCase(label.trim())) {
                    return part;
                }
            }
            throw new IllegalArgumentException("unknown part '" + label + "' (expected capture, stage or apply)");
        }
    }

    private final ReplicatePipelineConfig config;
    private final ReplicateMappings.Result mappings;
    private final ReplicatePlan plan;
    private final CaptureProcessor capture;
    private final ReplicateStage stage;
    private final ApplySink sink;

    private ReplicatePipeline(ReplicatePipelineConfig config, ReplicateMappings.Result mappings, ReplicatePlan plan,
                              CaptureProcessor capture, ReplicateStage stage, ApplySink sink) {
        this.config = config;
        this.mappings = mappings;
        this.plan = plan;
        this.capture = capture;
        this.stage = stage;
        this.sink = sink;
    }

    /** All three parts. */
    public static ReplicatePipeline create(ReplicatePipelineConfig config) {
        return create(config, EnumSet.allOf(Part.class));
    }

    /**
     * Validates the mappings against both databases and builds the given parts (nothing runs yet).
     *
     * @throws io.strangler.core.mapping.MappingException listing every mapping error
     * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad or missing setting
     * @throws IllegalStateException naming the database that cannot be reached
     */
    public static ReplicatePipeline create(ReplicatePipelineConfig config, Set<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("name at least one part to run: capture, stage or apply");
        }
        ReplicateStageConfig stageConfig = config.stage();
        ApplySinkConfig applyConfig = config.applyConfig();
        Mappings file = stageConfig.loadMappings();
        ReplicateMappings.Result resolved;
        try (Connection source = connect("source", stageConfig.from().label(), config.sourceJdbcUrl(),
                config.sourceUser(), config.sourcePassword());
             Connection target = connect("target", stageConfig.from().other().label(), applyConfig.jdbcUrl(),
                     applyConfig.jdbcUser(), applyConfig.jdbcPassword().value())) {
            resolved = ReplicateMappings.resolve(file, stageConfig.from(), source, target);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database catalogues to validate the mappings: "
                    + e.getMessage(), e);
        }
        CaptureConfig captureConfig = config.captureConfig(resolved.mappings());
        ReplicatePlan plan = new ReplicatePlan(resolved.mappings(), stageConfig.from(), stageConfig.sourceName(),
                stageConfig.target());
        SchemaRegistryClient registry = RestSchemaRegistryClient.create(stageConfig.schemaRegistryUrl().toString(),
                stageConfig.schemaRegistryBasicAuthUserInfo().map(password -> password.value()).orElse(null));
        return new ReplicatePipeline(config, resolved, plan,
                parts.contains(Part.CAPTURE) ? new CaptureProcessor(captureConfig) : null,
                parts.contains(Part.STAGE) ? ReplicateStage.create(stageConfig, plan, registry) : null,
                parts.contains(Part.APPLY) ? ApplySink.create(applyConfig) : null);
    }

    /** Starts the sink, the stage and the capture (those this pipeline runs), in that order; returns at once. */
    public void start() {
        if (sink != null) {
            sink.start();
        }
        if (stage != null) {
            stage.start();
        }
        if (capture != null) {
            capture.start();
        }
        LOGGER.info("Replicating {} mapping(s) from the {} to target '{}' (parts: {})", mappings.mappings().size(),
                plan.from().label(), plan.target(), parts());
    }

    /** The parts this pipeline runs. */
    public Set<Part> parts() {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        if (capture != null) {
            parts.add(Part.CAPTURE);
        }
        if (stage != null) {
            parts.add(Part.STAGE);
        }
        if (sink != null) {
            parts.add(Part.APPLY);
        }
        return parts;
    }

    /** Counts of the parts this process runs; a part run elsewhere shows 0 and state "-". */
    public Status status() {
        ApplySink.Status applied = sink == null ? null : sink.status();
        String lastError = capture == null ? null : capture.lastError().map(Throwable::getMessage).orElse(null);
        if (lastError == null && applied != null) {
            lastError = applied.lastError();
        }
        long captureDead = capture == null ? 0 : capture.metrics().deadLetters();
        long stageDead = stage == null ? 0 : stage.counters().deadLetters();
        long applyDead = applied == null ? 0 : applied.commandsDeadLettered();
        return new Status(capture == null ? 0 : capture.metrics().changesCaptured(),
                stage == null ? 0 : stage.counters().commands(), applied == null ? 0 : applied.recordsCommitted(),
                captureDead + stageDead + applyDead,
                capture == null ? "-" : capture.state().name(), stage == null ? "-" : stage.state().name(),
                applied == null ? "-" : applied.state().name(), lastError);
    }

    public List<ValidationIssue> warnings() {
        return mappings.warnings();
    }

    public ReplicatePlan plan() {
        return plan;
    }

    /** The capture, if this pipeline runs it. */
    public Optional<CaptureProcessor> capture() {
        return Optional.ofNullable(capture);
    }

    /** The stage, if this pipeline runs it. */
    public Optional<ReplicateStage> stage() {
        return Optional.ofNullable(stage);
    }

    /** The apply sink, if this pipeline runs it. */
    public Optional<ApplySink> sink() {
        return Optional.ofNullable(sink);
    }

    public ReplicatePipelineConfig config() {
        return config;
    }

    /** Stops the capture first, then the stage and the sink, each finishing or rolling back its batch in flight. */
    @Override
    public void close() {
        try {
            if (capture != null) {
                capture.close();
            }
        } finally {
            try {
                if (stage != null) {
                    stage.close();
                }
            } finally {
                if (sink != null) {
                    sink.close();
                }
            }
        }
    }

    /**
     * {@code java -cp ... io.strangler.replicate.ReplicatePipeline replicate.properties [capture,stage,apply]}: runs
     * the named parts (default all) until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: ReplicatePipeline <replicate.properties> [capture,stage,apply]");
        }
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String label : (args.length == 2 ? args[1] : "capture,stage,apply").split(",")) {
            parts.add(Part.fromLabel(label));
        }
        ReplicatePipeline pipeline = create(ReplicatePipelineConfig.fromProperties(java.nio.file.Path.of(args[0])), parts);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "strangler-replicate-shutdown"));
        pipeline.start();
        stopped.await();
    }

    private static Connection connect(String role, String side, String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the " + role + " database (" + side + ") at " + url
                    + " as " + user + ": " + e.getMessage(), e);
        }
    }
}
