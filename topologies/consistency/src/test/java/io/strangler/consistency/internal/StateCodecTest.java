package io.strangler.consistency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.DiscrepancyKind;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final CanonicalRow ROW = CanonicalRow.builder().put("id", 1L).put("name", "Ådå ".repeat(20_000))
            .put("ok", true).put("ratio", 0.5).put("blob", BinaryValue.of(new byte[] {0, 1, 2})).put("gone", null)
            .build();

    @Test
    void shouldRoundTripAnAuditRowWithEveryCanonicalValueKind() {
        // Given a row with a long text (beyond writeUTF's 64 KiB), bytes, null, and a deleted other side
        AuditRow row = new AuditRow(new SideImage(true, RowHash.of(ROW, ROW.columns()), ROW, 42, true),
                new SideImage(false, null, CanonicalRow.empty(), 43), 1000, 42, DiscrepancyKind.MISSING_ON_SERVICE,
                List.of("name"), -1, 6000);

        // When
        var serde = StateCodec.auditRowSerde();
        AuditRow back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", row));

        // Then
        assertThat(back).isEqualTo(row);
        assertThat(back.monolith().row().columns()).containsExactlyElementsOf(ROW.columns());
    }

    @Test
    void shouldRoundTripObservationsAndPartialCounts() {
        Observation observation = new Observation(Side.SERVICE, true, ROW, List.of("x"), 7, true);
        var observations = StateCodec.observationSerde();
        assertThat(observations.deserializer().deserialize("t", observations.serializer().serialize("t", observation)))
                .isEqualTo(observation);

        PartialStatus partial = new PartialStatus("1_0", Map.of("a", new Counts(1, 2, 3)), 99);
        var partials = StateCodec.partialStatusSerde();
        assertThat(partials.deserializer().deserialize("t", partials.serializer().serialize("t", partial)))
                .isEqualTo(partial);
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() {
        assertThatThrownBy(() -> StateCodec.auditRowSerde().deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }
}
