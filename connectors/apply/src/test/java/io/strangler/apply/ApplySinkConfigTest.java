package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplySinkConfigTest {

    private static Map<String, Object> minimal() {
        Map<String, Object> values = new HashMap<>();
        values.put("strangler.target", "service");
        values.put("database.url", "jdbc:postgresql://localhost:5432/service?ssl=false");
        values.put("database.user", "apply");
        values.put("database.password", "s3cret");
        values.put("bootstrap.servers", "localhost:9092");
        values.put("schema.registry.url", "http://localhost:8081");
        return values;
    }

    @Test
    void shouldDeriveTopicGroupEngineAndDefaultsFromMinimalConfiguration() {
        // Given / When
        ApplySinkConfig config = new ApplySinkConfig(minimal());

        // Then
        assertThat(config.topic()).isEqualTo("strangler.apply.service");
        assertThat(config.groupId()).isEqualTo("strangler-apply-service");
        assertThat(config.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.offsetsTable()).isEqualTo("strangler_apply_offsets");
        assertThat(config.replicationSession()).isTrue();
        assertThat(config.jdbcUrlForLogs()).isEqualTo("jdbc:postgresql://localhost:5432/service");
        assertThat(config.consumerOverrides()).containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void shouldWaitForTheFlushUnlessToldNotTo() {
        assertThat(new ApplySinkConfig(minimal()).synchronousCommit()).isTrue();
        Map<String, Object> values = minimal();
        values.put(ApplySinkConfig.SYNCHRONOUS_COMMIT, "false");
        assertThat(new ApplySinkConfig(values).synchronousCommit()).isFalse();
        values.put(ApplySinkConfig.SYNCHRONOUS_COMMIT, "sometimes");
        assertThatThrownBy(() -> new ApplySinkConfig(values)).hasMessageContaining(ApplySinkConfig.SYNCHRONOUS_COMMIT);
    }

    @Test
    void shouldNeverShowThePasswordInToString() {
        assertThat(new ApplySinkConfig(minimal()).toString()).doesNotContain("s3cret").contains("[hidden]");
    }

    @Test
    void shouldPassPrefixedKeysToTheKafkaClients() {
        Map<String, Object> values = minimal();
        values.put("consumer.max.poll.interval.ms", "60000");
        values.put("producer.linger.ms", "1");

        ApplySinkConfig config = new ApplySinkConfig(values);

        assertThat(config.consumerOverrides()).containsEntry("max.poll.interval.ms", "60000");
        assertThat(config.producerOverrides()).containsEntry("linger.ms", "1").doesNotContainKey("max.poll.interval.ms");
    }

    @Test
    void shouldRejectMissingTargetNamingTheKey() {
        Map<String, Object> values = minimal();
        values.remove("strangler.target");

        assertThatThrownBy(() -> new ApplySinkConfig(values)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("strangler.target");
    }

    @Test
    void shouldRejectTargetThatCannotBeATopicPart() {
        Map<String, Object> values = minimal();
        values.put("strangler.target", "my.service");

        assertThatThrownBy(() -> new ApplySinkConfig(values)).hasMessageContaining("strangler.target")
                .hasMessageContaining("ASCII letters");
    }

    @Test
    void shouldRejectBackoffMaxBelowBackoff() {
        Map<String, Object> values = minimal();
        values.put("strangler.apply.retry.backoff.ms", "500");
        values.put("strangler.apply.retry.backoff.max.ms", "100");

        assertThatThrownBy(() -> new ApplySinkConfig(values)).hasMessageContaining("strangler.apply.retry.backoff.max.ms");
    }

    @Test
    void shouldNameFileAndKeyWhenPropertiesFileIsInvalid(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("apply.properties");
        Files.writeString(file, "strangler.target=service\ndatabase.url=jdbc:postgresql://h/db\ndatabase.user=u\n"
                + "bootstrap.servers=localhost:9092\nschema.registry.url=http://r:8081\nstrangler.apply.batch.size=zero\n");

        assertThatThrownBy(() -> ApplySinkConfig.fromProperties(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("strangler.apply.batch.size");
    }

    @Test
    void shouldLoadEveryExampleConfiguration() throws IOException {
        try (var examples = Files.list(Path.of("examples"))) {
            var files = examples.filter(f -> f.toString().endsWith(".properties")).toList();
            assertThat(files).hasSizeGreaterThanOrEqualTo(2);
            for (Path file : files) {
                ApplySinkConfig config = ApplySinkConfig.fromProperties(file);
                assertThat(config.target()).as(file.toString()).isNotBlank();
            }
        }
        assertThat(ApplySinkConfig.fromProperties(Path.of("examples/apply-monolith-mariadb.properties")).engine())
                .isEqualTo(Engine.MARIADB);
    }
}
