package io.strangler.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Column;
import io.strangler.core.row.Engine;
import io.strangler.core.catalog.Table;
import io.strangler.core.catalog.TypeFamily;
import io.strangler.core.catalog.UniqueConstraint;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingValidatorTest {

    private static final Column ID = column("id", 1, "int8", "bigint", TypeFamily.INTEGER, false, null, null, null);
    private static final Column TOTAL = column("total", 2, "numeric", "numeric(12,2)", TypeFamily.DECIMAL, false, null, 12, 2);
    private static final Column NOTE = column("note", 3, "varchar", "character varying(100)", TypeFamily.STRING, true, 100, null, null);

    private static final Table MONOLITH_ORDERS = new Table("public", "orders", List.of(ID, TOTAL, NOTE), List.of("id"),
            List.of(), List.of(), List.of());

    @Test
    void shouldResolveKeyAndHashOrderFromTheMonolith() {
        // Given
        Table service = table("svc", "purchase_order", List.of(
                column("amount", 1, "decimal", "decimal(12,2)", TypeFamily.DECIMAL, false, null, 12, 2),
                column("id", 2, "bigint", "bigint(20)", TypeFamily.INTEGER, false, null, null, null),
                column("note", 3, "varchar", "varchar(100)", TypeFamily.STRING, true, 100, null, null)), "id");
        Mapping mapping = mapping(MappingsTestData.renames("total", "amount"));

        // When
        ValidationReport report = MappingValidator.validate(mapping, catalog(Engine.POSTGRESQL, MONOLITH_ORDERS),
                catalog(Engine.MARIADB, service));

        // Then
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        ResolvedMapping resolved = report.orThrow();
        assertThat(resolved.keyColumns()).containsExactly("id");
        assertThat(resolved.keyColumns(Side.SERVICE)).containsExactly("id");
        assertThat(resolved.columns()).containsExactly(new MappedColumn("id", "id", "id"),
                new MappedColumn("total", "total", "amount"), new MappedColumn("note", "note", "note"));
    }

    @Test
    void shouldRejectUnknownTableSuggestingCloseNames() {
        // Given
        Mapping mapping = mapping(java.util.Map.of());

        // When
        ValidationReport report = MappingValidator.validate(mapping, catalog(Engine.POSTGRESQL, MONOLITH_ORDERS),
                catalog(Engine.MARIADB, table("svc", "purchase_orders", List.of(ID), "id")));

        // Then
        assertThat(report.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.side()).isEqualTo(Side.SERVICE);
            assertThat(issue.toString()).isEqualTo("mapping 'orders', service table svc.purchase_order: service table"
                    + " svc.purchase_order does not exist in the service database (mariadb, schemas [svc])"
                    + " (did you mean svc.purchase_orders?)");
        });
        assertThat(report.resolved()).isEmpty();
    }

    @Test
    void shouldRejectNarrowingAsWarningAndIncompatibleTypesAsError() {
        // Given
        Table service = table("svc", "purchase_order", List.of(
                column("id", 1, "int", "int(11)", TypeFamily.INTEGER, false, null, null, null),
                column("total", 2, "varchar", "varchar(20)", TypeFamily.STRING, false, 20, null, null),
                column("note", 3, "varchar", "varchar(50)", TypeFamily.STRING, true, 50, null, null)), "id");

        // When
        ValidationReport report = MappingValidator.validate(mapping(java.util.Map.of()),
                catalog(Engine.POSTGRESQL, MONOLITH_ORDERS), catalog(Engine.MARIADB, service));

        // Then
        assertThat(report.errors()).extracting(ValidationIssue::column).containsExactly("total");
        assertThat(report.errors().get(0).message()).startsWith("incompatible types: numeric(12,2) and varchar(20)");
        assertThat(report.warnings()).extracting(ValidationIssue::side, ValidationIssue::column)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Side.SERVICE, "id"),
                        org.assertj.core.groups.Tuple.tuple(Side.SERVICE, "note"));
        assertThatThrownBy(report::orThrow).isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mapping 'orders': 1 error:\n  mapping 'orders', service column svc.purchase_order.total");
    }

    @Test
    void shouldRejectKeyThatIsNotUniqueAndAcceptUniqueConstraint() {
        // Given
        Table service = table("svc", "purchase_order", List.of(ID, TOTAL, NOTE), "id");
        Table monolithWithUniqueNote = new Table("public", "orders", List.of(ID, TOTAL, NOTE), List.of("id"), List.of(),
                List.of(new UniqueConstraint("orders_note_key", List.of("note"))), List.of());
        Mapping byTotal = MappingsTestData.withKey(mapping(java.util.Map.of()), List.of("total"));
        Mapping byNote = MappingsTestData.withKey(mapping(java.util.Map.of()), List.of("note"));

        // When
        ValidationReport byTotalReport = MappingValidator.validate(byTotal, catalog(Engine.POSTGRESQL, MONOLITH_ORDERS),
                catalog(Engine.POSTGRESQL, service));
        ValidationReport byNoteReport = MappingValidator.validate(byNote, catalog(Engine.POSTGRESQL, monolithWithUniqueNote),
                catalog(Engine.POSTGRESQL, new Table("svc", "purchase_order", List.of(ID, TOTAL, NOTE), List.of("id"),
                        List.of(), List.of(new UniqueConstraint("po_note", List.of("note"))), List.of())));

        // Then
        assertThat(byTotalReport.errors()).extracting(ValidationIssue::message)
                .anySatisfy(message -> assertThat(message).contains("key columns [total] are neither the primary key [id]"));
        assertThat(byNoteReport.isValid()).isTrue();
        assertThat(byNoteReport.warnings()).extracting(ValidationIssue::message)
                .anySatisfy(message -> assertThat(message).contains("key column allows NULL"));
    }

    @Test
    void shouldRequireValueForServiceNotNullColumnWithoutDefault() {
        // Given
        Column tenant = column("tenant", 4, "varchar", "varchar(10)", TypeFamily.STRING, false, 10, null, null);
        Table service = table("svc", "purchase_order", List.of(ID, TOTAL, NOTE, tenant), "id");

        // When
        ValidationReport report = MappingValidator.validate(mapping(java.util.Map.of()),
                catalog(Engine.POSTGRESQL, MONOLITH_ORDERS), catalog(Engine.POSTGRESQL, service));
        ValidationReport oneWayBack = MappingValidator.validate(MappingsTestData.withDirection(mapping(java.util.Map.of()),
                Direction.SERVICE_TO_MONOLITH), catalog(Engine.POSTGRESQL, MONOLITH_ORDERS), catalog(Engine.POSTGRESQL, service));

        // Then
        assertThat(report.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.side()).isEqualTo(Side.SERVICE);
            assertThat(issue.column()).isEqualTo("tenant");
            assertThat(issue.message()).startsWith("NOT NULL column without a default");
        });
        assertThat(oneWayBack.errors()).isEmpty();
    }

    @Test
    void shouldAcceptNumericCountersAndRejectOtherTypesAndMismatchedScales() {
        // Given
        Column monolithQuantity = column("quantity", 4, "int4", "integer", TypeFamily.INTEGER, false, null, null, null);
        Table monolith = new Table("public", "orders", List.of(ID, TOTAL, NOTE, monolithQuantity), List.of("id"),
                List.of(), List.of(), List.of());
        Column serviceTotal = column("total", 2, "decimal", "decimal(12,3)", TypeFamily.DECIMAL, false, null, 12, 3);
        Column serviceQuantity = column("quantity", 4, "bigint", "bigint(20)", TypeFamily.INTEGER, true, null, null, null);
        Table service = table("svc", "purchase_order", List.of(ID, serviceTotal, NOTE, serviceQuantity), "id");
        Mapping counters = new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase_order"),
                List.of(), java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), Direction.BOTH, null,
                List.of("total", "quantity", "note"));

        // When
        ValidationReport report = MappingValidator.validate(counters, catalog(Engine.POSTGRESQL, monolith),
                catalog(Engine.MARIADB, service));

        // Then
        assertThat(report.errors()).extracting(ValidationIssue::toString).containsExactlyInAnyOrder(
                "mapping 'orders', service column svc.purchase_order.total: counter column has scale 3 but monolith "
                        + "column public.orders.total has scale 2: a counter needs one scale on both sides",
                "mapping 'orders', monolith column public.orders.note: counter column must be an integer or a decimal, "
                        + "it is character varying(100)",
                "mapping 'orders', service column svc.purchase_order.note: counter column must be an integer or a "
                        + "decimal, it is character varying(100)");
        assertThat(report.warnings()).extracting(ValidationIssue::column).contains("quantity");
    }

    static Mapping mapping(java.util.Map<String, String> renames) {
        return new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase_order"), List.of(),
                renames, List.of(), List.of(), List.of(), List.of(), Direction.BOTH, null);
    }

    static Catalog catalog(Engine engine, Table table) {
        return new Catalog(engine, List.of(table.schema()), List.of(table), List.of());
    }

    static Table table(String schema, String name, List<Column> columns, String primaryKey) {
        return new Table(schema, name, columns, List.of(primaryKey), List.of(), List.of(), List.of());
    }

    static Column column(String name, int position, String type, String columnType, TypeFamily family, boolean nullable,
            Integer length, Integer precision, Integer scale) {
        return new Column(name, position, type, columnType, Types.OTHER, family, nullable, length, precision, scale, null,
                false, List.of());
    }
}
