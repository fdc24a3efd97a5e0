package io.strangler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.Engine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StranglerConfigTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "bootstrap.servers", "localhost:9092,broker2:9093",
            "schema.registry.url", "http://localhost:8081");

    @Test
    void shouldApplyDefaultsAndTypedGetters() {
        // When
        StranglerConfig config = new StranglerConfig(with(Map.of("strangler.mappings.file", "conf/mappings.yaml")));

        // Then
        assertThat(config.bootstrapServers()).containsExactly("localhost:9092", "broker2:9093");
        assertThat(config.schemaRegistryUrl()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(config.topicPrefix()).isEqualTo("strangler");
        assertThat(config.mappingsFile()).contains(Path.of("conf/mappings.yaml"));
        assertThat(config.schemaRegistryBasicAuthUserInfo()).isEmpty();
    }

    @Test
    void shouldRejectInvalidTopicPrefixNamingTheKey() {
        assertThatThrownBy(() -> new StranglerConfig(with(Map.of("strangler.topic.prefix", "bad prefix!"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strangler.topic.prefix")
                .hasMessageContaining("dot-separated words");
    }

    @Test
    void shouldRejectMissingAndMalformedRequiredKeys() {
        assertThatThrownBy(() -> new StranglerConfig(Map.of("schema.registry.url", "http://localhost:8081")))
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> new StranglerConfig(with(Map.of("bootstrap.servers", "localhost"))))
                .hasMessageContaining("'localhost' is not host:port");
        assertThatThrownBy(() -> new StranglerConfig(with(Map.of("schema.registry.url", "ftp://x"))))
                .hasMessageContaining("schema.registry.url").hasMessageContaining("http:// or https://");
    }

    @Test
    void shouldNeverShowPasswordsInToString() {
        // Given
        Map<String, Object> values = with(Map.of("schema.registry.basic.auth.user.info", "alice:s3cret",
                "database.url", "jdbc:postgresql://localhost/shop", "database.user", "app", "database.password", "pa55word"));
        ConfigDef definition = ConfigDefs.combine(StranglerConfig.configDef(), DatabaseConfig.configDef());

        // When
        AbstractConfig config = new AbstractConfig(definition, values, false) { };
        StranglerConfig common = new StranglerConfig(values);
        DatabaseConfig database = DatabaseConfig.from(config, "database.");

        // Then
        assertThat(common.schemaRegistryBasicAuthUserInfo()).hasValueSatisfying(
                password -> assertThat(password.value()).isEqualTo("alice:s3cret"));
        assertThat(common.toString()).doesNotContain("s3cret").contains("[hidden]");
        assertThat(database.password().value()).isEqualTo("pa55word");
        assertThat(database.toString()).doesNotContain("pa55word").contains("[hidden]");
        assertThat(database.engine()).isEqualTo(Engine.POSTGRESQL);
    }

    @Test
    void shouldDetectOrRequireTheDatabaseEngine() {
        // Given
        ConfigDef definition = DatabaseConfig.configDef("service.database.");

        // When
        DatabaseConfig mariaDb = DatabaseConfig.from(new AbstractConfig(definition, Map.of("service.database.url",
                "jdbc:mysql://db/shop", "service.database.user", "app", "service.database.engine", "MariaDB"), false) { },
                "service.database.");

        // Then
        assertThat(mariaDb.engine()).isEqualTo(Engine.MARIADB);
        assertThatThrownBy(() -> DatabaseConfig.from(new AbstractConfig(definition, Map.of("service.database.url",
                "jdbc:oracle:thin:@db", "service.database.user", "app"), false) { }, "service.database."))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set service.database.engine");
        assertThatThrownBy(() -> new AbstractConfig(definition, Map.of("service.database.url", "jdbc:mysql://db/shop",
                "service.database.user", "app", "service.database.engine", "oracle"), false) { })
                .hasMessageContaining("service.database.engine").hasMessageContaining("must be one of postgresql, mariadb, mysql");
        assertThatThrownBy(() -> new AbstractConfig(definition, Map.of("service.database.url", "postgres://db",
                "service.database.user", "app"), false) { })
                .hasMessageContaining("service.database.url").hasMessageContaining("starting with jdbc:");
    }

    @Test
    void shouldNameFileAndKeyWhenPropertiesFileHasBadValue(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("sync.properties");
        Files.write(file, List.of("bootstrap.servers=localhost:9092", "schema.registry.url=http://localhost:8081",
                "strangler.topic.prefix=has space"));

        // When / Then
        assertThatThrownBy(() -> ConfigFiles.load(file, StranglerConfig::new))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("strangler.topic.prefix");
    }

    @Test
    void shouldLoadValidPropertiesFile(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("sync.properties");
        Files.write(file, List.of("bootstrap.servers = localhost:9092 ", "schema.registry.url=https://registry:8081",
                "strangler.topic.prefix=acme.strangler"));

        // When
        StranglerConfig config = ConfigFiles.load(file, StranglerConfig::new);

        // Then
        assertThat(config.topicPrefix()).isEqualTo("acme.strangler");
        assertThat(config.bootstrapServers()).containsExactly("localhost:9092");
    }

    @Test
    void shouldLoadConfiguredMappingsAndNameTheKeyWhenUnset(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("mappings.yaml");
        Files.writeString(file, "mappings:\n  - name: orders\n    monolith: public.orders\n    service: svc.orders\n");

        // When
        StranglerConfig config = new StranglerConfig(with(Map.of("strangler.mappings.file", file.toString())));

        // Then
        assertThat(config.loadMappings().get("orders").service().table()).isEqualTo("orders");
        assertThatThrownBy(() -> new StranglerConfig(with(Map.of())).loadMappings())
                .isInstanceOf(ConfigException.class).hasMessageContaining("strangler.mappings.file");
        assertThatThrownBy(() -> new StranglerConfig(with(Map.of("strangler.mappings.file", dir.resolve("none.yaml")
                .toString()))).loadMappings())
                .isInstanceOf(io.strangler.core.mapping.MappingException.class)
                .hasMessageContaining("none.yaml: cannot read the mappings file");
    }

    @Test
    void shouldRejectKeyDefinedTwiceWhenCombining() {
        assertThatThrownBy(() -> ConfigDefs.combine(StranglerConfig.configDef(), StranglerConfig.configDef()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
    }

    private static Map<String, Object> with(Map<String, String> overrides) {
        Map<String, Object> values = new HashMap<>(MINIMAL);
        values.putAll(overrides);
        return values;
    }
}
