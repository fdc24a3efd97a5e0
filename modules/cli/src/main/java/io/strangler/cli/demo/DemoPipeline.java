package io.strangler.cli.demo;

import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.cli.env.EmbeddedEnvironment;
import io.strangler.cli.internal.StartedResources;
import io.strangler.consistency.ConsistencyAuditor;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.replicate.ReplicatePipeline;
import io.strangler.replicate.ReplicatePipelineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of the demo, built from the same processors a production deployment runs: the monolith is
 * replicated into the service (capture + replicate stage + apply sink), the service is captured too, and the
 * consistency auditor compares both change streams. Until the sync lands, the flow is one way.
 */
final class DemoPipeline implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DemoPipeline.class);

    private final StartedResources started = new StartedResources();
    private ReplicatePipeline replicate;
    private CaptureProcessor serviceCapture;
    private ConsistencyAuditor auditor;

    /** Starts everything in dependency order; stops what had started if a part fails. */
    static DemoPipeline start(EmbeddedEnvironment environment, Path workDir) {
        DemoPipeline pipeline = new DemoPipeline();
        try {
            pipeline.startAll(environment, workDir);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(EmbeddedEnvironment environment, Path workDir) {
        Path mappings = writeIdentityMappings(workDir.resolve("demo-mappings.yaml"));
        Map<String, String> shared = Map.of(
                "bootstrap.servers", environment.bootstrapServers(),
                "schema.registry.url", environment.registryUrl(),
                "strangler.mappings.file", mappings.toString());

        Map<String, String> replicateConfig = new HashMap<>(shared);
        replicateConfig.put("strangler.replicate.from", "monolith");
        replicateConfig.put("strangler.replicate.source.name", "monolith");
        replicateConfig.put("strangler.replicate.target", "service");
        replicateConfig.put("strangler.replicate.commit.interval.ms", "50");
        replicateConfig.put("strangler.replicate.state.dir", workDir.resolve("state/replicate").toString());
        putCapture(replicateConfig, "capture.", environment.monolith(), "monolith");
        replicateConfig.put("apply.database.url", environment.service().jdbcUrl());
        replicateConfig.put("apply.database.user", environment.service().user());
        replicateConfig.put("apply.database.password", environment.service().password());
        replicate = track(ReplicatePipeline.create(new ReplicatePipelineConfig(replicateConfig)));
        replicate.start();

        Map<String, String> serviceCaptureConfig = new HashMap<>();
        putCapture(serviceCaptureConfig, "", environment.service(), "service");
        serviceCaptureConfig.put(CaptureConfig.BOOTSTRAP_SERVERS, environment.bootstrapServers());
        serviceCaptureConfig.put(CaptureConfig.SCHEMA_REGISTRY_URL, environment.registryUrl());
        serviceCaptureConfig.put(CaptureConfig.SOURCE_NAME, "service");
        serviceCaptureConfig.put("table.include.list", qualifiedSampleTables());
        serviceCapture = track(new CaptureProcessor(new CaptureConfig(serviceCaptureConfig)));
        serviceCapture.start();

        Map<String, String> auditorConfig = new HashMap<>(shared);
        putDatabase(auditorConfig, "monolith.database.", environment.monolith());
        putDatabase(auditorConfig, "service.database.", environment.service());
        auditorConfig.put("strangler.consistency.grace.ms", "5000");
        auditorConfig.put("strangler.consistency.status.interval.ms", "2000");
        auditorConfig.put("strangler.consistency.state.dir", workDir.resolve("state/consistency").toString());
        auditor = track(ConsistencyAuditor.start(new ConsistencyConfig(auditorConfig)));
        LOGGER.info("demo pipeline started: replicate monolith -> service, service capture, consistency auditor");
    }

    private static void putCapture(Map<String, String> config, String prefix, DatabaseInfo database, String source) {
        config.put(prefix + CaptureConfig.ENGINE, "postgresql");
        config.put(prefix + "database.hostname", database.host());
        config.put(prefix + "database.port", Integer.toString(database.port()));
        config.put(prefix + "database.user", database.user());
        config.put(prefix + "database.password", database.password());
        config.put(prefix + "database.dbname", database.database());
        config.put(prefix + "slot.name", "strangler_demo_" + source);
        // latency over efficiency for a live demo: poll the WAL every 10 ms (Debezium's default is 500 ms)
        config.put(prefix + "poll.interval.ms", "10");
        config.put(prefix + CaptureConfig.METRICS_JMX_ENABLED, "false");
    }

    private static void putDatabase(Map<String, String> config, String prefix, DatabaseInfo database) {
        config.put(prefix + "url", database.jdbcUrl());
        config.put(prefix + "user", database.user());
        config.put(prefix + "password", database.password());
    }

    private static String qualifiedSampleTables() {
        return String.join(",", SampleMonolith.tableNames().stream().map(table -> "public." + table).toList());
    }

    /** Every sample table maps to the same table on the service: the simplest strangler step, copy then switch. */
    static Path writeIdentityMappings(Path file) {
        StringBuilder yaml = new StringBuilder("mappings:\n");
        for (String table : SampleMonolith.tableNames()) {
            yaml.append("  - name: ").append(table).append('\n')
                    .append("    monolith: { schema: public, table: ").append(table).append(" }\n")
                    .append("    service: { schema: public, table: ").append(table).append(" }\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo mappings file " + file, e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        return started.track(resource);
    }

    ReplicatePipeline.Status replicateStatus() {
        return replicate.status();
    }

    long serviceChangesCaptured() {
        return (long) serviceCapture.metrics().changesCaptured();
    }

    Optional<Double> consistencyPercent() {
        return auditor.gauge("consistency-percent");
    }

    Optional<Double> openDiscrepancies() {
        return auditor.gauge("open-discrepancies");
    }

    @Override
    public void close() {
        started.close();
    }
}
