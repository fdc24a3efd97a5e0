package io.strangler.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.SampleSchemas;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class MappingValidatorIT {

    private static Catalog monolith;
    private static Catalog service;
    private static String serviceSchema;

    @BeforeAll
    static void createAndReadSchemas(@Postgres TestDatabase pg, @MariaDb TestDatabase maria) throws SQLException {
        SampleSchemas.create(pg, SampleSchemas.POSTGRES_MONOLITH);
        SampleSchemas.create(maria, SampleSchemas.MARIADB_SERVICE);
        monolith = SampleSchemas.read(pg);
        service = SampleSchemas.read(maria);
        serviceSchema = maria.database();
    }

    @Test
    void shouldValidateCrossEngineMappingWithRenames() {
        // Given
        Mapping orders = parse("""
                  - name: orders
                    monolith: public.orders
                    service: %s.purchase_order
                    columns: { customer_id: buyer_id, total: amount }
                """);

        // When
        ValidationReport report = MappingValidator.validate(orders, monolith, service);

        // Then
        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        ResolvedMapping resolved = report.orThrow();
        assertThat(resolved.keyColumns()).containsExactly("id", "line");
        assertThat(resolved.columns()).extracting(MappedColumn::serviceColumn).containsExactly("id", "line", "buyer_id",
                "status", "amount", "paid", "created_at", "external_id", "attrs");
    }

    @Test
    void shouldRejectMappingToUnknownTable() {
        // Given
        Mapping orders = parse("  - name: orders\n    monolith: public.orders\n    service: %s.purchase_ordr\n");

        // When / Then
        assertThatThrownBy(() -> MappingValidator.validateOrThrow(orders, monolith, service))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'orders', service table " + serviceSchema + ".purchase_ordr: service table")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("did you mean " + serviceSchema + ".purchase_order?");
    }

    @Test
    void shouldRejectMappingToUnknownColumn() {
        // Given
        Mapping orders = parse("""
                  - name: orders
                    monolith: public.orders
                    service: %s.purchase_order
                    columns: { customer_id: buyer, total: amount }
                """);

        // When
        ValidationReport report = MappingValidator.validate(orders, monolith, service);

        // Then
        assertThat(report.errors()).anySatisfy(issue -> {
            assertThat(issue.side()).isEqualTo(Side.SERVICE);
            assertThat(issue.column()).isEqualTo("buyer");
            assertThat(issue.toString()).contains("column does not exist").contains("did you mean buyer_id?");
        });
    }

    @Test
    void shouldRejectTableWithoutPrimaryKey() {
        // Given
        Mapping audit = parse("  - name: audit\n    monolith: public.audit_log\n    service: %s.audit\n");

        // When
        ValidationReport report = MappingValidator.validate(audit, monolith, service);

        // Then
        assertThat(report.errors()).extracting(ValidationIssue::side).contains(Side.MONOLITH, Side.SERVICE);
        assertThat(report.errors()).allSatisfy(issue -> assertThat(issue.message()).contains("has no primary key"));
    }

    @Test
    void shouldRejectIncompatibleTypes() {
        // Given
        Mapping customers = parse("  - name: customers\n    monolith: public.customers\n    service: %s.customer_legacy\n");

        // When
        ValidationReport report = MappingValidator.validate(customers, monolith, service);

        // Then
        assertThat(report.errors()).singleElement().satisfies(issue -> {
            assertThat(issue.column()).isEqualTo("email");
            assertThat(issue.message()).startsWith("incompatible types: character varying(200) and datetime");
        });
    }

    private static Mapping parse(String mappingYaml) {
        return Mappings.parse("it.yaml", "mappings:\n" + mappingYaml.formatted(serviceSchema)).mappings().get(0);
    }
}
