package io.strangler.capture;

import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.util.HashMap;
import java.util.Map;

/** Test helper: capture configurations for the shared embedded servers. */
final class CaptureFixtures {

    private CaptureFixtures() {
    }

    /** PostgreSQL capture of {@code tables} (schema public) in {@code db}, fast retries, heartbeat 1 s. */
    static Map<String, String> postgres(TestDatabase db, TestKafka kafka, String registryUrl, String prefix,
            String... tables) {
        Map<String, String> props = common(kafka, registryUrl, prefix, db.database());
        props.put(CaptureConfig.ENGINE, "postgresql");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("database.dbname", db.database());
        props.put("table.include.list", String.join(",", prefixed("public.", tables)));
        return props;
    }

    /** MariaDB capture of {@code tables} in {@code db}. */
    static Map<String, String> mariadb(TestDatabase db, TestKafka kafka, String registryUrl, String prefix,
            String... tables) {
        Map<String, String> props = common(kafka, registryUrl, prefix, db.database());
        props.put(CaptureConfig.ENGINE, "mariadb");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("database.include.list", db.database());
        props.put("table.include.list", String.join(",", prefixed(db.database() + ".", tables)));
        props.put("database.ssl.mode", "disable");
        return props;
    }

    private static Map<String, String> common(TestKafka kafka, String registryUrl, String prefix, String source) {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, source);
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.HEARTBEAT_INTERVAL_MS, "1000");
        props.put(CaptureConfig.RETRY_BACKOFF_INITIAL_MS, "200");
        props.put(CaptureConfig.RETRY_BACKOFF_MAX_MS, "1000");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        // a send that never completes fails the batch (and is retried by a new producer) well within test timeouts
        props.put(CaptureConfig.PRODUCE_TIMEOUT_MS, "30000");
        return props;
    }

    private static String[] prefixed(String prefix, String... tables) {
        String[] out = new String[tables.length];
        for (int i = 0; i < tables.length; i++) {
            out[i] = prefix + tables[i];
        }
        return out;
    }
}
