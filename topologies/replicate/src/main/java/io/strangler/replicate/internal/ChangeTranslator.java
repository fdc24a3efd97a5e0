package io.strangler.replicate.internal;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one RowChange of a mapping's source table into the ApplyCommand for the target side: CREATE, UPDATE and
 * snapshot READ become UPSERTs of the translated row image (target-only columns with a default as insert-only
 * columns), DELETE a DELETE by the target's key. Pure: no Kafka, no I/O.
 *
 * <p>An UPDATE that changes the mapping's key (possible when the key is a unique column other than the primary key,
 * e.g. {@code email}) moves the logical row: it becomes the old key's DELETE followed by the new key's UPSERT, so no
 * ghost row is left on the target under the old key. Seeing the move needs the old key in the change's before image
 * (PostgreSQL {@code REPLICA IDENTITY FULL}, MariaDB {@code binlog_row_image=FULL}); without one the update is only
 * the new key's UPSERT.
 */
public final class ChangeTranslator {

    private final RowTranslator rows;
    private final Side from;
    private final Side to;
    private final String target;
    private final Map<String, Object> insertOnly;

    /**
     * @param mapping the resolved mapping
     * @param from    the side whose changes are read
     * @param target  the name of the target side in apply topic names and commands
     */
    public ChangeTranslator(ResolvedMapping mapping, Side from, String target) {
        this.rows = RowTranslator.of(mapping);
        this.from = from;
        this.to = from.other();
        this.target = target;
        CanonicalRow defaults = rows.insertDefaults(to);
        this.insertOnly = defaults.size() == 0 ? null : defaults.toAvro();
    }

    /** The translated command and its record key (the target's canonical key). */
    public record Translated(String key, ApplyCommand command) {
    }

    /**
     * @return the commands in the order they must be applied: one, or for a key-moving update the old key's DELETE
     *         and then the new key's UPSERT
     * @throws TranslationException naming the mapping, table and cause when the change cannot be translated
     */
    public List<Translated> translate(RowChange change) {
        ResolvedMapping mapping = rows.mapping();
        String table = change.getSchema$() + "." + change.getTable();
        if (!mapping.mapping().table(from).toString().equals(table)) {
            throw new TranslationException("mapping '" + mapping.name() + "' replicates " + mapping.mapping().table(from)
                    + " but the change is for " + table);
        }
        try {
            if (change.getOp() == Operation.DELETE) {
                return List.of(delete(change));
            }
            Translated upsert = upsert(change);
            Optional<Translated> moved = change.getOp() == Operation.UPDATE ? movedAway(change, upsert.key())
                    : Optional.empty();
            return moved.map(delete -> List.of(delete, upsert)).orElse(List.of(upsert));
        } catch (IllegalArgumentException e) {
            throw new TranslationException("mapping '" + mapping.name() + "', " + from.label() + " table " + table
                    + ": " + e.getMessage(), e);
        }
    }

    private Translated upsert(RowChange change) {
        if (change.getAfter() == null) {
            throw new TranslationException("mapping '" + rows.mapping().name() + "': " + change.getOp()
                    + " change of " + change.getSchema$() + "." + change.getTable() + " has no after image");
        }
        CanonicalRow logical = rows.toLogical(from, available(CanonicalRow.fromAvro(change.getAfter()),
                change.getUnavailableColumns()));
        CanonicalKey key = rows.key(to, logical);
        ApplyCommand command = base(change, ApplyOperation.UPSERT, key)
                .setRow(rows.toPhysical(to, logical).toAvro())
                .setRowHash(new io.strangler.schemas.RowHash(rows.hash(logical).toBytes()))
                .setInsertOnly(insertOnly == null ? null : new LinkedHashMap<>(insertOnly))
                .build();
        return new Translated(key.encode(), command);
    }

    private Translated delete(RowChange change) {
        // The mapping's key may be a unique key other than the primary key: then it comes from the before image.
        CanonicalRow keyRow = CanonicalRow.fromAvro(change.getKey());
        CanonicalRow physical = change.getBefore() == null ? CanonicalRow.empty()
                : available(CanonicalRow.fromAvro(change.getBefore()), change.getUnavailableColumns());
        for (String column : keyRow.columns()) {
            physical = physical.with(column, keyRow.get(column));
        }
        CanonicalRow logical = rows.toLogical(from, physical);
        CanonicalKey key;
        try {
            key = rows.key(to, logical);
        } catch (IllegalArgumentException e) {
            throw new TranslationException("mapping '" + rows.mapping().name() + "': the delete of "
                    + change.getSchema$() + "." + change.getTable() + " key " + physical + " does not carry the mapping's key "
                    + rows.mapping().keyColumns() + " (set REPLICA IDENTITY FULL on the source table): " + e.getMessage(), e);
        }
        return deleteOf(change, key, logical);
    }

    /**
     * The DELETE of the key an update moved its row away from, or empty when the key did not change or the before
     * image cannot tell the old key (none, a key column missing or unavailable, or null: a row with a null unique
     * column had no logical key on the target).
     */
    private Optional<Translated> movedAway(RowChange change, String newKey) {
        if (change.getBefore() == null) {
            return Optional.empty();
        }
        CanonicalRow before = rows.toLogical(from, available(CanonicalRow.fromAvro(change.getBefore()),
                change.getUnavailableColumns()));
        for (String column : rows.mapping().keyColumns()) {
            if (!before.contains(column) || before.get(column) == null) {
                return Optional.empty();
            }
        }
        CanonicalKey oldKey = rows.key(to, before);
        return oldKey.encode().equals(newKey) ? Optional.empty() : Optional.of(deleteOf(change, oldKey, before));
    }

    private Translated deleteOf(RowChange change, CanonicalKey key, CanonicalRow logical) {
        ApplyCommand command = base(change, ApplyOperation.DELETE, key)
                .setRow(null)
                .setRowHash(new io.strangler.schemas.RowHash(rows.hash(key(logical)).toBytes()))
                .build();
        return new Translated(key.encode(), command);
    }

    private CanonicalRow key(CanonicalRow logical) {
        CanonicalRow.Builder out = CanonicalRow.builder();
        for (String column : rows.mapping().keyColumns()) {
            out.put(column, logical.get(column));
        }
        return out.build();
    }

    private ApplyCommand.Builder base(RowChange change, ApplyOperation op, CanonicalKey key) {
        var table = rows.mapping().mapping().table(to);
        return ApplyCommand.newBuilder()
                .setMapping(rows.mapping().name())
                .setTarget(target)
                .setSchema$(table.schema())
                .setTable(table.table())
                .setOp(op)
                .setKey(key.toRow().toAvro())
                .setOriginSide(from.label())
                .setOriginCommitMicros(change.getSourceCommitMicros())
                .setReason(ApplyReason.SYNC);
    }

    /** Drops columns whose value the source could not provide: the target keeps its own value of them. */
    private static CanonicalRow available(CanonicalRow row, List<? extends CharSequence> unavailable) {
        CanonicalRow out = row;
        for (CharSequence column : unavailable) {
            out = out.without(column.toString());
        }
        return out;
    }
}
