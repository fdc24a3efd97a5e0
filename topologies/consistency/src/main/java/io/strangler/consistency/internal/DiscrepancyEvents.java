package io.strangler.consistency.internal;

import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.DiscrepancyKind;
import io.strangler.schemas.DiscrepancyStatus;
import java.util.List;
import java.util.Map;

/** Builds the {@link Discrepancy} events of a row. */
final class DiscrepancyEvents {

    private DiscrepancyEvents() {
    }

    static Discrepancy of(String rowKey, AuditRow row, DiscrepancyStatus status, DiscrepancyKind kind,
            List<String> columns, long nowMillis) {
        return Discrepancy.newBuilder()
                .setMapping(LogicalTranslator.mappingOf(rowKey))
                .setKey(avro(LogicalTranslator.keyOf(rowKey).toRow()))
                .setStatus(status)
                .setKind(kind)
                .setDifferingColumns(columns)
                .setMonolithHash(hash(row.monolith()))
                .setServiceHash(hash(row.service()))
                .setMonolithRow(image(row.monolith()))
                .setServiceRow(image(row.service()))
                .setSinceMicros(row.sinceMicros())
                .setDetectedMicros(nowMillis * 1000)
                .build();
    }

    private static String hash(SideImage image) {
        return image == null || !image.present() ? null : image.hash().toString();
    }

    private static Map<String, Object> image(SideImage image) {
        return image == null || !image.present() ? null : avro(image.row());
    }

    private static Map<String, Object> avro(CanonicalRow row) {
        return row.toAvro();
    }
}
