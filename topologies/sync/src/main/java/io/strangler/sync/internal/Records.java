package io.strangler.sync.internal;

import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowVersion;
import io.strangler.sync.SyncSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the Avro records the sync emits. */
public final class Records {

    public static final String COMPONENT = "sync";

    private final SyncSettings settings;

    public Records(SyncSettings settings) {
        this.settings = settings;
    }

    /**
     * The command writing {@code image} to {@code target}, in the target's own table and column names. Counter columns
     * (except in a bootstrap copy, which writes them as they are) are written only into a row the command inserts, and an
     * existing row gets the send's increments added to them instead.
     */
    public ApplyCommand apply(ResolvedMapping mapping, CanonicalKey logicalKey, Effect.SendApply send) {
        Side target = send.target();
        Image image = send.image();
        Map<String, Object> row = null;
        Map<String, Object> insertOnly = null;
        Map<String, Object> increments = null;
        if (!image.deleted()) {
            boolean countersAsIs = send.reason() == ApplyReason.BOOTSTRAP;
            CanonicalRow.Builder builder = CanonicalRow.builder();
            CanonicalRow.Builder counters = CanonicalRow.builder();
            for (MappedColumn column : mapping.columns()) {
                boolean counter = !countersAsIs && mapping.mapping().isCounter(column.logicalName());
                (counter ? counters : builder).put(column.column(target), image.row().get(column.logicalName()));
            }
            if (send.insert()) {
                // one-side-only columns get their default only when the row is created: an update leaves them alone
                for (OneSidedColumn only : mapping.mapping().onlyOn(target)) {
                    if (only.defaultValue() != null) {
                        builder.put(only.name(), only.defaultValue());
                    }
                }
            }
            row = builder.build().toAvro();
            CanonicalRow newRowCounters = counters.build();
            insertOnly = newRowCounters.isEmpty() ? null : newRowCounters.toAvro();
            increments = amounts(mapping, target, send.increments());
        }
        return command(mapping, logicalKey, target, image, send.reason())
                .setOp(image.deleted() ? ApplyOperation.DELETE : ApplyOperation.UPSERT)
                .setRow(row)
                .setInsertOnly(insertOnly)
                .setIncrements(increments)
                .build();
    }

    /** The command adding {@code send}'s increments to the counters of the row on its target, if the target holds it. */
    public ApplyCommand increment(ResolvedMapping mapping, CanonicalKey logicalKey, Effect.SendIncrement send) {
        return command(mapping, logicalKey, send.target(), send.agreed(), ApplyReason.SYNC)
                .setOp(ApplyOperation.INCREMENT)
                .setIncrements(amounts(mapping, send.target(), send.increments()))
                .build();
    }

    /**
     * The {@code MARK} standing for {@code change}, which yields no write on {@code target}: it writes nothing and lets
     * the sink count the change as one of {@code tag}'s transaction.
     */
    public ApplyCommand mark(ResolvedMapping mapping, CanonicalKey logicalKey, Side target, LogicalChange change,
            TransactionTag tag) {
        return command(mapping, logicalKey, target, Hashes.DELETED, change.side().label(), change.commitMicros(),
                ApplyReason.SYNC)
                .setOp(ApplyOperation.MARK)
                .setTransaction(tag.toAvro())
                .build();
    }

    private ApplyCommand.Builder command(ResolvedMapping mapping, CanonicalKey logicalKey, Side target, Image image,
            ApplyReason reason) {
        return command(mapping, logicalKey, target, image.hash(), image.origin().label(), image.commitMicros(), reason);
    }

    private ApplyCommand.Builder command(ResolvedMapping mapping, CanonicalKey logicalKey, Side target,
            io.strangler.core.row.RowHash hash, String originSide, long originCommitMicros, ApplyReason reason) {
        var table = mapping.mapping().table(target);
        return ApplyCommand.newBuilder()
                .setMapping(mapping.name())
                .setTarget(settings.source(target))
                .setSchema$(table.schema())
                .setTable(table.table())
                .setKey(targetKey(mapping, logicalKey, target))
                .setRowHash(new io.strangler.schemas.RowHash(hash.toBytes()))
                .setOriginSide(originSide)
                .setOriginCommitMicros(originCommitMicros)
                .setReason(reason);
    }

    /** The logical key in the target's column names and Avro values. */
    private static Map<String, Object> targetKey(ResolvedMapping mapping, CanonicalKey logicalKey, Side target) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String logical : mapping.keyColumns()) {
            key.put(mapping.byLogicalName(logical).orElseThrow().column(target),
                    io.strangler.core.row.CanonicalValue.toAvro(logicalKey.get(logical)));
        }
        return key;
    }

    /** Logical counter deltas in the target's column names, as the command carries them; null when there are none. */
    private static Map<String, Object> amounts(ResolvedMapping mapping, Side target, CanonicalRow logical) {
        if (logical.isEmpty()) {
            return null;
        }
        Map<String, Object> amounts = new LinkedHashMap<>();
        logical.values().forEach((column, amount) ->
                amounts.put(mapping.byLogicalName(column).orElseThrow().column(target), amount));
        return amounts;
    }

    /** The Kafka key of an apply command: the target's key as compact JSON, so one row stays in one partition. */
    public static String applyKey(ApplyCommand command) {
        return CanonicalKey.of(CanonicalRow.fromAvro(command.getKey()).values()).encode();
    }

    public Conflict conflict(String mapping, CanonicalKey key, ConflictKind kind, Image monolith, Image service,
            Image base, Image resolved, String strategy, String reason, long nowMillis) {
        return Conflict.newBuilder()
                .setMapping(mapping)
                .setKey(key.toRow().toAvro())
                .setKind(kind)
                .setStrategy(strategy)
                .setMonolith(version(monolith))
                .setService(version(service))
                .setBase(base == null ? null : version(base))
                .setWinner(resolved.origin().toWinner())
                .setResolved(resolved.deleted() ? null : resolved.row().toAvro())
                .setReason(reason)
                .setDetectedMicros(nowMillis * 1_000)
                .build();
    }

    private static RowVersion version(Image image) {
        return RowVersion.newBuilder()
                .setOp(image.op())
                .setRow(image.deleted() ? null : image.row().toAvro())
                .setCommitMicros(image.commitMicros())
                .build();
    }

    /** A dead letter for a record the sync could not process. */
    public DeadLetter deadLetter(String source, String topic, Integer partition, Long offset, String position,
            String table, String key, byte[] payload, String payloadFormat, Throwable error, long nowMillis) {
        return DeadLetter.newBuilder()
                .setComponent(COMPONENT)
                .setSource(source)
                .setTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setPosition(position)
                .setTable(table)
                .setKey(key)
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .setPayloadFormat(payloadFormat)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(String.valueOf(error.getMessage()))
                .setFailedMicros(nowMillis * 1_000)
                .build();
    }

    /** A JSON rendering of a conflict a resolver could not decide, for the dead letter's payload. */
    public static byte[] describeFailedConflict(String mapping, CanonicalKey key, ConflictKind kind, Image monolith,
            Image service) {
        String json = "{\"mapping\":\"" + escape(mapping) + "\",\"key\":" + key.encode() + ",\"kind\":\"" + kind
                + "\",\"monolith\":" + describe(monolith) + ",\"service\":" + describe(service) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(Image image) {
        return "{\"op\":\"" + image.op() + "\",\"commitMicros\":" + image.commitMicros() + ",\"row\":\""
                + escape(image.deleted() ? "null" : image.row().values().toString()) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
