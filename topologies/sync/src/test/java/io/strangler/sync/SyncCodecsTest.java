package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.sync.internal.Hashes;
import io.strangler.sync.internal.Image;
import io.strangler.sync.internal.LogicalChange;
import io.strangler.sync.internal.Origin;
import io.strangler.sync.internal.PendingApply;
import io.strangler.sync.internal.RowState;
import io.strangler.sync.internal.SideState;
import io.strangler.sync.internal.SyncCodecs;
import io.strangler.sync.internal.TransactionTag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SyncCodecsTest {

    private static CanonicalRow row() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 7L);
        values.put("name", "Zoë");
        values.put("score", 1.5);
        values.put("active", true);
        values.put("note", null);
        values.put("blob", BinaryValue.of(new byte[] {1, 2, 3}));
        return CanonicalRow.of(values);
    }

    @Test
    void shouldRoundTripEveryCanonicalValueKindThroughTheStoreFormat() {
        // Given
        CanonicalRow row = row();
        RowHash hash = RowHash.of(row, row.columns());
        Image agreed = new Image(row, hash, Origin.MERGED, Operation.UPDATE, 42L, Map.of("name", 41L));
        RowState state = new RowState(agreed, new Image(null, Hashes.DELETED, Origin.SERVICE, Operation.DELETE, 1L, Map.of()),
                new SideState(hash, row, List.of(new PendingApply(hash, 5L, 3L)), 2L, "16/B374D848", 1_700_000_000_000_000L), SideState.UNKNOWN, RowState.NOT_DELETED,
                3L);

        // When
        byte[] bytes = SyncCodecs.stateSerde().serializer().serialize("t", state);
        RowState read = SyncCodecs.stateSerde().deserializer().deserialize("t", bytes);

        // Then
        assertThat(read).isEqualTo(state);
        assertThat(bytes[0]).as("format version").isEqualTo((byte) 3);
    }

    @Test
    void shouldRoundTripALogicalChange() {
        CanonicalRow row = row();
        LogicalChange change = new LogicalChange("m", Side.SERVICE, Operation.UPDATE, CanonicalKey.of(Map.of("id", 7L)), row,
                RowHash.of(row, row.columns()), null, List.of("note"), 99L, "0/16B3748");
        byte[] bytes = SyncCodecs.changeSerde().serializer().serialize("t", change);
        assertThat(SyncCodecs.changeSerde().deserializer().deserialize("t", bytes)).isEqualTo(change);
    }

    @Test
    void shouldRoundTripTheTransactionTagOfAChangeAndReadChangesWrittenBeforeTagsAsStandingAlone() {
        CanonicalRow row = row();
        LogicalChange change = new LogicalChange("m", Side.MONOLITH, Operation.CREATE, CanonicalKey.of(Map.of("id", 7L)),
                row, RowHash.of(row, row.columns()), null, List.of(), 99L, "0/16B3748", ChangeOrigin.LOCAL)
                .inTransaction(new TransactionTag("771", 3, 2, 2));
        byte[] bytes = SyncCodecs.changeSerde().serializer().serialize("t", change);
        assertThat(SyncCodecs.changeSerde().deserializer().deserialize("t", bytes)).isEqualTo(change);

        // a record of the previous format (version 3) ends after the counter deltas: no tag
        LogicalChange untagged = change.inTransaction(null);
        byte[] v4 = SyncCodecs.changeSerde().serializer().serialize("t", untagged);
        byte[] v3 = java.util.Arrays.copyOf(v4, v4.length - 1);
        v3[0] = 3;
        assertThat(SyncCodecs.changeSerde().deserializer().deserialize("t", v3)).isEqualTo(untagged);
    }

    @Test
    void shouldRoundTripTheOriginOfAChangeAndReadChangesWrittenBeforeOriginsAsUnknown() {
        // Given: a change tagged by capture, and the same change in the format without origins (version 1)
        CanonicalRow row = row();
        LogicalChange tagged = new LogicalChange("m", Side.MONOLITH, Operation.UPDATE, CanonicalKey.of(Map.of("id", 7L)),
                row, RowHash.of(row, row.columns()), null, List.of(), 99L, "0/16B3748", ChangeOrigin.APPLY);
        byte[] bytes = SyncCodecs.changeSerde().serializer().serialize("t", tagged);
        byte[] v1 = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        v1[0] = 1;

        // When / Then
        assertThat(SyncCodecs.changeSerde().deserializer().deserialize("t", bytes)).isEqualTo(tagged);
        assertThat(SyncCodecs.changeSerde().deserializer().deserialize("t", v1).origin()).isNull();
    }

    @Test
    void shouldRejectUnknownFormatVersionWithAClearError() {
        assertThatThrownBy(() -> SyncCodecs.stateSerde().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format version 9");
    }
}
