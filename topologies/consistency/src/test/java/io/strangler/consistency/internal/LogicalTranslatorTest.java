package io.strangler.consistency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogicalTranslatorTest {

    /** Composite key (order_id, line); the service renames line to line_no and has no note column. */
    private static final ResolvedMapping LINES = new ResolvedMapping(Mappings.parse("t.yaml", """
            mappings:
              - name: lines
                monolith: public.order_lines
                service: sales.line
                key: [order_id, line]
                columns: { line: line_no }
                monolith-only: [note]
            """).mappings().get(0), List.of("order_id", "line"), List.of(new MappedColumn("order_id", "order_id", "order_id"),
            new MappedColumn("line", "line", "line_no"), new MappedColumn("sku", "sku", "sku"),
            new MappedColumn("payload", "payload", "payload")));

    /** Keyed by the unique, non-primary email: an update of email moves the logical row. */
    private static final ResolvedMapping BY_EMAIL = new ResolvedMapping(Mappings.parse("t.yaml", """
            mappings:
              - name: by_email
                monolith: public.customers
                service: crm.customer
                key: [email]
            """).mappings().get(0), List.of("email"), List.of(new MappedColumn("id", "id", "id"),
            new MappedColumn("email", "email", "email"), new MappedColumn("name", "name", "name")));

    @Test
    void shouldRenameToLogicalNamesDropUnmappedColumnsAndKeyByMappingAndCompositeKey() {
        // Given a service change spelling line as line_no, with bytes and an unmapped column
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("order_id", 7L);
        after.put("line_no", 2L);
        after.put("sku", "A-1");
        after.put("payload", ByteBuffer.wrap(new byte[] {1, 2}));
        after.put("tenant", "acme");

        // When
        LogicalTranslator.Translated translated = single(LogicalTranslator.translate(change(Operation.CREATE, after),
                LINES, Side.SERVICE));

        // Then
        assertThat(translated.rowKey()).isEqualTo("lines:{\"order_id\":7,\"line\":2}");
        assertThat(translated.observation().row().columns()).containsExactly("order_id", "line", "sku", "payload");
        assertThat(translated.observation().present()).isTrue();
        assertThat(LogicalTranslator.mappingOf(translated.rowKey())).isEqualTo("lines");
        assertThat(LogicalTranslator.keyOf(translated.rowKey()).values()).containsEntry("line", 2L);
    }

    @Test
    void shouldTakeTheKeyOfADeleteWithoutBeforeImageFromTheChangesKey() {
        // Given a delete that carries only the primary key
        RowChange delete = change(Operation.DELETE, null);
        delete.setBefore(null);

        // When
        LogicalTranslator.Translated translated = single(LogicalTranslator.translate(delete, LINES, Side.SERVICE));

        // Then
        assertThat(translated.rowKey()).isEqualTo("lines:{\"order_id\":7,\"line\":2}");
        assertThat(translated.observation().present()).isFalse();
        assertThat(translated.observation().row().size()).isZero();
    }

    @Test
    void shouldNameTheMappingAndColumnWhenAKeyValueIsMissing() {
        // Given a monolith change whose key and image lack "line"
        RowChange change = change(Operation.UPDATE, Map.of("order_id", 7L, "sku", "A-1"));
        change.setKey(Map.of("order_id", 7L));

        // Then
        assertThatThrownBy(() -> LogicalTranslator.translate(change, LINES, Side.MONOLITH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mapping 'lines'").hasMessageContaining("key column 'line'");
    }

    @Test
    void shouldTurnAnUpdateThatMovesTheLogicalKeyIntoTheOldKeysDeletionAndTheNewKeysRow() {
        // Given a mapping keyed by the unique email, and an update of email with a full before image
        RowChange update = customer(Map.of("id", 1L, "email", "old@x", "name", "Ada"),
                Map.of("id", 1L, "email", "new@x", "name", "Ada"));

        // When
        List<LogicalTranslator.Translated> translated = LogicalTranslator.translate(update, BY_EMAIL, Side.MONOLITH);

        // Then the old key is deleted first, then the new key holds the row
        assertThat(translated).extracting(LogicalTranslator.Translated::rowKey)
                .containsExactly("by_email:{\"email\":\"old@x\"}", "by_email:{\"email\":\"new@x\"}");
        Observation gone = translated.get(0).observation();
        assertThat(gone.present()).isFalse();
        assertThat(gone.row().size()).isZero();
        assertThat(gone.side()).isEqualTo(Side.MONOLITH);
        assertThat(gone.commitMicros()).isEqualTo(update.getSourceCommitMicros());
        assertThat(translated.get(1).observation().present()).isTrue();
        assertThat(translated.get(1).observation().row().get("name")).isEqualTo("Ada");
    }

    @Test
    void shouldTakeAnUpdateKeepingTheLogicalKeyAsOneRowsChange() {
        // Given an update of the name only, with a full before image
        RowChange update = customer(Map.of("id", 1L, "email", "a@x", "name", "Ada"),
                Map.of("id", 1L, "email", "a@x", "name", "Ada L."));

        // When / Then
        assertThat(LogicalTranslator.translate(update, BY_EMAIL, Side.MONOLITH))
                .extracting(LogicalTranslator.Translated::rowKey).containsExactly("by_email:{\"email\":\"a@x\"}");
    }

    @Test
    void shouldTakeAnUpdateAsTheNewKeysOnlyWhenTheBeforeImageCannotTellTheOldKey() {
        // Given updates whose before image is missing (default replica identity), lacks email, or has a null email
        Map<String, Object> nullEmail = new LinkedHashMap<>();
        nullEmail.put("id", 1L);
        nullEmail.put("email", null);
        List<RowChange> updates = List.of(customer(null, Map.of("id", 1L, "email", "new@x")),
                customer(Map.of("id", 1L), Map.of("id", 1L, "email", "new@x")),
                customer(nullEmail, Map.of("id", 1L, "email", "new@x")));

        // When / Then each is the new key's change alone: there is no old key to delete
        for (RowChange update : updates) {
            assertThat(LogicalTranslator.translate(update, BY_EMAIL, Side.MONOLITH))
                    .extracting(LogicalTranslator.Translated::rowKey).containsExactly("by_email:{\"email\":\"new@x\"}");
        }
    }

    private static RowChange customer(Map<String, Object> before, Map<String, Object> after) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable("customers")
                .setOp(Operation.UPDATE).setKey(Map.of("id", 1L))
                .setBefore(before == null ? null : new LinkedHashMap<>(before)).setAfter(new LinkedHashMap<>(after))
                .setUnavailableColumns(List.of()).setSourceCommitMicros(5).setSourcePosition("0/5")
                .setTransactionId(null).setCaptureMicros(6).build();
    }

    private static LogicalTranslator.Translated single(List<LogicalTranslator.Translated> translated) {
        assertThat(translated).hasSize(1);
        return translated.get(0);
    }

    private static RowChange change(Operation op, Map<String, Object> after) {
        return RowChange.newBuilder().setSource("service").setSchema$("sales").setTable("line").setOp(op)
                .setKey(Map.of("order_id", 7L, "line_no", 2L))
                .setBefore(null).setAfter(after == null ? null : new LinkedHashMap<>(after))
                .setUnavailableColumns(List.of()).setSourceCommitMicros(1).setSourcePosition("0/1")
                .setTransactionId(null).setCaptureMicros(2).build();
    }
}
