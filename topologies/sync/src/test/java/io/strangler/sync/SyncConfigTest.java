package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SyncConfigTest {

    /** Regenerate with: {@value #REGENERATE}. */
    static final String REGENERATE = "./mvnw -B -q -pl topologies/sync -am test -Dtest=SyncConfigTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dstrangler.docs.regenerate=true";

    // Surefire runs tests in the module directory.
    private static final Path DOCS = Path.of("../../docs/configuration.md");

    private static Map<String, Object> minimal() {
        Map<String, Object> values = new HashMap<>();
        values.put("bootstrap.servers", "localhost:9092");
        values.put("schema.registry.url", "http://localhost:8081");
        values.put("monolith.database.url", "jdbc:postgresql://localhost:5432/shop");
        values.put("monolith.database.user", "strangler");
        values.put("service.database.url", "jdbc:mariadb://localhost:3306/orders");
        values.put("service.database.user", "strangler");
        return values;
    }

    @Test
    void shouldRunExactlyOnceByDefaultAndPassStreamsKeysThrough() {
        // Given
        Map<String, Object> values = minimal();
        values.put("streams.num.standby.replicas", "1");
        values.put("sync.state.dir", "/var/lib/strangler/sync");

        // When
        Properties props = new SyncConfig(values).streamsProperties();

        // Then
        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "strangler-sync")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/strangler/sync")
                .containsEntry("num.standby.replicas", "1");
    }

    @Test
    void shouldBuildTopologySettingsFromTheKeys() {
        // Given
        Map<String, Object> values = minimal();
        values.put("strangler.topic.prefix", "acme.strangler");
        values.put("sync.monolith.source", "erp");
        values.put("sync.service.source", "billing");
        values.put("sync.tombstone.retention.ms", "60000");

        // When
        SyncSettings settings = new SyncConfig(values).settings();

        // Then
        assertThat(settings.topicNames().apply("billing")).isEqualTo("acme.strangler.apply.billing");
        assertThat(settings.monolithSource()).isEqualTo("erp");
        assertThat(settings.serviceSource()).isEqualTo("billing");
        assertThat(settings.tombstoneRetention()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.pendingExpiry()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldRejectUnknownProcessingGuaranteeNamingTheKey() {
        Map<String, Object> values = minimal();
        values.put("sync.processing.guarantee", "exactly_once");
        assertThatThrownBy(() -> new SyncConfig(values)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sync.processing.guarantee");
    }

    @Test
    void shouldRejectSameSourceForBothSides() {
        Map<String, Object> values = minimal();
        values.put("sync.service.source", "monolith");
        assertThatThrownBy(() -> new SyncConfig(values).settings()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different source names");
    }

    @Test
    void shouldHaveCommittedConfigurationReferenceForTheSync() throws IOException {
        // Given
        ConfigDoc doc = ConfigDocProvider.all().stream().filter(d -> d.id().equals("sync")).findFirst().orElseThrow();
        if (Boolean.getBoolean("strangler.docs.regenerate")) {
            ConfigDocGenerator.write(DOCS, java.util.List.of(doc));
        }

        // When
        String committed = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";

        // Then
        assertThat(ConfigDocGenerator.findSection(committed, doc))
                .as("docs/configuration.md is out of date (section 'sync'); regenerate it from the repository root"
                        + " with:%n  %s", REGENERATE)
                .isEqualTo(ConfigDocGenerator.section(doc));
    }

    @Test
    void threadFailureBudgetComesFromItsKeys() {
        Map<String, Object> values = minimal();
        values.put(SyncConfig.THREAD_FAILURES_MAX, "0");

        assertThat(new SyncConfig(values).threadFailureBudget().handle(new IllegalStateException("x")))
                .isEqualTo(org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
