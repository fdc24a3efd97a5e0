package io.strangler.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.validator.internal.JsonValues;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsAndReconcilerTest {

    private static final CanonicalRow ROW_10 = row(10L, "new", "1.50");
    private static final CanonicalRow ROW_11 = row(11L, "paid", "2.00");

    private static CanonicalRow row(long id, String status, String total) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("status", status);
        values.put("total", total);
        return CanonicalRow.of(values);
    }

    private static ResolvedMapping mapping(ConflictStrategy strategy) {
        Mapping mapping = new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase"), List.of(),
                Map.of("status", "state"), List.of(), List.of(new OneSidedColumn("tenant", "acme")), List.of(), List.of(),
                Direction.BOTH, strategy);
        return new ResolvedMapping(mapping, List.of("id"), List.of(new MappedColumn("id", "id", "id"),
                new MappedColumn("status", "status", "state"), new MappedColumn("total", "total", "total")));
    }

    private static ValidationResult result() {
        List<Discrepancy> discrepancies = List.of(
                new Discrepancy(DiscrepancyKind.MISSING_ON_SERVICE, CanonicalKey.of(Map.of("id", 10L)), ROW_10, null, List.of()),
                new Discrepancy(DiscrepancyKind.MISSING_ON_MONOLITH, CanonicalKey.of(Map.of("id", 11L)), null, ROW_11, List.of()),
                new Discrepancy(DiscrepancyKind.DIFFERENT, CanonicalKey.of(Map.of("id", 12L)), row(12L, "new", "3.00"),
                        row(12L, "new", "3.10"), List.of(new ColumnDifference("total", "3.00", "3.10"))));
        TableValidation table = new TableValidation("orders", "public.orders", "svc.purchase", ValidationMode.MERGE, 100, 100,
                97, 1, 1, 1, discrepancies, false, 4, 200, OrphanCounts.NOT_CHECKED);
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        return new ValidationResult("run-1", start, start.plusSeconds(2), List.of(table));
    }

    @Test
    void shouldRenderCountsPercentagesAndColumnDifferencesInEveryFormat() {
        ValidationResult result = result();

        assertThat(Reports.markdown(result)).contains("| orders | public.orders | svc.purchase | merge | 100 | 100 | 97 | 1 | 1 | 1 | 97.0000% |")
                .contains("| different | `{\"id\":12}` | total: monolith \"3.00\" ≠ service \"3.10\" |");
        assertThat(Reports.html(result)).contains("<td class=\"n bad\">97.0000%</td>").contains("missing-on-service");
        assertThat(Reports.json(result)).contains("\"consistencyPercent\" : 97.0").contains("\"missingOnMonolith\" : 1");
    }

    @Test
    void shouldPointOutKeysMissingOnBothSidesInDifferentCase() {
        CanonicalRow upper = CanonicalRow.of(Map.of("code", "Key-7"));
        CanonicalRow lower = CanonicalRow.of(Map.of("code", "key-7"));
        TableValidation codes = new TableValidation("codes", "public.codes", "svc.codes", ValidationMode.MERGE, 1, 1, 0, 1, 1, 0,
                List.of(new Discrepancy(DiscrepancyKind.MISSING_ON_MONOLITH, CanonicalKey.of(Map.of("code", "Key-7")), null, upper, List.of()),
                        new Discrepancy(DiscrepancyKind.MISSING_ON_SERVICE, CanonicalKey.of(Map.of("code", "key-7")), lower, null, List.of())),
                false, 1, 2, OrphanCounts.NOT_CHECKED);
        ValidationResult result = new ValidationResult("run-2", Instant.EPOCH, Instant.EPOCH, List.of(codes));

        assertThat(Reports.markdown(result).split("another case", -1)).hasSize(3);
        assertThat(Reports.markdown(result())).doesNotContain("another case");
    }

    @Test
    void shouldRoundTripCanonicalValuesThroughJson() {
        for (Object value : new Object[] {null, 42L, 1.5, true, "text", BinaryValue.ofHex("00ff")}) {
            assertThat(JsonValues.fromJson(JsonValues.value(value))).isEqualTo(value);
        }
        Discrepancy different = result().tables().get(0).discrepancies().get(2);
        assertThat(JsonValues.toDiscrepancy(JsonValues.discrepancy(different))).isEqualTo(different);
    }

    @Test
    void shouldPlanDeletesFirstWithTargetColumnNamesAndOneSidedDefaults() {
        ReconcilePlan plan = Reconciler.plan(result(), List.of(mapping(ConflictStrategy.DEFAULT)), ReconcileSource.MONOLITH);

        assertThat(plan.repairs()).extracting(Repair::describe).containsExactly(
                "DELETE service svc.purchase {\"id\":11} (missing-on-monolith, from monolith)",
                "UPSERT service svc.purchase {\"id\":10} (missing-on-service, from monolith)",
                "UPSERT service svc.purchase {\"id\":12} (different, from monolith)");
        assertThat(plan.repairs().get(1).row().values()).containsEntry("state", "new").containsEntry("tenant", "acme")
                .doesNotContainKey("status");
        assertThat(plan.repairs().get(2).row().values()).doesNotContainKey("tenant");
        assertThat(Reconciler.toApplyCommand(plan.repairs().get(1), "service").getReason().name()).isEqualTo("REPAIR");
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void shouldFallBackToThePrioritySideForTimeBasedStrategies() {
        ResolvedMapping lastWriteWins = mapping(new ConflictStrategy.LastWriteWins(Duration.ofMillis(100), Side.SERVICE));

        ReconcilePlan plan = Reconciler.plan(result(), List.of(lastWriteWins), ReconcileSource.STRATEGY);

        assertThat(plan.repairs()).allSatisfy(repair -> assertThat(repair.target()).isEqualTo(Side.MONOLITH));
        assertThatThrownBy(() -> Reconciler.plan(result(), List.of(mapping(new ConflictStrategy.Custom("com.example.R", Map.of()))),
                ReconcileSource.STRATEGY)).isInstanceOf(ValidationException.class).hasMessageContaining("--source");
    }

    private static final String ORDER_FK = "fk_line_order (order_id) → public.orders (id)";

    /** A lines table, equal on both sides, with one orphan on the monolith and one on the service. */
    private static ValidationResult orphans() {
        List<Discrepancy> orphans = List.of(
                new Discrepancy(DiscrepancyKind.ORPHAN_ON_MONOLITH, CanonicalKey.of(Map.of("id", 7L)),
                        CanonicalRow.of(Map.of("id", 7L, "order_id", 70L)), null, List.of(), ORDER_FK),
                new Discrepancy(DiscrepancyKind.ORPHAN_ON_SERVICE, CanonicalKey.of(Map.of("id", 8L)), null,
                        CanonicalRow.of(Map.of("id", 8L, "order_ref", 80L)), List.of(), "fk_l (order_ref) → svc.purchase (id)"));
        TableValidation lines = new TableValidation("orders", "public.order_lines", "svc.line", ValidationMode.MERGE, 10, 10,
                10, 0, 0, 0, orphans, false, 1, 20, new OrphanCounts(true, 1, 1));
        return new ValidationResult("run-3", Instant.EPOCH, Instant.EPOCH, List.of(lines));
    }

    @Test
    void shouldCountOrphansAsDiscrepanciesWithoutLoweringConsistency() {
        ValidationResult result = orphans();

        assertThat(result.discrepancyCount()).isEqualTo(2);
        assertThat(result.consistent()).isFalse();
        assertThat(result.consistencyPercent()).isEqualTo(100.0);
    }

    @Test
    void shouldRenderOrphansWithTheirForeignKeyInEveryFormat() {
        ValidationResult result = orphans();

        assertThat(Reports.markdown(result))
                .contains("Foreign keys checked (orphans are reported, never repaired): orders 1 orphan(s) on the monolith, 1 on the service.")
                .contains("| orphan-on-monolith | `{\"id\":7}` | monolith row {\"id\":7,\"order_id\":70} has no parent for " + ORDER_FK + " |");
        assertThat(Reports.html(result)).contains("orphan-on-service").contains("fk_l (order_ref) → svc.purchase (id)");
        assertThat(Reports.json(result)).contains("\"foreignKeysChecked\" : true").contains("\"orphansOnMonolith\" : 1")
                .contains("\"foreignKey\" : \"" + ORDER_FK + "\"");
        var event = ValidationReportEvents.toEvent(result).getTables().get(0);
        assertThat(event.getForeignKeysChecked()).isTrue();
        assertThat(event.getOrphansOnMonolith()).isEqualTo(1);
        assertThat(event.getOrphansOnService()).isEqualTo(1);
        assertThat(JsonValues.toDiscrepancy(JsonValues.discrepancy(result.tables().get(0).discrepancies().get(0))))
                .isEqualTo(result.tables().get(0).discrepancies().get(0));
    }

    @Test
    void shouldSayNothingAboutForeignKeysWhenTheCheckDidNotRun() {
        assertThat(Reports.markdown(result())).doesNotContain("Foreign keys checked");
        assertThat(ValidationReportEvents.toEvent(result()).getTables().get(0).getForeignKeysChecked()).isFalse();
    }

    @Test
    void shouldNeverPlanARepairForAnOrphan() {
        // Given orphans only, on a mapping that never writes to the service: nothing to repair, so nothing refused
        ResolvedMapping oneWay = mapping(ConflictStrategy.DEFAULT);
        Mapping toMonolithOnly = new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase"), List.of(),
                Map.of("status", "state"), List.of(), List.of(), List.of(), List.of(), Direction.SERVICE_TO_MONOLITH,
                ConflictStrategy.DEFAULT);

        ReconcilePlan plan = Reconciler.plan(orphans(), List.of(new ResolvedMapping(toMonolithOnly, oneWay.keyColumns(),
                oneWay.columns())), ReconcileSource.MONOLITH);

        assertThat(plan.repairs()).isEmpty();
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void shouldRefuseAnOrphanWithoutItsForeignKeyOrOnTheWrongSide() {
        CanonicalKey key = CanonicalKey.of(Map.of("id", 7L));
        CanonicalRow row = CanonicalRow.of(Map.of("id", 7L));
        assertThatThrownBy(() -> new Discrepancy(DiscrepancyKind.ORPHAN_ON_MONOLITH, key, row, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Discrepancy(DiscrepancyKind.ORPHAN_ON_SERVICE, key, row, null, List.of(), ORDER_FK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Discrepancy(DiscrepancyKind.MISSING_ON_SERVICE, key, row, null, List.of(), ORDER_FK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
