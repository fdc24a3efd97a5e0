package io.strangler.consistency.internal;

import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CanonicalValue;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates one side's {@link RowChange} into the mapping's logical row: side column names become logical names,
 * columns the mapping does not pair (one-side-only, excluded, unknown) are dropped, and the logical key is taken from
 * the row image (or from the change's key for a delete without a before image).
 *
 * <p>An update that changes the logical key (a unique non-primary column such as {@code email}) is one change of one
 * physical row but two changes of logical rows: the old key's row is gone and the new key's row exists. It is
 * translated into both, the old key's deletion first, so that the auditor does not keep believing the old key
 * still exists on the side that moved it. Seeing the move needs the old key, so the before image must carry the key
 * columns (PostgreSQL {@code REPLICA IDENTITY FULL}, MariaDB {@code binlog_row_image=FULL}); without it the update is
 * taken as a change of the new key only, as before.
 *
 * <p>Kept small and local on purpose: a shared translator may later live in core (the sync has its own).
 */
public final class LogicalTranslator {

    /** Separates the mapping name from the key JSON in row keys; mapping names cannot contain it. */
    public static final char KEY_SEPARATOR = ':';

    private LogicalTranslator() {
    }

    /** A translated change and the key of its logical row, {@code <mapping>:<canonical key JSON>}. */
    public record Translated(String rowKey, Observation observation) {
    }

    /**
     * @return the change's observation of its logical row; for an update that moved the logical key, the old key's
     *         deletion followed by the new key's observation
     * @throws IllegalArgumentException naming the mapping and column when the change lacks a key column or holds a
     *                                  non-canonical value
     */
    public static List<Translated> translate(RowChange change, ResolvedMapping mapping, Side side) {
        boolean deleted = change.getOp() == Operation.DELETE;
        Map<String, Object> image = deleted ? change.getBefore() : change.getAfter();
        if (!deleted && image == null) {
            throw new IllegalArgumentException("mapping '" + mapping.name() + "': " + change.getOp() + " of "
                    + change.getSchema$() + "." + change.getTable() + " has no after image");
        }
        List<String> unavailableOnSide = change.getUnavailableColumns() == null ? List.of()
                : change.getUnavailableColumns().stream().map(Object::toString).toList();
        CanonicalRow.Builder row = CanonicalRow.builder();
        List<String> unavailable = new ArrayList<>();
        if (!deleted) {
            for (MappedColumn column : mapping.columns()) {
                String sideName = column.column(side);
                if (unavailableOnSide.contains(sideName)) {
                    unavailable.add(column.logicalName());
                }
                else if (image.containsKey(sideName)) {
                    row.put(column.logicalName(), canonical(mapping, sideName, image.get(sideName)));
                }
            }
        }
        CanonicalKey key = key(change, mapping, side, image);
        Observation observation = new Observation(side, !deleted, deleted ? CanonicalRow.empty() : row.build(),
                unavailable, change.getSourceCommitMicros(), change.getOp() == Operation.READ);
        Translated translated = new Translated(rowKey(mapping.name(), key), observation);
        Optional<CanonicalKey> movedFrom = change.getOp() == Operation.UPDATE
                ? keyBefore(change, mapping, side, unavailableOnSide).filter(old -> !old.encode().equals(key.encode()))
                : Optional.empty();
        if (movedFrom.isEmpty()) {
            return List.of(translated);
        }
        Observation gone = new Observation(side, false, CanonicalRow.empty(), List.of(), change.getSourceCommitMicros());
        return List.of(new Translated(rowKey(mapping.name(), movedFrom.get()), gone), translated);
    }

    /**
     * The logical key of an update's before image, or empty when the image does not tell it: no before image (the
     * default replica identity), a key column missing or unavailable in it, or null there (a row with a null unique
     * column had no logical key, so there is no old row to delete).
     */
    private static Optional<CanonicalKey> keyBefore(RowChange change, ResolvedMapping mapping, Side side,
            List<String> unavailableOnSide) {
        Map<String, Object> before = change.getBefore();
        if (before == null) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String logical : mapping.keyColumns()) {
            String sideName = mapping.byLogicalName(logical).orElseThrow().column(side);
            if (!before.containsKey(sideName) || before.get(sideName) == null || unavailableOnSide.contains(sideName)) {
                return Optional.empty();
            }
            values.put(logical, canonical(mapping, sideName, before.get(sideName)));
        }
        return Optional.of(CanonicalKey.of(values));
    }

    public static String rowKey(String mapping, CanonicalKey key) {
        return mapping + KEY_SEPARATOR + key.encode();
    }

    /** The mapping name of a row key. */
    public static String mappingOf(String rowKey) {
        return rowKey.substring(0, separator(rowKey));
    }

    /** The logical key of a row key. */
    public static CanonicalKey keyOf(String rowKey) {
        return CanonicalKey.decode(rowKey.substring(separator(rowKey) + 1));
    }

    private static int separator(String rowKey) {
        int at = rowKey.indexOf(KEY_SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("not a consistency row key: '" + rowKey + "'");
        }
        return at;
    }

    private static CanonicalKey key(RowChange change, ResolvedMapping mapping, Side side, Map<String, Object> image) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String logical : mapping.keyColumns()) {
            String sideName = mapping.byLogicalName(logical).orElseThrow().column(side);
            Object value;
            if (image != null && image.containsKey(sideName)) {
                value = image.get(sideName);
            }
            else if (change.getKey() != null && change.getKey().containsKey(sideName)) {
                value = change.getKey().get(sideName);
            }
            else {
                throw new IllegalArgumentException("mapping '" + mapping.name() + "': " + change.getOp() + " of "
                        + change.getSchema$() + "." + change.getTable() + " carries no value for key column '"
                        + sideName + "'");
            }
            values.put(logical, canonical(mapping, sideName, value));
        }
        return CanonicalKey.of(values);
    }

    private static Object canonical(ResolvedMapping mapping, String column, Object avro) {
        try {
            return CanonicalValue.fromAvro(avro);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException("mapping '" + mapping.name() + "', column '" + column + "': "
                    + e.getMessage(), e);
        }
    }
}
