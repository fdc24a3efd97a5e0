package io.strangler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.ServiceBoundary;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.GeneratedApi;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer and generator builders on the sample shop in a real PostgreSQL. */
@ExtendWith(EmbeddedPostgresExtension.class)
class AnalyzerAndGeneratorIT {

    @TempDir
    Path dir;

    @Test
    void shouldRecommendServicesAndGenerateTheApiOfOne(EmbeddedPostgres server) throws Exception {
        // Given: the sample shop's schema
        DatabaseInfo shop = server.createDatabase("api_analyze_" + ProcessHandle.current().pid());
        try (Connection connection = shop.connect()) {
            SampleMonolith.createSchema(connection);
        }
        Database database = Database.of(shop.jdbcUrl(), shop.user(), shop.password());

        // When: an analyzer run writing its reports
        AnalysisResult analysis = ServiceBoundaryAnalyzer.builder().database(database).schema("public").services(3)
                .reportDir(dir.resolve("analysis")).run();

        // Then: every table lands in one recommended service, and the CLI's files are written
        List<ServiceBoundary> services = analysis.recommended().services();
        assertThat(services).isNotEmpty();
        assertThat(services.stream().mapToInt(service -> service.tables().size()).sum())
                .isEqualTo(SampleMonolith.tableNames().size());
        assertThat(dir.resolve("analysis").resolve("report.md")).isRegularFile();
        Path boundary = dir.resolve("analysis").resolve("boundaries")
                .resolve(services.get(0).name() + ".boundary.json");
        assertThat(boundary).isRegularFile();

        // When: a generator run for the first recommended service, from its boundary file
        GeneratedApi api = ApiGenerator.builder().database(database).boundaryFile(boundary)
                .outputDir(dir.resolve("service")).run();

        // Then: an OpenAPI spec and a project with endpoints for its tables
        assertThat(api.endpoints()).isNotEmpty();
        assertThat(dir.resolve("service").resolve("openapi.yaml")).isRegularFile();
        assertThat(Files.readString(dir.resolve("service").resolve("openapi.yaml"))).contains("openapi: 3.0.3");
    }

    @Test
    void shouldNameAnUnreadableSqlLog() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServiceBoundaryAnalyzer.builder()
                        .database(Database.of("jdbc:postgresql://localhost/shop", "u", null))
                        .sqlLog(dir.resolve("missing.sql")).build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("analyzer.sqlLog"));
    }
}
