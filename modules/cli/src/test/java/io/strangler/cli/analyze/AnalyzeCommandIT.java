package io.strangler.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.cli.CliRunner;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code strangler analyze} end to end on the sample monolith in embedded PostgreSQL, from a SQL log file. */
@ExtendWith(EmbeddedPostgresExtension.class)
class AnalyzeCommandIT {

    @TempDir
    static Path dir;
    static TestDatabase shop;
    static Path workload;
    static Path passwordFile;

    @BeforeAll
    static void sampleMonolith(@Postgres TestDatabase db) throws Exception {
        shop = db;
        try (Connection c = db.connect()) {
            SampleMonolith.createSchema(c);
        }
        workload = Files.writeString(dir.resolve("workload.sql"), """
                -- checkout
                BEGIN;
                INSERT INTO orders (id, customer_id, shipping_address_id, status, currency, total, placed_at, updated_at)
                  VALUES (1, 1, 1, 'pending', 'CHF', 10, now(), now());
                INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate) VALUES (1, 1, 1, 1, 10, 0);
                INSERT INTO payments (id, order_id, method, amount, captured, provider_ref, fee_rate) VALUES (1, 1, 'card', 10, false, 'r', 0);
                INSERT INTO audit_log (occurred_at, actor, action, entity, entity_id, payload) VALUES (now(), 'shop', 'place', 'order', 1, '{}');
                COMMIT;
                SELECT o.id, i.product_id FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.customer_id = 5;
                SELECT p.name FROM products p JOIN product_images im ON im.product_id = p.id WHERE p.id = 3;
                SELECT * FROM customers c JOIN customer_addresses a ON a.customer_id = c.id WHERE c.id = 9;
                BEGIN; UPDATE users SET last_login = now() WHERE id = 1; INSERT INTO user_roles VALUES (1, 'admin', now()); COMMIT;
                SELECT w.code FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id;
                THIS IS NOT SQL AT ALL;
                """);
        passwordFile = Files.writeString(dir.resolve("password"), db.password() + "\n");
    }

    private static String[] analyze(Path out, String... extra) {
        String[] base = {"analyze", "--jdbc", shop.jdbcUrl(), "--user", shop.user(), "--password-file",
                passwordFile.toString(), "--out", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void shouldPrintTheRecommendationAndWriteReportsDiagramsBoundaryAndMappingsFiles() throws Exception {
        // Given
        Path out = dir.resolve("out");
        CliRunner cli = new CliRunner();

        // When
        int exit = cli.run(analyze(out, "--sql-log", workload.toString(), "--services", "4", "--pin", "orders,audit_log",
                "--apart", "orders,products"));

        // Then: a readable summary on its own
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Recommended: 4 services").contains("Top cut edges:").contains("Metrics: 4 services")
                .contains("Alternatives:").contains("1 of 15 statements could not be parsed");
        assertThat(cli.err()).contains("workload.sql: 15 statements (done)");
        // and every file, the boundary files in the generator's contract
        assertThat(out.resolve("report.md")).content().contains("```mermaid");
        assertThat(out.resolve("report.json")).exists();
        assertThat(out.resolve("boundaries.dot")).exists();
        ObjectMapper json = new ObjectMapper();
        String ordersService = null;
        try (var files = Files.list(out.resolve("boundaries"))) {
            for (Path file : files.toList()) {
                JsonNode boundary = json.readTree(file.toFile());
                assertThat(boundary.fieldNames()).toIterable().containsExactly("service", "tables");
                assertThat(file.getFileName().toString()).isEqualTo(boundary.get("service").asText() + ".boundary.json");
                boundary.get("tables").forEach(t -> assertThat(t.asText()).startsWith("public."));
                if (boundary.get("tables").toString().contains("\"public.orders\"")) {
                    ordersService = boundary.get("service").asText();
                    // the pin holds, the apart constraint too
                    assertThat(boundary.get("tables").toString()).contains("public.audit_log").doesNotContain("public.products\"");
                }
            }
        }
        assertThat(ordersService).isNotNull();
        assertThat(out.resolve("mappings").resolve(ordersService + "-mappings.yaml")).content()
                .contains("monolith: public.orders").contains("service: public.orders");
    }

    @Test
    void shouldPrintJsonWhenAsked() throws Exception {
        CliRunner cli = new CliRunner();

        int exit = cli.run(analyze(dir.resolve("json"), "--json", "--resolution", "1.0"));

        assertThat(exit).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.path("recommended").path("services").isArray()).isTrue();
        assertThat(report.path("evidence").path("tables").asInt()).isEqualTo(20);
    }

    @Test
    void shouldUsePartialEvidenceAndSayWhatWasMissing(EmbeddedPostgres server) throws Exception {
        // Given: a table without a primary key, a log in no known format, pg_stat_statements not installed
        DatabaseInfo db = server.createDatabase("analyze_partial");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id int PRIMARY KEY)");
            s.execute("CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id))");
            s.execute("CREATE TABLE event_log (at timestamptz, what text)");
        }
        Path notALog = Files.writeString(dir.resolve("notes.txt"), "remember the milk\nand the eggs\n");
        CliRunner cli = new CliRunner();

        // When
        int exit = cli.run("analyze", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                Files.writeString(dir.resolve("pw2"), db.password()).toString(), "--sql-log", notALog.toString(), "--stats",
                "--out", dir.resolve("partial").toString());

        // Then: the foreign key still decides, and each gap is named
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("notes.txt: not a format the analyzer knows")
                .contains("pg_stat_statements: the extension is not installed")
                .contains("tables without a primary key").contains("public.event_log")
                .containsPattern("child, parent|parent, child");
    }

    @Test
    void shouldFailClearlyOnAnEmptyDatabase(EmbeddedPostgres server) throws Exception {
        DatabaseInfo empty = server.createDatabase("analyze_empty");
        CliRunner cli = new CliRunner();

        int exit = cli.run("analyze", "--jdbc", empty.jdbcUrl(), "--user", empty.user(), "--password-file",
                Files.writeString(dir.resolve("pw3"), empty.password()).toString(), "--out", dir.resolve("empty").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(cli.err()).contains("has no tables in the schemas read: nothing to analyse");
    }

    @Test
    void shouldRejectAnUnknownTableInAConstraint() {
        CliRunner cli = new CliRunner();

        int exit = cli.run(analyze(dir.resolve("bad"), "--pin", "orders,nope"));

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("unknown table 'nope' in --pin");
    }
}
