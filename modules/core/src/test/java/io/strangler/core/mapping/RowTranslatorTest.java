package io.strangler.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowTranslatorTest {

    /** public.orders(id, customer_id, total, legacy_flag, internal_note) ↔ svc.purchase_order(id, buyer_id, amount, tenant, version, etag). */
    private static final ResolvedMapping ORDERS = new ResolvedMapping(
            new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase_order"), List.of(),
                    Map.of("customer_id", "buyer_id", "total", "amount"),
                    List.of(new OneSidedColumn("legacy_flag", "N")),
                    List.of(new OneSidedColumn("tenant", "acme"), new OneSidedColumn("version", 1),
                            new OneSidedColumn("region", null)),
                    List.of("internal_note"), List.of("etag"), Direction.MONOLITH_TO_SERVICE, null),
            List.of("id"),
            List.of(new MappedColumn("id", "id", "id"), new MappedColumn("customer_id", "customer_id", "buyer_id"),
                    new MappedColumn("total", "total", "amount")));

    private final RowTranslator translator = RowTranslator.of(ORDERS);

    @Test
    void shouldTranslateMonolithRowToServiceRowWithRenamesDroppingOneSidedAndExcludedColumns() {
        // Given a monolith row with every kind of column, in another order than the mapping's
        CanonicalRow monolith = row("internal_note", "secret", "total", "12.50", "legacy_flag", "Y", "customer_id", 7L,
                "id", 42L);

        // When
        CanonicalRow logical = translator.toLogical(Side.MONOLITH, monolith);
        CanonicalRow service = translator.translate(Side.MONOLITH, monolith);

        // Then the logical row has the logical names in hash order, the service row the service names
        assertThat(logical.columns()).containsExactly("id", "customer_id", "total");
        assertThat(logical.values()).containsEntry("customer_id", 7L).containsEntry("total", "12.50");
        assertThat(service.columns()).containsExactly("id", "buyer_id", "amount");
        assertThat(service.values()).containsEntry("id", 42L).containsEntry("buyer_id", 7L).containsEntry("amount", "12.50");
    }

    @Test
    void shouldTranslateServiceRowBackToMonolithNames() {
        // Given a service row with a service-only and an excluded column
        CanonicalRow service = row("amount", "3.00", "id", 1L, "buyer_id", 9L, "tenant", "acme", "etag", "x1");

        // When
        CanonicalRow monolith = translator.translate(Side.SERVICE, service);

        // Then
        assertThat(monolith.columns()).containsExactly("id", "customer_id", "total");
        assertThat(monolith.values()).containsEntry("customer_id", 9L).containsEntry("total", "3.00");
    }

    @Test
    void shouldOfferOnlyTheTargetsOneSidedColumnsWithDefaultsAsInsertDefaults() {
        // When
        CanonicalRow serviceDefaults = translator.insertDefaults(Side.SERVICE);
        CanonicalRow monolithDefaults = translator.insertDefaults(Side.MONOLITH);

        // Then a column without a default is left to the database
        assertThat(serviceDefaults.values()).containsExactly(Map.entry("tenant", "acme"), Map.entry("version", 1L));
        assertThat(monolithDefaults.values()).containsExactly(Map.entry("legacy_flag", "N"));
    }

    @Test
    void shouldHashTheLogicalRowIdenticallyFromEitherSide() {
        // Given the same logical row seen on both sides, with different unmapped columns
        CanonicalRow monolith = row("id", 1L, "customer_id", 2L, "total", "1.00", "internal_note", "a");
        CanonicalRow service = row("amount", "1.00", "buyer_id", 2L, "id", 1L, "etag", "zzz", "tenant", "t");

        // When
        RowHash fromMonolith = translator.hash(translator.toLogical(Side.MONOLITH, monolith));
        RowHash fromService = translator.hash(translator.toLogical(Side.SERVICE, service));

        // Then
        assertThat(fromMonolith).isEqualTo(fromService)
                .isEqualTo(RowHash.of(row("id", 1L, "customer_id", 2L, "total", "1.00"), List.of("id", "customer_id", "total")));
        assertThat(translator.hash(translator.toLogical(Side.MONOLITH, monolith.with("total", "1.01"))))
                .isNotEqualTo(fromMonolith);
    }

    @Test
    void shouldBuildTheKeyInEachSidesNames() {
        // Given a mapping whose key column is renamed on the service side
        ResolvedMapping renamedKey = new ResolvedMapping(
                new Mapping("items", new TableRef("public", "items"), new TableRef("svc", "item"), List.of(),
                        Map.of("id", "item_id"), List.of(), List.of(), List.of(), List.of(), null, null),
                List.of("id"), List.of(new MappedColumn("id", "id", "item_id"), new MappedColumn("name", "name", "name")));
        RowTranslator items = RowTranslator.of(renamedKey);
        CanonicalRow logical = items.toLogical(Side.MONOLITH, row("id", 5L, "name", "n"));

        // When / Then
        assertThat(items.key(Side.SERVICE, logical).encode()).isEqualTo("{\"item_id\":5}");
        assertThat(items.key(Side.MONOLITH, logical).encode()).isEqualTo("{\"id\":5}");
        assertThat(items.keyToLogical(Side.SERVICE, CanonicalKey.decode("{\"item_id\":5}")).values())
                .containsExactly(Map.entry("id", 5L));
    }

    @Test
    void shouldLeaveColumnsThePhysicalRowLacksAbsentAndRejectAMissingKey() {
        // Given a row without its total (an unavailable value) and one without its key
        CanonicalRow partial = row("id", 3L, "customer_id", 1L);

        // When / Then
        assertThat(translator.translate(Side.MONOLITH, partial).columns()).containsExactly("id", "buyer_id");
        CanonicalRow keyless = translator.toLogical(Side.MONOLITH, row("total", "1.00"));
        assertThatThrownBy(() -> translator.key(Side.SERVICE, keyless))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    private static CanonicalRow row(Object... columnsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return CanonicalRow.of(values);
    }
}
