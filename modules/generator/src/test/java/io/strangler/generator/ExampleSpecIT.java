package io.strangler.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.boundary.BoundaryFiles;
import io.strangler.generator.openapi.SpecValidator;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spec checked in under {@code examples/generator/orders/} is what the generator writes today for
 * {@code examples/generator/orders.boundary.json} on the sample monolith: the example cannot go stale.
 * Regenerate it with {@code -Dgenerator.examples.update=true}.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ExampleSpecIT {

    private static final Path EXAMPLES = Path.of("../../examples/generator");

    @Test
    void shouldMatchTheCheckedInExampleSpec(@Postgres TestDatabase db) throws Exception {
        Boundary boundary = BoundaryFiles.read(EXAMPLES.resolve("orders.boundary.json"), null);
        GeneratedApi api;
        try (Connection connection = db.connect()) {
            SampleMonolith.createSchema(connection);
            api = ApiGenerator.generate(connection, db.jdbcUrl(), db.user(), boundary, GeneratorOptions.defaults("orders"));
        }
        Path yaml = EXAMPLES.resolve("orders/openapi.yaml");
        Path json = EXAMPLES.resolve("orders/openapi.json");
        if (Boolean.getBoolean("generator.examples.update")) {
            Files.createDirectories(yaml.getParent());
            Files.writeString(yaml, api.spec().yaml(), StandardCharsets.UTF_8);
            Files.writeString(json, api.spec().json(), StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(yaml)).as("regenerate with -Dgenerator.examples.update=true").isEqualTo(api.spec().yaml());
        assertThat(Files.readString(json)).isEqualTo(api.spec().json());
        assertThat(SpecValidator.messages(Files.readString(yaml))).isEmpty();
    }
}
