package io.strangler.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class CrossEngineValidationIT {

    private final TestDatabase monolith;
    private final TestDatabase service;

    CrossEngineValidationIT(@Postgres TestDatabase monolith, @MariaDb TestDatabase service) {
        this.monolith = monolith;
        this.service = service;
    }

    @BeforeEach
    void createEqualTables() throws Exception {
        CrossEngineFixture.create(monolith, service);
    }

    private static ValidationOptions options(ValidationMode mode) {
        // small leaves and a low checksum threshold so that both modes really bisect and merge on test-sized tables
        return ValidationOptions.defaults().withMode(mode).withSegments(4).withLeafRows(16);
    }

    @ParameterizedTest
    @EnumSource(value = ValidationMode.class, names = {"MERGE", "CHECKSUM"})
    void shouldReportNoDifferencesOnEqualDataAcrossEnginesWithRenames(ValidationMode mode) {
        // Given equal rows on PostgreSQL and MariaDB under renamed tables and columns (see the fixture)
        List<String> tables = mode == ValidationMode.CHECKSUM ? List.of("orders", "codes", "tokens", "lines") : List.of();

        // When
        ValidationResult result = CrossEngineFixture.validator(monolith, service).validate(tables, options(mode));

        // Then
        assertThat(result.tables()).allSatisfy(table -> {
            assertThat(table.discrepancies()).as(table.mapping()).isEmpty();
            assertThat(table.discrepancyCount()).as(table.mapping()).isZero();
            assertThat(table.mode()).isEqualTo(mode);
            if (mode == ValidationMode.CHECKSUM) {
                // the in-database checksums agree across engines: no row had to be streamed into the JVM
                assertThat(table.rowsMerged()).as(table.mapping()).isZero();
            }
        });
        assertThat(result.consistencyPercent()).isEqualTo(100.0);
        assertThat(result.tables()).extracting(TableValidation::matchingRows)
                .containsExactly((long) CrossEngineFixture.ORDERS, 10L, 50L, 300L);
    }

    @ParameterizedTest
    @EnumSource(value = ValidationMode.class, names = {"MERGE", "CHECKSUM"})
    void shouldFindEveryInjectedDiscrepancyExactly(ValidationMode mode) throws Exception {
        // Given one discrepancy of each kind
        CrossEngineFixture.execute(monolith,
                "DELETE FROM orders WHERE id = 10",                           // missing on the monolith
                "INSERT INTO orders VALUES (9001, 'new', 1.00, now(), false, 'EUR', NULL)", // missing on the service
                "UPDATE orders SET total = 99.99 WHERE id = 20",              // one column different
                "UPDATE orders SET notes = NULL WHERE id = 21",               // NULL vs value
                "UPDATE codes SET code = 'key-7' WHERE code = 'Key-7'",       // key differs by case only
                "UPDATE order_lines SET qty = 0 WHERE order_id = 50 AND line_no = 2");
        CrossEngineFixture.execute(service,
                "UPDATE tokens SET id = UPPER(id) WHERE owner = 'owner3'");   // same uuid, other format

        // When
        ValidationResult result = CrossEngineFixture.validator(monolith, service).validate(List.of(), options(mode));

        // Then
        Map<String, TableValidation> byName = new java.util.HashMap<>();
        result.tables().forEach(table -> byName.put(table.mapping(), table));
        TableValidation orders = byName.get("orders");
        assertThat(orders.discrepancies()).extracting(d -> d.kind() + " " + d.key().encode()).containsExactlyInAnyOrder(
                "MISSING_ON_MONOLITH {\"id\":10}", "MISSING_ON_SERVICE {\"id\":9001}", "DIFFERENT {\"id\":20}",
                "DIFFERENT {\"id\":21}");
        assertThat(orders.discrepancies()).filteredOn(d -> d.kind() == DiscrepancyKind.DIFFERENT)
                .extracting(d -> d.columns().toString()).containsExactlyInAnyOrder(
                        "[ColumnDifference[column=total, monolithValue=99.99, serviceValue=30.00]]",
                        "[ColumnDifference[column=notes, monolithValue=null, serviceValue=note 21]]");
        assertThat(orders.matchingRows()).isEqualTo(CrossEngineFixture.ORDERS - 3);
        assertThat(byName.get("codes").discrepancies()).extracting(d -> d.kind() + " " + d.key().encode())
                .containsExactlyInAnyOrder("MISSING_ON_SERVICE {\"code\":\"key-7\"}", "MISSING_ON_MONOLITH {\"code\":\"Key-7\"}");
        assertThat(byName.get("tokens").discrepancies()).extracting(Discrepancy::kind)
                .containsExactlyInAnyOrder(DiscrepancyKind.MISSING_ON_SERVICE, DiscrepancyKind.MISSING_ON_MONOLITH);
        assertThat(byName.get("lines").discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.key().encode()).isEqualTo("{\"order_id\":50,\"line_no\":2}");
            assertThat(d.columns()).extracting(ColumnDifference::column).containsExactly("qty");
        });
        assertThat(result.discrepancyCount()).isEqualTo(4 + 2 + 2 + 1);
        // the reports of this run are kept as the sample shown in docs/validator.md
        assertThat(Reports.write(result, Path.of("target", "sample-report", mode.label()))).allSatisfy(file ->
                assertThat(Files.readString(file)).contains("orders"));
        if (mode == ValidationMode.CHECKSUM) {
            // bisection streamed only the differing leaves of the 500-row table
            assertThat(orders.rowsMerged()).isLessThan(CrossEngineFixture.ORDERS);
        }
    }

    @Test
    void shouldResumeAnInterruptedRunAndProduceTheSameReport(@TempDir Path dir) throws Exception {
        // Given discrepancies and a run interrupted after its second segment
        CrossEngineFixture.execute(monolith, "DELETE FROM orders WHERE id IN (3, 250, 499)",
                "UPDATE orders SET status = 'lost' WHERE id = 120");
        Path checkpoint = dir.resolve("run.checkpoint.json");
        ValidationOptions base = ValidationOptions.defaults().withMode(ValidationMode.MERGE).withSegments(8).withParallelism(1);
        AtomicInteger segments = new AtomicInteger();
        Validator validator = CrossEngineFixture.validator(monolith, service);
        assertThatThrownBy(() -> validator.validate(List.of("orders"), base.withCheckpoint(checkpoint).withProgress(p -> {
            if (segments.incrementAndGet() == 2) {
                throw new IllegalStateException("simulated interruption");
            }
        }))).hasMessageContaining("simulated interruption");
        assertThat(checkpoint).exists();

        // When it resumes, and a fresh run compares the same data
        AtomicInteger resumedSegments = new AtomicInteger();
        ValidationResult resumed = validator.validate(List.of("orders"),
                base.withCheckpoint(checkpoint).withProgress(p -> resumedSegments.incrementAndGet()));
        ValidationResult fresh = validator.validate(List.of("orders"), base);

        // Then only the unfinished segments ran, and the reports agree
        assertThat(resumedSegments.get()).isEqualTo(6);
        assertThat(resumed.tables()).isEqualTo(fresh.tables());
        assertThat(resumed.tables().get(0).discrepancyCount()).isEqualTo(4);
        assertThat(Files.exists(checkpoint)).isFalse();
    }

    @Test
    void shouldRejectUnknownTable() {
        assertThatThrownBy(() -> CrossEngineFixture.validator(monolith, service).validate(List.of("nope"), options(ValidationMode.AUTO)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unknown table/mapping 'nope'")
                .hasMessageContaining("known: orders, codes, tokens, lines");
    }

    @Test
    void shouldRejectKeysWhoseTypesCannotBeCompared() throws Exception {
        // Given a service whose key column became text while the monolith's is bigint
        CrossEngineFixture.execute(service, "ALTER TABLE order_line MODIFY order_id VARCHAR(20) NOT NULL");

        // Then
        assertThatThrownBy(() -> CrossEngineFixture.validator(monolith, service).validate(List.of("lines"), options(ValidationMode.MERGE)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("order_id");
    }

    @Test
    void shouldFailClearlyWhenADatabaseIsUnreachable() {
        Validator validator = Validator.create(
                ConnectionSource.of("monolith", monolith.jdbcUrl(), monolith.user(), monolith.password()),
                ConnectionSource.of("service", "jdbc:mariadb://127.0.0.1:1/none", "x", "secret-pw"),
                CrossEngineFixture.mappings(service));
        assertThatThrownBy(() -> validator.validate(List.of(), options(ValidationMode.AUTO)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cannot connect to the service")
                .hasMessageNotContaining("secret-pw");
    }
}
