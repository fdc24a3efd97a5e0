package io.strangler.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.analyzer.evaluation.SampleShopWorkload;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.PgStatStatementsReader;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.ReportWriter;
import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.Mappings;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleMonolith;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pg_stat_statements path on a real server: an embedded PostgreSQL started with
 * {@code shared_preload_libraries=pg_stat_statements} (zonky's binaries ship the extension), the sample monolith, and
 * the sample workload executed against it. The shared test server runs without the library, so this class starts its
 * own.
 */
class PgStatStatementsIT {

    @TempDir
    static Path dir;
    static EmbeddedPostgres postgres;
    static DatabaseInfo shop;
    static DatabaseInfo plain;

    @BeforeAll
    static void serverWithPgStatStatements() throws Exception {
        postgres = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                .withServerConfig("shared_preload_libraries", "pg_stat_statements"));
        shop = postgres.createDatabase("stats_shop");
        plain = postgres.createDatabase("stats_plain");
        try (Connection superuser = DriverManager.getConnection(superuserUrl(shop));
             Statement s = superuser.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("GRANT pg_read_all_stats TO " + shop.user());
        }
        try (Connection c = shop.connect()) {
            SampleMonolith.createSchema(c);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String sql : SampleShopWorkload.statements(400, 11L)) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        // inserts into an empty schema violate foreign keys: PostgreSQL then records nothing for them,
                        // the reads, updates and deletes remain, as on a live system
                        if (!c.getAutoCommit() || sql.equals("COMMIT")) {
                            s.execute("ROLLBACK");
                        }
                    }
                }
            }
        }
        try (Connection c = plain.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY)");
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String superuserUrl(DatabaseInfo db) {
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + db.database() + "?user=postgres";
    }

    @Test
    void shouldRecommendServicesFromPgStatStatementsAndWriteEveryOutput() throws Exception {
        // Given
        SchemaEvidence schema;
        WorkloadEvidence workload;
        Catalog catalog;
        try (Connection c = shop.connect()) {
            schema = Analyzer.readSchema(c, List.of("public"));
            catalog = CatalogReader.read(c, List.of("public"));
            workload = PgStatStatementsReader.read(c, new StatementParser(Analyzer.resolver(schema, List.of("public"))),
                    ParseProgress.NONE);
        }

        // When
        AnalysisResult result = new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, "stats_shop");
        List<Path> files = ReportWriter.write(result, dir.resolve("out"));

        // Then: query evidence came from the view, with calls and times, and no transactions (the view has none)
        assertThat(workload.notes()).isEmpty();
        assertThat(workload.totalCalls()).isGreaterThan(400);
        assertThat(workload.queries()).anySatisfy(q -> {
            assertThat(q.tables()).containsExactly(new TableName("public", "order_items"), new TableName("public", "orders"));
            assertThat(q.totalMillis()).isPositive();
        });
        assertThat(workload.transactions()).isEmpty();
        assertThat(result.recommended().services()).hasSizeGreaterThan(1);
        assertThat(result.recommended().metrics().modularity()).isPositive();
        assertThat(result.recommended().metrics().queriesInsideOneService()).isBetween(50.0, 100.0);

        // and every output is there: reports, diagram, one boundary and one mappings file per service
        Path out = dir.resolve("out");
        assertThat(out.resolve("report.md")).content().contains("```mermaid").contains("flowchart LR")
                .contains("## Recommended");
        assertThat(out.resolve("boundaries.dot")).content().startsWith("graph boundaries {").contains("subgraph cluster_0");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("recommended").path("services").size()).isEqualTo(result.recommended().services().size());
        assertThat(files).hasSize(3 + 2 * result.recommended().services().size());
        for (var service : result.recommended().services()) {
            JsonNode boundary = new ObjectMapper().readTree(
                    out.resolve("boundaries").resolve(service.name() + ".boundary.json").toFile());
            assertThat(boundary.size()).isEqualTo(2);
            assertThat(boundary.path("service").asText()).isEqualTo(service.name());
            assertThat(boundary.path("tables")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(service.tables().stream().map(TableName::qualified).toList());
            // the mappings file is valid for the sync against the monolith and a service with the same tables
            Mappings mappings = Mappings.load(out.resolve("mappings").resolve(service.name() + "-mappings.yaml"));
            assertThat(MappingValidator.validateOrThrow(mappings, catalog, catalog)).hasSize(service.tables().size());
        }
    }

    @Test
    void shouldExplainHowToEnableTheExtensionWhenItIsMissing() throws Exception {
        try (Connection c = plain.connect()) {
            SchemaEvidence schema = Analyzer.readSchema(c, List.of("public"));
            WorkloadEvidence workload = PgStatStatementsReader.read(c,
                    new StatementParser(Analyzer.resolver(schema, List.of("public"))), ParseProgress.NONE);

            assertThat(workload.queries()).isEmpty();
            assertThat(workload.notes()).singleElement().asString().contains("not installed")
                    .contains("CREATE EXTENSION pg_stat_statements").contains("shared_preload_libraries");
        }
    }
}
