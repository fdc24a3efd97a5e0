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
import java.util.List;
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

    private final ReplicatePipelineConfig config;
    private final ReplicateMappings.Result mappings;
    private final CaptureProcessor capture;
    private final ReplicateStage stage;
    private final ApplySink sink;

    private ReplicatePipeline(ReplicatePipelineConfig config, ReplicateMappings.Result mappings, CaptureProcessor capture,
                              ReplicateStage stage, ApplySink sink) {
        this.config = config;
        this.mappings = mappings;
        this.capture = capture;
        this.stage = stage;
        this.sink = sink;
    }

    /**
     * Validates the mappings against both databases and builds the three parts (nothing runs yet).
     *
     * @throws io.strangler.core.mapping.MappingException listing every mapping error
     * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad or missing setting
     * @throws IllegalStateException naming the database that cannot be reached
     */
    public static ReplicatePipeline create(ReplicatePipelineConfig config) {
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
        return new ReplicatePipeline(config, resolved, new CaptureProcessor(captureConfig),
                ReplicateStage.create(stageConfig, plan, registry), ApplySink.create(applyConfig));
    }

    /** Starts the sink, the stage and the capture, in that order; returns at once. */
    public void start() {
        sink.start();
        stage.start();
        capture.start();
        LOGGER.info("Replicating {} mapping(s) from the {} to target '{}'", mappings.mappings().size(),
                stage.plan().from().label(), stage.plan().target());
    }

    public Status status() {
        ApplySink.Status applied = sink.status();
        String lastError = capture.lastError().map(Throwable::getMessage).orElse(applied.lastError());
        return new Status(capture.metrics().changesCaptured(), stage.counters().commands(), applied.recordsCommitted(),
                capture.metrics().deadLetters() + stage.counters().deadLetters() + applied.commandsDeadLettered(),
                capture.state().name(), stage.state().name(), applied.state().name(), lastError);
    }

    public List<ValidationIssue> warnings() {
        return mappings.warnings();
    }

    public ReplicatePlan plan() {
        return stage.plan();
    }

    public CaptureProcessor capture() {
        return capture;
    }

    public ReplicateStage stage() {
        return stage;
    }

    public ApplySink sink() {
        return sink;
    }

    public ReplicatePipelineConfig config() {
        return config;
    }

    /** Stops the capture first, then the stage and the sink, each finishing or rolling back its batch in flight. */
    @Override
    public void close() {
        try {
            capture.close();
        } finally {
            try {
                stage.close();
            } finally {
                sink.close();
            }
        }
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
