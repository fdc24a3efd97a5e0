package io.strangler.cli.demo;

import io.strangler.capture.CaptureConfig;
import io.strangler.cli.env.EmbeddedEnvironment;
import io.strangler.cli.internal.StartedResources;
import io.strangler.consistency.ConsistencyAuditor;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.sync.SyncPipeline;
import io.strangler.sync.SyncPipelineConfig;
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
 * The data path of the demo, built from the same processors a production deployment runs: the bi-directional sync
 * ({@link SyncPipeline}: capture of both databases, the sync topology, an apply sink per side) keeps the monolith and
 * the service in agreement while both are written, and the consistency auditor compares both change streams.
 */
final class DemoPipeline implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DemoPipeline.class);

    private final StartedResources started = new StartedResources();
    private SyncPipeline sync;
    private ConsistencyAuditor auditor;
    private Path mappingsFile;

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
        mappingsFile = writeIdentityMappings(workDir.resolve("demo-mappings.yaml"));
        Map<String, String> shared = Map.of(
                "bootstrap.servers", environment.bootstrapServers(),
                "schema.registry.url", environment.registryUrl(),
                "strangler.mappings.file", mappingsFile.toString());

        Map<String, String> syncConfig = new HashMap<>(shared);
        putDatabase(syncConfig, "monolith.database.", environment.monolith());
        putDatabase(syncConfig, "service.database.", environment.service());
        syncConfig.put("application.id", "strangler-demo-sync");
        syncConfig.put("sync.commit.interval.ms", "50");
        syncConfig.put("sync.state.dir", workDir.resolve("state/sync").toString());
        putCapture(syncConfig, "monolith.capture.", "monolith");
        putCapture(syncConfig, "service.capture.", "service");
        sync = track(SyncPipeline.create(new SyncPipelineConfig(syncConfig)));
        sync.start();

        Map<String, String> auditorConfig = new HashMap<>(shared);
        putDatabase(auditorConfig, "monolith.database.", environment.monolith());
        putDatabase(auditorConfig, "service.database.", environment.service());
        auditorConfig.put("strangler.consistency.grace.ms", "5000");
        auditorConfig.put("strangler.consistency.status.interval.ms", "2000");
        auditorConfig.put("strangler.consistency.state.dir", workDir.resolve("state/consistency").toString());
        auditor = track(ConsistencyAuditor.start(new ConsistencyConfig(auditorConfig)));
        LOGGER.info("demo pipeline started: bi-directional sync monolith <-> service, consistency auditor");
    }

    private static void putCapture(Map<String, String> config, String prefix, String source) {
        config.put(prefix + "slot.name", "strangler_demo_" + source);
        config.put(prefix + CaptureConfig.METRICS_JMX_ENABLED, "false");
    }

    private static void putDatabase(Map<String, String> config, String prefix, DatabaseInfo database) {
        config.put(prefix + "url", database.jdbcUrl());
        config.put(prefix + "user", database.user());
        config.put(prefix + "password", database.password());
    }

    /** Every sample table maps to the same table on the service, both ways, last-write-wins. */
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

    SyncPipeline.Status syncStatus() {
        return sync.status();
    }

    Path mappingsFile() {
        return mappingsFile;
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
