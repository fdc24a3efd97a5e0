package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.capture.internal.DebeziumProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, "monolith");
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
        props.put("database.hostname", "db");
        props.put("table.include.list", "public.orders");
        return props;
    }

    @Test
    void shouldPassNonStranglerKeysToDebeziumOverCaptureDefaults() {
        // Given a user key that overrides a capture default
        Map<String, String> props = minimal();
        props.put("poll.interval.ms", "50");

        // When the Debezium properties are built
        Properties debezium = DebeziumProperties.of(new CaptureConfig(props));

        // Then user keys win, defaults fill the rest, and strangler.* keys stay out
        assertThat(debezium.getProperty("poll.interval.ms")).isEqualTo("50");
        assertThat(debezium.getProperty("database.hostname")).isEqualTo("db");
        assertThat(debezium.getProperty("provide.transaction.metadata")).isEqualTo("true");
        assertThat(debezium.getProperty("offset.storage.topic")).isEqualTo("strangler.capture.monolith.offsets");
        assertThat(debezium.getProperty("connector.class")).endsWith("PostgresConnector");
        assertThat(debezium.getProperty("slot.name")).isEqualTo("strangler_monolith");
        assertThat(debezium.stringPropertyNames()).noneMatch(key -> key.startsWith("strangler."));
    }

    @Test
    void shouldRejectASourceNameThatCannotBePartOfATopicName() {
        Map<String, String> props = minimal();
        props.put(CaptureConfig.SOURCE_NAME, "mono.lith");

        assertThatThrownBy(() -> new CaptureConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(CaptureConfig.SOURCE_NAME);
    }

    @Test
    void shouldRejectDisabledTransactionMetadata() {
        Map<String, String> props = minimal();
        props.put("provide.transaction.metadata", "false");

        assertThatThrownBy(() -> new CaptureConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("provide.transaction.metadata");
    }

    @Test
    void shouldNameTheFileAndKeyWhenAPropertiesFileIsInvalid(@TempDir Path dir) throws Exception {
        // Given a file missing the required bootstrap servers
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "strangler.source.name=monolith\nschema.registry.url=http://r\n");

        // Then the error names both
        assertThatThrownBy(() -> CaptureConfig.fromFile(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining(CaptureConfig.BOOTSTRAP_SERVERS);
    }

    @Test
    void shouldReadTheSharedKafkaKeysAndStillAcceptTheirFormerNames() {
        // Given a file written before capture shared the key family of the other processors
        Map<String, String> legacy = minimal();
        legacy.remove(CaptureConfig.BOOTSTRAP_SERVERS);
        legacy.remove(CaptureConfig.SCHEMA_REGISTRY_URL);
        legacy.put("strangler.kafka.bootstrap.servers", "old:9092");
        legacy.put("strangler.schema.registry.url", "http://old:8081");
        legacy.put("strangler.kafka.security.protocol", "SSL");

        // When it is read
        CaptureConfig config = new CaptureConfig(legacy);

        // Then the former names mean the current keys, and neither reaches Debezium as a connector key
        assertThat(config.bootstrapServers()).isEqualTo("old:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://old:8081");
        assertThat(config.kafkaClientProperties()).containsEntry("bootstrap.servers", "old:9092")
                .containsEntry("security.protocol", "SSL");
        assertThat(config.debeziumProperties()).doesNotContainKeys("bootstrap.servers", "schema.registry.url",
                "strangler.kafka.bootstrap.servers");
        assertThat(new CaptureConfig(minimal()).bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void shouldUseKafkaSchemaHistoryForMariaDb() {
        Map<String, String> props = minimal();
        props.put(CaptureConfig.ENGINE, "mariadb");

        Properties debezium = DebeziumProperties.of(new CaptureConfig(props));

        assertThat(debezium.getProperty("connector.class")).endsWith("MariaDbConnector");
        assertThat(debezium.getProperty("schema.history.internal.kafka.topic"))
                .isEqualTo("strangler.capture.monolith.schema-history");
    }
}
