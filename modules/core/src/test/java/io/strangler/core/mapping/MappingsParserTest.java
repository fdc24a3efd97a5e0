package io.strangler.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingsParserTest {

    private static final String ORDERS_HEAD = """
            mappings:
              - name: orders
                monolith: { schema: public, table: orders }
                service: { schema: svc, table: purchase_order }
            """;

    @Test
    void shouldParseTheExampleFile() throws URISyntaxException {
        // Given
        Path file = Path.of(getClass().getResource("/mappings-example.yaml").toURI());

        // When
        Mappings mappings = Mappings.load(file);

        // Then
        assertThat(mappings.mappings()).extracting(Mapping::name)
                .containsExactly("orders", "customers", "products", "invoices");
        Mapping orders = mappings.get("orders");
        assertThat(orders.monolith()).isEqualTo(new TableRef("public", "orders"));
        assertThat(orders.service()).isEqualTo(new TableRef("orders_svc", "purchase_order"));
        assertThat(orders.keyColumns()).containsExactly("id");
        assertThat(orders.renames()).containsExactly(Map.entry("customer_id", "buyer_id"), Map.entry("total", "amount"));
        assertThat(orders.serviceColumnFor("customer_id")).isEqualTo("buyer_id");
        assertThat(orders.serviceColumnFor("status")).isEqualTo("status");
        assertThat(orders.monolithColumnFor("amount")).contains("total");
        assertThat(orders.monolithColumnFor("total")).isEmpty();
        assertThat(orders.monolithOnly()).containsExactly(new OneSidedColumn("legacy_flag", "N"));
        assertThat(orders.serviceOnly()).containsExactly(new OneSidedColumn("tenant", "acme"), new OneSidedColumn("version", 1L));
        assertThat(orders.excludeMonolith()).containsExactly("internal_note");
        assertThat(orders.excludeService()).containsExactly("etag");
        assertThat(orders.direction()).isEqualTo(Direction.BOTH);
        assertThat(orders.conflict()).isEqualTo(new ConflictStrategy.LastWriteWins(Duration.ofMillis(250), Side.MONOLITH));
        assertThat(mappings.get("customers").direction()).isEqualTo(Direction.MONOLITH_TO_SERVICE);
        assertThat(mappings.get("customers").service()).isEqualTo(new TableRef("crm", "customer"));
        assertThat(mappings.get("customers").conflict()).isEqualTo(new ConflictStrategy.Priority(Side.MONOLITH));
        assertThat(mappings.get("products").conflict()).isEqualTo(new ConflictStrategy.ColumnMerge(Duration.ofSeconds(1), Side.SERVICE));
        assertThat(mappings.get("invoices").conflict()).isEqualTo(
                new ConflictStrategy.Custom("com.example.InvoiceResolver", Map.of("prefer", "paid", "threshold", "3")));
    }

    @Test
    void shouldApplyDefaultsWhenOptionalKeysAreMissing() {
        // When
        Mapping orders = Mappings.parse("m.yaml", ORDERS_HEAD).get("orders");

        // Then
        assertThat(orders.keyColumns()).isEmpty();
        assertThat(orders.renames()).isEmpty();
        assertThat(orders.direction()).isEqualTo(Direction.BOTH);
        assertThat(orders.conflict()).isEqualTo(ConflictStrategy.DEFAULT);
    }

    @Test
    void shouldReadCounterColumnsAndRejectAKeyColumnAsCounter() {
        // Given
        String counters = ORDERS_HEAD + "    counters: [total, items]\n";
        String keyAsCounter = ORDERS_HEAD + "    key: [id]\n    counters: [id]\n";

        // When
        Mapping orders = Mappings.parse("m.yaml", counters).get("orders");

        // Then
        assertThat(orders.counters()).containsExactly("total", "items");
        assertThat(orders.isCounter("total")).isTrue();
        assertThat(orders.isCounter("note")).isFalse();
        assertThat(Mappings.parse("m.yaml", ORDERS_HEAD).get("orders").counters()).isEmpty();
        assertThatThrownBy(() -> Mappings.parse("m.yaml", keyAsCounter))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping 'orders', key 'counters': key column 'id' cannot be a counter");
    }

    @Test
    void shouldNameLineOfBrokenYamlSyntax() {
        // Given
        String yaml = """
                mappings:
                  - name: orders
                    monolith: { schema: public, table: orders
                    service: svc.orders
                """;

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mappings.yaml:4:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void shouldRejectUnknownKeyNamingItsPosition() {
        // Given
        String yaml = ORDERS_HEAD + "    directon: both\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mappings.yaml:5:5: mapping 'orders', key 'directon': unknown key (expected one of");
    }

    @Test
    void shouldRejectUnknownKeyInsideConflict() {
        // Given
        String yaml = ORDERS_HEAD + "    conflict: { strategy: priority, priority: service, window: 1s }\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .hasMessageStartingWith("mappings.yaml:5:")
                .hasMessageContaining("mapping 'orders', key 'conflict.window': unknown key");
    }

    @Test
    void shouldRejectUnknownConflictStrategyListingTheValidOnes() {
        // Given
        String yaml = ORDERS_HEAD + "    conflict:\n      strategy: newest\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessage("mappings.yaml:6:17: mapping 'orders', key 'conflict.strategy': unknown conflict strategy 'newest'"
                        + " (expected one of last-write-wins, priority, column-merge, custom)");
    }

    @Test
    void shouldRejectDuplicateMappingNames() {
        // Given
        String yaml = ORDERS_HEAD + """
                  - name: orders
                    monolith: public.orders2
                    service: svc.orders2
                """;

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessage("mappings.yaml:5:11: mapping 'orders', key 'name': duplicate mapping name (first defined at line 2)");
    }

    @Test
    void shouldRejectMissingRequiredField() {
        // Given
        String yaml = """
                mappings:
                  - name: orders
                    monolith: public.orders
                """;

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mappings.yaml:2:")
                .hasMessageEndingWith("mapping 'orders', key 'service': is required");
    }

    @Test
    void shouldRejectMappingWithoutName() {
        // Given
        String yaml = "mappings:\n  - monolith: public.orders\n    service: svc.orders\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .hasMessageStartingWith("mappings.yaml:2:")
                .hasMessageEndingWith("key 'name': is required");
    }

    @Test
    void shouldRejectInvalidDuration() {
        // Given
        String yaml = ORDERS_HEAD + "    conflict: { strategy: last-write-wins, clock-skew-window: 250 millis }\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("mappings.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("mappings.yaml:5:")
                .hasMessageContaining("mapping 'orders', key 'conflict.clock-skew-window': invalid duration '250 millis'");
    }

    @Test
    void shouldRejectUnknownDirectionAndSide() {
        assertThatThrownBy(() -> Mappings.parse("m.yaml", ORDERS_HEAD + "    direction: sideways\n"))
                .hasMessageContaining("key 'direction': unknown direction 'sideways' (expected one of both,"
                        + " monolith-to-service, service-to-monolith)");
        assertThatThrownBy(() -> Mappings.parse("m.yaml", ORDERS_HEAD + "    conflict: { strategy: priority, priority: left }\n"))
                .hasMessageContaining("key 'conflict.priority': unknown side 'left'");
    }

    @Test
    void shouldRejectColumnThatIsRenamedAndExcluded() {
        // Given
        String yaml = ORDERS_HEAD + "    columns: { total: amount }\n    exclude: { monolith: [total] }\n";

        // When / Then
        assertThatThrownBy(() -> Mappings.parse("m.yaml", yaml))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("m.yaml:5:")
                .hasMessageContaining("mapping 'orders', key 'columns.total': column 'total' is renamed but also excluded");
    }

    @Test
    void shouldRejectDuplicateYamlKeys() {
        assertThatThrownBy(() -> Mappings.parse("m.yaml", ORDERS_HEAD + "    direction: both\n    direction: both\n"))
                .hasMessageStartingWith("m.yaml:6:5:")
                .hasMessageContaining("duplicate key 'direction'");
    }

    @Test
    void shouldRejectEmptyFileAndWrongShapes() {
        assertThatThrownBy(() -> Mappings.parse("m.yaml", "")).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> Mappings.parse("m.yaml", "mappings: {}\n"))
                .hasMessageContaining("key 'mappings': expected a list");
        assertThatThrownBy(() -> Mappings.parse("m.yaml", ORDERS_HEAD + "    key: { id: 1 }\n"))
                .hasMessageContaining("key 'key': expected a list");
    }

    @Test
    void shouldRejectBadNamesInRecordsBuiltInCode() {
        assertThatThrownBy(() -> new TableRef("public", " ")).isInstanceOf(MappingException.class)
                .hasMessage("key 'table': must be a non-empty name");
        assertThatThrownBy(() -> new Mapping("bad name", new TableRef("a", "b"), new TableRef("c", "d"),
                List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), null, null))
                .hasMessageContaining("key 'name': must be letters, digits");
        assertThatThrownBy(() -> new ConflictStrategy.Custom("not a class", Map.of()))
                .hasMessageContaining("key 'conflict.class'");
    }
}
