package io.strangler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadAValueFromAnotherPropertiesFile() throws IOException {
        Path env = Files.writeString(dir.resolve("env.properties"), "monolith.password=s3cret\nport=5432\n");
        Path file = Files.writeString(dir.resolve("sync.properties"),
                "monolith.database.password=${file:" + env + ":monolith.password}\n"
                        + "monolith.database.url=jdbc:postgresql://db:${file:" + env + ":port}/shop\n");

        Map<String, String> values = ConfigFiles.read(file);

        assertThat(values).containsEntry("monolith.database.password", "s3cret")
                .containsEntry("monolith.database.url", "jdbc:postgresql://db:5432/shop");
    }

    @Test
    void shouldNameTheKeyAndTheFileOfAMissingReference() throws IOException {
        Path env = Files.writeString(dir.resolve("env.properties"), "other=1\n");
        Path file = Files.writeString(dir.resolve("sync.properties"), "bootstrap.servers=${file:" + env + ":kafka}\n");

        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers").hasMessageContaining("kafka")
                .hasMessageContaining("env.properties");
    }

    @Test
    void shouldNameAnUnsetEnvironmentVariable() throws IOException {
        Path file = Files.writeString(dir.resolve("sync.properties"),
                "service.database.password=${env:STRANGLER_TEST_SURELY_UNSET_VARIABLE}\n");

        assertThatThrownBy(() -> ConfigFiles.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("service.database.password")
                .hasMessageContaining("STRANGLER_TEST_SURELY_UNSET_VARIABLE");
    }

    @Test
    void shouldResolveARelativeMappingsFileAgainstThePropertiesFilesDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("examples"));
        Path file = Files.writeString(sub.resolve("sync.properties"), "strangler.mappings.file=mappings.yaml\n");

        assertThat(ConfigFiles.read(file)).containsEntry("strangler.mappings.file",
                sub.toAbsolutePath().resolve("mappings.yaml").toString());
    }

    @Test
    void shouldPutOverridesOverTheFileAndResolveTheirReferences() throws IOException {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "monolith.password=s3cret\n");
        Path file = Files.writeString(dir.resolve("capture.properties"),
                "database.hostname=localhost\ndatabase.port=5432\ndatabase.password=change-me\n");

        Map<String, String> values = ConfigFiles.read(file, Map.of("database.hostname", "monolith-db",
                "database.password", "${file:" + secrets + ":monolith.password}", "slot.name", "compose"));

        assertThat(values).containsEntry("database.hostname", "monolith-db").containsEntry("database.port", "5432")
                .containsEntry("database.password", "s3cret").containsEntry("slot.name", "compose");
    }
}
