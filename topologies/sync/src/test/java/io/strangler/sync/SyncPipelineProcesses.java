package io.strangler.sync;

import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.Side;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the processors of one bi-directional pipeline (PostgreSQL or MariaDB on either side) for the convergence ITs,
 * as a user deploys them: capture and sync in their own JVMs (so a test can SIGKILL them), the apply sinks in this JVM
 * (their position is written in the target's transaction, so closing one without warning leaves what a kill leaves).
 * Each side's capture takes the tables the mappings file maps on that side, as a user would configure it.
 *
 * @param prefix        topic prefix; also the sync's application.id and, hashed, the replication slots' names
 * @param dir           where child JVMs' properties files and logs go
 * @param syncPartitions the sync's partition count ({@code sync.partitions})
 */
record SyncPipelineProcesses(TestKafka kafka, String registryUrl, String prefix, Path dir, Path mappingsFile,
                             TestDatabase monolith, TestDatabase service, int syncPartitions) {

    TestDatabase database(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }

    /** A sync instance named {@code name} on {@code stateDirectory}, with static membership from its directory. */
    ChildJvm startSync(String name, Path stateDirectory) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registryUrl);
        config.put("strangler.topic.prefix", prefix);
        config.put("strangler.mappings.file", mappingsFile.toString());
        config.put("application.id", prefix + "-sync");
        // static membership: an instance is its state directory, so a restart on it takes its tasks back at once
        config.put("sync.instance.id", prefix + "-" + stateDirectory.getFileName());
        config.put("sync.state.dir", stateDirectory.toAbsolutePath().toString());
        config.put("sync.replication.factor", "1");
        for (Side side : Side.values()) {
            TestDatabase db = database(side);
            config.put(side.label() + ".database.url", db.jdbcUrl());
            config.put(side.label() + ".database.user", db.user());
            config.put(side.label() + ".database.password", db.password());
        }
        config.put("streams.consumer.auto.offset.reset", "earliest");
        config.put("sync.partitions", Integer.toString(syncPartitions));
        // a killed member must leave the group quickly for the survivors to take its partitions
        config.put("streams.consumer.session.timeout.ms", "6000");
        config.put("streams.consumer.heartbeat.interval.ms", "1000");
        return ChildJvm.start(name, SyncMain.class, config, dir);
    }

    ChildJvm startCapture(Side side) {
        TestDatabase db = database(side);
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, side.label());
        props.put(CaptureConfig.ENGINE, db.engine());
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.HEARTBEAT_INTERVAL_MS, "1000");
        props.put(CaptureConfig.RETRY_BACKOFF_INITIAL_MS, "200");
        props.put(CaptureConfig.RETRY_BACKOFF_MAX_MS, "1000");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        if (db.engine().equals("postgresql")) {
            props.put("database.dbname", db.database());
            props.put("slot.name", "sync_it_" + side.label() + "_" + Math.abs(prefix.hashCode()));
        } else {
            props.put("database.include.list", db.database());
            props.put("database.ssl.mode", "disable");
        }
        props.put("table.include.list", String.join(",", mappedTables(side)));
        return ChildJvm.start("capture-" + side.label(), CaptureProcessor.class, props, dir);
    }

    /** The tables the mappings file maps on {@code side}, qualified as Debezium's include list wants them. */
    private List<String> mappedTables(Side side) {
        return Mappings.load(mappingsFile).mappings().stream().map(mapping -> mapping.table(side).toString())
                .distinct().toList();
    }

    ApplySink startApply(Side side) {
        TestDatabase db = database(side);
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, side.label());
        config.put(ApplySinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(ApplySinkConfig.JDBC_USER, db.user());
        config.put(ApplySinkConfig.JDBC_PASSWORD, db.password());
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registryUrl);
        config.put(ApplySinkConfig.TOPIC_PREFIX, prefix);
        config.put(ApplySinkConfig.GROUP_ID, prefix + "-apply-" + side.label());
        config.put(ApplySinkConfig.RETRY_BACKOFF_MS, 100L);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MAX_MS, 1_000L);
        ApplySink sink = ApplySink.create(new ApplySinkConfig(config));
        sink.start();
        return sink;
    }
}
