package io.strangler.sync.internal;

import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CounterValues;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates one side's {@link RowChange} into the mapping's logical names: renamed columns get their monolith
 * names, one-side-only and excluded columns are dropped, and the hash is taken over the mapped columns in the
 * mapping's order, so both sides' versions of a row hash alike whatever the engine.
 */
public final class Translator {

    private final ResolvedMapping mapping;
    private final Side side;
    private final List<String> logicalColumns;
    /** The columns the sync's hashes cover: all but the counters, whose values the sides need not agree on in flight. */
    private final List<String> hashColumns;
    /** The side's columns the mapping accounts for: mapped, excluded or declared one-side-only. */
    private final Set<String> accountedColumns = new HashSet<>();
    /** Columns already reported by {@link #newlyUnmapped}; tasks on several stream threads share a translator. */
    private final Set<String> reportedColumns = ConcurrentHashMap.newKeySet();

    public Translator(ResolvedMapping mapping, Side side) {
        this.mapping = mapping;
        this.side = side;
        this.logicalColumns = mapping.columns().stream().map(MappedColumn::logicalName).toList();
        this.hashColumns = hashColumns(mapping);
        mapping.columns().forEach(column -> accountedColumns.add(column.column(side)));
        accountedColumns.addAll(mapping.mapping().excluded(side));
        mapping.mapping().onlyOn(side).forEach(column -> accountedColumns.add(column.name()));
    }

    /**
     * The columns of {@code change}'s row that the mapping does not account for and that this translator has not
     * reported before — typically a column added to the table after the sync resolved its mappings at start-up,
     * whose values the sync silently leaves behind until a restart pairs it (docs/sync.md, schema changes).
     */
    public List<String> newlyUnmapped(RowChange change) {
        if (change.getAfter() == null) {
            return List.of();
        }
        List<String> unmapped = new ArrayList<>();
        for (String column : change.getAfter().keySet()) {
            if (!accountedColumns.contains(column) && reportedColumns.add(column)) {
                unmapped.add(column);
            }
        }
        return unmapped;
    }

    /**
     * The change as the sync sees it: one logical change, or two when an update moved the row to another logical key
     * (a logical key on a unique non-primary column changed in place): the deletion of the row under its old key and
     * its creation under the new one, so the other side does not keep a ghost under the old key.
     *
     * @throws UnprocessableChangeException naming the column or key at fault
     */
    public List<LogicalChange> translate(RowChange change) {
        Map<String, Object> key = canonical(change.getKey());
        Map<String, Object> after = change.getAfter() == null ? null : canonical(change.getAfter());
        Map<String, Object> before = change.getBefore() == null ? null : canonical(change.getBefore());
        Set<String> unavailableSide = new HashSet<>(change.getUnavailableColumns());
        LogicalChange translated = translateOne(change, key, after, before, unavailableSide);
        if (change.getOp() != Operation.UPDATE || before == null) {
            return List.of(translated);
        }
        LinkedHashMap<String, Object> oldKey = new LinkedHashMap<>();
        for (String keyColumn : mapping.keyColumns()) {
            String column = mapping.byLogicalName(keyColumn).orElseThrow().column(side);
            Object value = key.containsKey(column) ? key.get(column) : before.get(column);
            if (value == null || unavailableSide.contains(column)) {
                return List.of(translated); // the before image does not say where the row was: taken as in place
            }
            oldKey.put(keyColumn, value);
        }
        CanonicalKey movedFrom = CanonicalKey.of(oldKey);
        if (movedFrom.equals(translated.key())) {
            return List.of(translated);
        }
        if (!translated.unavailable().isEmpty()) {
            throw new UnprocessableChangeException(describe(change) + ": the row moved from key " + movedFrom.encode()
                    + " to " + translated.key().encode() + " without the values of " + translated.unavailable()
                    + "; give the table full before images (PostgreSQL: ALTER TABLE " + change.getSchema$() + "."
                    + change.getTable() + " REPLICA IDENTITY FULL)");
        }
        LogicalChange removal = new LogicalChange(mapping.name(), side, Operation.DELETE, movedFrom, null,
                Hashes.DELETED, translated.beforeHash(), List.of(), translated.commitMicros(), translated.position(),
                translated.origin());
        LogicalChange arrival = new LogicalChange(mapping.name(), side, Operation.CREATE, translated.key(),
                translated.row(), translated.hash(), null, List.of(), translated.commitMicros(), translated.position(),
                translated.origin(), counterDeltas(change, Operation.CREATE, translated.row(), null, Set.of()));
        return List.of(removal, arrival);
    }

    /** The change as one logical change of the row its after image (or, for a delete, its key) names. */
    private LogicalChange translateOne(RowChange change, Map<String, Object> key, Map<String, Object> after,
            Map<String, Object> before, Set<String> unavailableSide) {
        boolean delete = change.getOp() == Operation.DELETE;
        if (!delete && after == null) {
            throw new UnprocessableChangeException(describe(change) + ": a " + change.getOp() + " without an after image");
        }
        LinkedHashMap<String, Object> logicalKey = new LinkedHashMap<>();
        for (String keyColumn : mapping.keyColumns()) {
            String column = mapping.byLogicalName(keyColumn).orElseThrow().column(side);
            Object value = key.containsKey(column) ? key.get(column)
                    : after != null && after.containsKey(column) ? after.get(column)
                    : before != null ? before.get(column) : null;
            if (value == null) {
                throw new UnprocessableChangeException(describe(change) + ": key column '" + column + "' is missing");
            }
            logicalKey.put(keyColumn, value);
        }
        CanonicalRow row = null;
        List<String> unavailable = new ArrayList<>();
        RowHash hash = Hashes.DELETED;
        if (!delete) {
            CanonicalRow.Builder builder = CanonicalRow.builder();
            for (MappedColumn column : mapping.columns()) {
                String name = column.column(side);
                if (unavailableSide.contains(name)) {
                    unavailable.add(column.logicalName());
                    builder.put(column.logicalName(), null);
                } else if (after.containsKey(name)) {
                    builder.put(column.logicalName(), after.get(name));
                } else {
                    throw new UnprocessableChangeException(describe(change) + ": mapped column '" + name
                            + "' is missing from the row (was it dropped or renamed? update the mapping)");
                }
            }
            row = builder.build();
            hash = RowHash.of(row, hashColumns);
        }
        return new LogicalChange(mapping.name(), side, change.getOp(), CanonicalKey.of(logicalKey), row, hash,
                beforeHash(before, unavailableSide), unavailable, change.getSourceCommitMicros(),
                change.getSourcePosition(), change.getOrigin(), counterDeltas(change, change.getOp(), row, before, unavailableSide));
    }

    /** The mapping's columns without its counters, in hash order: what the sync's row hashes cover. */
    public static List<String> hashColumns(ResolvedMapping mapping) {
        return mapping.columns().stream().map(MappedColumn::logicalName)
                .filter(column -> !mapping.mapping().isCounter(column)).toList();
    }

    /**
     * What the change added to each counter: a created row its values, an update {@code after - before}. A snapshot row
     * adds nothing (it is state, not a change) and a deletion removes the row rather than subtracting from it.
     */
    private CanonicalRow counterDeltas(RowChange change, Operation op, CanonicalRow row, Map<String, Object> before,
            Set<String> unavailableSide) {
        List<String> counters = mapping.mapping().counters();
        if (counters.isEmpty() || (op != Operation.CREATE && op != Operation.UPDATE)) {
            return CanonicalRow.empty();
        }
        CanonicalRow.Builder deltas = CanonicalRow.builder();
        for (String counter : counters) {
            String column = mapping.byLogicalName(counter).orElseThrow().column(side);
            Object after = row.get(counter);
            Object delta = after;
            if (op == Operation.UPDATE) {
                if (before == null || !before.containsKey(column) || unavailableSide.contains(column)) {
                    throw new UnprocessableChangeException(describe(change) + ": counter column '" + column
                            + "' needs the row's before image to know what the update added; give the table full "
                            + "before images (PostgreSQL: ALTER TABLE " + change.getSchema$() + "." + change.getTable()
                            + " REPLICA IDENTITY FULL; MariaDB/MySQL: binlog_row_image=FULL)");
                }
                delta = CounterValues.subtract(after, before.get(column));
            }
            if (!CounterValues.isZero(delta)) {
                deltas.put(counter, delta);
            }
        }
        return deltas.build();
    }

    private RowHash beforeHash(Map<String, Object> before, Set<String> unavailableSide) {
        if (before == null) {
            return null;
        }
        CanonicalRow.Builder builder = CanonicalRow.builder();
        for (MappedColumn column : mapping.columns()) {
            String name = column.column(side);
            if (!before.containsKey(name) || unavailableSide.contains(name)) {
                return null;
            }
            builder.put(column.logicalName(), before.get(name));
        }
        return RowHash.of(builder.build(), hashColumns);
    }

    private static Map<String, Object> canonical(Map<String, Object> avro) {
        return CanonicalRow.fromAvro(avro).values();
    }

    private String describe(RowChange change) {
        return side.label() + " change of " + change.getSchema$() + "." + change.getTable() + " at "
                + change.getSourcePosition() + " (mapping '" + mapping.name() + "')";
    }
}
