package io.strangler.capture.internal;

import io.strangler.capture.ToastPolicy;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns one Debezium {@link SourceRecord} into what capture publishes: a canonical {@link RowChange} for a data
 * change, a {@link TransactionEvent} for a transaction boundary, or nothing (heartbeat, schema change, truncate,
 * tombstone). Pure: no I/O, safe to call from one thread at a time.
 */
public final class ChangeConverter {

    private static final String TRANSACTION_SCHEMA_SUFFIX = "TransactionMetadataValue";

    private final String source;
    private final TopicNames topics;
    private final ToastPolicy toastPolicy;
    private final Clock clock;
    private final boolean postgres;

    /**
     * @param postgres whether the source is PostgreSQL, whose Debezium transaction ids ({@code xid:lsn}) carry the
     *                 LSN last seen, which differs between the events of one transaction; capture keeps the xid
     */
    public ChangeConverter(String source, TopicNames topics, ToastPolicy toastPolicy, Clock clock, boolean postgres) {
        this.source = Objects.requireNonNull(source, "source");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.toastPolicy = Objects.requireNonNull(toastPolicy, "toastPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.postgres = postgres;
    }

    /**
     * @throws ConversionException naming table, key and position when a data change cannot be converted
     */
    public CapturedRecord convert(SourceRecord record) {
        if (!(record.value() instanceof Struct value)) {
            return CapturedRecord.skipped(); // tombstone or non-struct record
        }
        Schema schema = value.schema();
        if (schema.name() != null && schema.name().endsWith(TRANSACTION_SCHEMA_SUFFIX)) {
            return transaction(value);
        }
        if (schema.field("op") == null || schema.field("source") == null) {
            return CapturedRecord.skipped(); // heartbeat, schema change
        }
        return rowChange(record, value);
    }

    private CapturedRecord transaction(Struct value) {
        String status = String.valueOf(SourcePositions.field(value, "status"));
        String id = normalizeTransactionId(String.valueOf(SourcePositions.field(value, "id")));
        long now = nowMicros();
        Object eventCount = SourcePositions.field(value, "event_count");
        Map<String, Long> perTable = new LinkedHashMap<>();
        Object collections = SourcePositions.field(value, "data_collections");
        if (collections instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Struct struct) {
                    perTable.put(String.valueOf(SourcePositions.field(struct, "data_collection")),
                            ((Number) SourcePositions.field(struct, "event_count")).longValue());
                }
            }
        }
        Object tsMs = SourcePositions.field(value, "ts_ms");
        long commitMicros = tsMs instanceof Number n ? n.longValue() * 1_000L : now;
        TransactionEvent event = TransactionEvent.newBuilder()
                .setSource(source)
                .setTransactionId(id)
                .setStatus("BEGIN".equals(status) ? TransactionStatus.BEGIN : TransactionStatus.END)
                .setEventCount(eventCount instanceof Number n ? n.longValue() : null)
                .setTableEventCounts(new LinkedHashMap<>(perTable))
                .setSourceCommitMicros(commitMicros)
                .setCaptureMicros(now)
                .build();
        return new CapturedRecord(topics.cdcTransactions(source), id, event, CapturedRecord.Kind.TRANSACTION);
    }

    private CapturedRecord rowChange(SourceRecord record, Struct value) {
        Struct sourceBlock = (Struct) SourcePositions.field(value, "source");
        String position = SourcePositions.position(sourceBlock);
        String schemaName = SourcePositions.schema(sourceBlock);
        String table = SourcePositions.table(sourceBlock);
        String qualified = schemaName + "." + table;
        Operation op = operation(String.valueOf(SourcePositions.field(value, "op")));
        if (op == null) {
            return CapturedRecord.skipped(); // truncate ('t') and logical messages ('m') carry no row
        }
        String encodedKey = null;
        try {
            CanonicalKey key = key(record, qualified);
            encodedKey = key.encode();
            Struct before = (Struct) SourcePositions.field(value, "before");
            Struct after = (Struct) SourcePositions.field(value, "after");
            List<String> unavailable = new ArrayList<>();
            Map<String, Object> beforeImage = before == null ? null : image(before, null, unavailable);
            Map<String, Object> afterImage = after == null ? null : image(after, beforeImage, unavailable);
            if (!unavailable.isEmpty() && toastPolicy == ToastPolicy.DLQ) {
                throw new IllegalStateException("the source log does not carry the value of column(s) "
                        + unavailable + " (unchanged TOAST; set REPLICA IDENTITY FULL on " + qualified + ")");
            }
            long now = nowMicros();
            RowChange change = RowChange.newBuilder()
                    .setSource(source)
                    .setSchema$(schemaName)
                    .setTable(table)
                    .setOp(op)
                    .setKey(new LinkedHashMap<>(key.toRow().toAvro()))
                    .setBefore(beforeImage)
                    .setAfter(afterImage)
                    .setUnavailableColumns(unavailable)
                    .setSourceCommitMicros(SourcePositions.commitMicros(sourceBlock, now))
                    .setSourcePosition(position)
                    .setTransactionId(transactionId(value, sourceBlock))
                    .setCaptureMicros(now)
                    .build();
            return new CapturedRecord(topics.cdc(source, schemaName, table), encodedKey, change,
                    CapturedRecord.Kind.ROW_CHANGE, key);
        } catch (RuntimeException e) {
            throw new ConversionException("cannot convert " + op + " of " + qualified
                    + (encodedKey == null ? "" : " key " + encodedKey) + " at " + position + ": " + e.getMessage(),
                    qualified, encodedKey, position, e);
        }
    }

    private static CanonicalKey key(SourceRecord record, String qualified) {
        if (!(record.key() instanceof Struct keyStruct) || keyStruct.schema().fields().isEmpty()) {
            throw new IllegalArgumentException("table " + qualified + " has no primary key; declare one or set "
                    + "Debezium's message.key.columns for it");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : keyStruct.schema().fields()) {
            values.put(field.name(), canonical(field, keyStruct.get(field)));
        }
        return CanonicalKey.of(values);
    }

    /**
     * Column → Avro-ready canonical value. An unavailable value is filled from {@code fallback} (the before image)
     * when it has the column, else written as null and listed in {@code unavailable}.
     */
    private static Map<String, Object> image(Struct struct, Map<String, Object> fallback, List<String> unavailable) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object canonical = canonical(field, struct.get(field));
            if (CanonicalValue.isUnavailable(canonical)) {
                if (fallback != null && fallback.containsKey(field.name()) && !unavailable.contains(field.name())) {
                    out.put(field.name(), fallback.get(field.name()));
                    continue;
                }
                if (!unavailable.contains(field.name())) {
                    unavailable.add(field.name());
                }
                out.put(field.name(), null);
                continue;
            }
            out.put(field.name(), CanonicalValue.toAvro(canonical));
        }
        return out;
    }

    private static Object canonical(Field field, Object value) {
        return CanonicalValue.fromConnect(field.name(), field.schema(), value);
    }

    private String transactionId(Struct value, Struct sourceBlock) {
        Object transaction = SourcePositions.field(value, "transaction");
        if (transaction instanceof Struct struct) {
            Object id = SourcePositions.field(struct, "id");
            if (id != null) {
                return normalizeTransactionId(id.toString());
            }
        }
        return SourcePositions.sourceTransactionId(sourceBlock);
    }

    private String normalizeTransactionId(String id) {
        int colon = id.indexOf(':');
        return postgres && colon > 0 ? id.substring(0, colon) : id;
    }

    private static Operation operation(String code) {
        return switch (code) {
            case "c" -> Operation.CREATE;
            case "u" -> Operation.UPDATE;
            case "d" -> Operation.DELETE;
            case "r" -> Operation.READ;
            default -> null;
        };
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }
}
