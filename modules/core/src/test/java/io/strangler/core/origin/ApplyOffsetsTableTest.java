package io.strangler.core.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.Engine;
import org.junit.jupiter.api.Test;

class ApplyOffsetsTableTest {

    @Test
    void shouldMatchAnUnqualifiedNameInAnySchemaAndAQualifiedNameOnlyInItsOwn() {
        ApplyOffsetsTable anywhere = ApplyOffsetsTable.of("strangler_apply_offsets");
        ApplyOffsetsTable qualified = ApplyOffsetsTable.of("ops.strangler_apply_offsets");

        assertThat(anywhere.matches("public", "STRANGLER_APPLY_OFFSETS")).isTrue();
        assertThat(anywhere.matches("shop", "customer")).isFalse();
        assertThat(qualified.matches("ops", "strangler_apply_offsets")).isTrue();
        assertThat(qualified.matches("public", "strangler_apply_offsets")).isFalse();
    }

    @Test
    void shouldGiveADebeziumIncludeListEntryMatchingOnlyThatTable() {
        String entry = ApplyOffsetsTable.of("strangler_apply_offsets").includeListEntry();

        assertThat("public.strangler_apply_offsets").matches(entry);
        assertThat("shop.strangler_apply_offsets").matches(entry);
        assertThat("public.strangler_apply_offsets_old").doesNotMatch(entry);
        assertThat("ops.strangler_apply_offsets").matches(ApplyOffsetsTable.of("ops.strangler_apply_offsets")
                .includeListEntry());
    }

    @Test
    void shouldCreateTheSameTableOnEitherEngineAndRejectANonTableName() {
        assertThat(ApplyOffsetsTable.of("t").createStatement(Engine.POSTGRESQL))
                .startsWith("CREATE TABLE IF NOT EXISTS t (").contains("PRIMARY KEY (consumer_group, topic, partition_id)");
        assertThat(ApplyOffsetsTable.of("t").createStatement(Engine.MARIADB)).endsWith("ENGINE = InnoDB");
        assertThatThrownBy(() -> ApplyOffsetsTable.of("x; DROP TABLE y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a table name");
    }
}
