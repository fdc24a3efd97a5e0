package io.strangler.capture.internal;

import io.strangler.capture.CaptureConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Debezium engine and connector properties of one capture processor: the user's Debezium keys, over defaults
 * that capture's guarantees rely on (Kafka-backed offsets and schema history, transaction metadata, no
 * tombstones, source types for canonical hints, no in-engine retries so the processor's own supervisor sees and
 * reports connection loss).
 */
public final class DebeziumProperties {

    static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";

    private DebeziumProperties() {
    }

    public static Properties of(CaptureConfig config) {
        Map<String, String> defaults = new TreeMap<>();
        String source = config.sourceName();
        String slotName = "strangler_" + source.toLowerCase(Locale.ROOT).replace('-', '_');
        defaults.put("name", "strangler-capture-" + source);
        defaults.put("topic.prefix", source);
        defaults.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        defaults.put("offset.storage.topic", config.offsetsTopic());
        defaults.put("offset.storage.partitions", "1");
        defaults.put("offset.storage.replication.factor", Short.toString(config.topicReplicationFactor()));
        defaults.put("bootstrap.servers", config.bootstrapServers());
        defaults.put("offset.flush.interval.ms", "1000");
        defaults.put("offset.flush.timeout.ms", "10000");
        defaults.put("provide.transaction.metadata", "true");
        defaults.put("tombstones.on.delete", "false");
        defaults.put("poll.interval.ms", "10");
        defaults.put("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        // Connection loss ends the engine; the processor restarts it with backoff and reports the state change.
        defaults.put("errors.max.retries", "0");
        defaults.put("column.propagate.source.type", ".*");
        defaults.put("include.schema.changes", "false");
        switch (config.engine()) {
            case POSTGRESQL -> {
                defaults.put("connector.class", POSTGRES_CONNECTOR);
                defaults.put("plugin.name", "pgoutput");
                defaults.put("slot.name", slotName);
                defaults.put("publication.name", slotName);
                defaults.put("publication.autocreate.mode", "filtered");
            }
            case MARIADB -> {
                defaults.put("connector.class", MARIADB_CONNECTOR);
                defaults.put("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
                defaults.put("schema.history.internal.kafka.topic", config.schemaHistoryTopic());
                defaults.put("schema.history.internal.kafka.bootstrap.servers", config.bootstrapServers());
                defaults.put("database.server.id", Integer.toString(5_400 + Math.floorMod(source.hashCode(), 100_000)));
            }
        }
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(config.debeziumProperties());
        String includes = properties.getProperty("table.include.list");
        if (includes != null && !includes.isBlank()) {
            // the apply sink's offsets table marks its transactions (origin tracking): capture must see it
            config.applyOffsetsTable().ifPresent(table ->
                    properties.setProperty("table.include.list", includes + "," + table.includeListEntry()));
        }
        return properties;
    }
}
