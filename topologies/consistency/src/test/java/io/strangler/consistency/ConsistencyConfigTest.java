package io.strangler.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.Side;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ConsistencyConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("schema.registry.url", "http://localhost:8081");
        props.put("strangler.mappings.file", "mappings.yaml");
        props.put("monolith.database.url", "jdbc:postgresql://localhost:5432/shop");
        props.put("monolith.database.user", "strangler");
        props.put("service.database.url", "jdbc:mariadb://localhost:3306/orders");
        props.put("service.database.user", "strangler");
        return props;
    }

    @Test
    void shouldDefaultToExactlyOnceThirtySecondsGraceAndNinetyNinePercent() {
        // When
        ConsistencyConfig config = new ConsistencyConfig(minimal());

        // Then
        ConsistencySettings settings = config.settings();
        assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.alertThresholdPercent()).isEqualTo(99.0);
        assertThat(settings.monolithSource()).isEqualTo("monolith");
        assertThat(settings.serviceSource()).isEqualTo("service");
        Properties streams = config.streamsProperties();
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("strangler-consistency");
        assertThat(config.database(Side.SERVICE).url()).startsWith("jdbc:mariadb:");
    }

    @Test
    void shouldPassStreamsPrefixedKeysToKafkaStreams() {
        // Given
        Map<String, String> props = minimal();
        props.put("streams.commit.interval.ms", "50");
        props.put(ConsistencyConfig.PROCESSING_GUARANTEE, "at_least_once");

        // When
        Properties streams = new ConsistencyConfig(props).streamsProperties();

        // Then
        assertThat(streams.get("commit.interval.ms")).isEqualTo("50");
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
    }

    @Test
    void shouldRejectAThresholdAboveOneHundredNamingTheKey() {
        Map<String, String> props = minimal();
        props.put(ConsistencyConfig.ALERT_THRESHOLD_PERCENT, "101");

        assertThatThrownBy(() -> new ConsistencyConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ConsistencyConfig.ALERT_THRESHOLD_PERCENT);
    }

    @Test
    void shouldRejectTheSameSourceNameForBothSides() {
        Map<String, String> props = minimal();
        props.put(ConsistencyConfig.SERVICE_SOURCE, "monolith");

        assertThatThrownBy(() -> new ConsistencyConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ConsistencyConfig.SERVICE_SOURCE).hasMessageContaining("must differ");
    }

    @Test
    void shouldRequireTheMappingsFile() {
        Map<String, String> props = minimal();
        props.remove("strangler.mappings.file");

        assertThatThrownBy(() -> new ConsistencyConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("strangler.mappings.file");
    }

    @Test
    void shouldRequireBothDatabases() {
        Map<String, String> props = minimal();
        props.remove("service.database.url");

        assertThatThrownBy(() -> new ConsistencyConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("service.database.url");
    }
}
