package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One side's database for the model test: rows in the side's own column names, and its change log (what capture
 * would publish), in commit order. Applies behave like the apply sink: an upsert of an identical row emits an event
 * on "PostgreSQL" days and none on "MariaDB" days (chosen at random), a delete of a missing row emits nothing. When
 * {@code tagged}, every change carries its origin as capture tags it (LOCAL for local writes, APPLY for applies).
 */
final class SimulatedDatabase implements ModelDatabase {

    private final Side side;
    private final SyncFixture fixture;
    private final Map<Long, Map<String, Object>> rows = new TreeMap<>();
    private final Deque<RowChange> log = new ArrayDeque<>();
    private final boolean tagged;

    SimulatedDatabase(Side side, SyncFixture fixture, boolean tagged) {
        this.side = side;
        this.fixture = fixture;
        this.tagged = tagged;
    }

    private void logLocal(RowChange change) {
        change.setOrigin(tagged ? ChangeOrigin.LOCAL : null);
        log.add(change);
    }

    private void logApply(RowChange change) {
        change.setOrigin(tagged ? ChangeOrigin.APPLY : null);
        log.add(change);
    }

    boolean hasRow(long id) {
        return rows.containsKey(id);
    }

    /** Inserts, updates (a random non-empty subset of name/email) or deletes row {@code key} with unique values. */
    @Override
    public List<Write> localWrite(Random random, Object key, long commitMicros, boolean allowInsertDelete, String tag) {
        Write write = writeRow(random, (Long) key, commitMicros, allowInsertDelete, tag);
        return write == null ? List.of() : List.of(write);
    }

    private Write writeRow(Random random, long id, long commitMicros, boolean allowInsertDelete, String tag) {
        Map<String, Object> current = rows.get(id);
        if (current == null) {
            if (!allowInsertDelete) {
                return null;
            }
            Map<String, Object> row = SyncFixture.row(side, id, "n" + tag, "e" + tag);
            rows.put(id, row);
            logLocal(fixture.change(side, Operation.CREATE, id, row, commitMicros));
            return new Write(side, id, commitMicros, logical(row), List.of("name", "email"));
        }
        if (allowInsertDelete && random.nextInt(4) == 0) {
            rows.remove(id);
            logLocal(fixture.change(side, Operation.DELETE, id, null, commitMicros));
            return new Write(side, id, commitMicros, null, List.of());
        }
        Map<String, Object> row = new LinkedHashMap<>(current);
        List<String> written = new ArrayList<>();
        int which = random.nextInt(3);
        if (which != 1) {
            row.put(nameColumn(), "n" + tag);
            written.add("name");
        }
        if (which != 0) {
            row.put("email", "e" + tag);
            written.add("email");
        }
        rows.put(id, row);
        logLocal(fixture.change(side, Operation.UPDATE, id, row, commitMicros));
        return new Write(side, id, commitMicros, logical(row), written);
    }

    @Override
    public void apply(ApplyCommand command, long commitMicros, Random random) {
        long id = (Long) command.getKey().get("id");
        Map<String, Object> current = rows.get(id);
        if (command.getOp() == ApplyOperation.DELETE) {
            if (current != null) {
                rows.remove(id);
                logApply(fixture.change(side, Operation.DELETE, id, null, commitMicros));
            }
            return;
        }
        Map<String, Object> values = CanonicalRow.fromAvro(command.getRow()).values();
        Map<String, Object> row = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
        row.putAll(values);
        if (current == null) {
            row.putIfAbsent(side == Side.MONOLITH ? "legacy_code" : "tier", side == Side.MONOLITH ? null : "basic");
        }
        boolean changed = !row.equals(current);
        rows.put(id, row);
        if (changed || random.nextBoolean()) {
            logApply(fixture.change(side, current == null ? Operation.CREATE : Operation.UPDATE, id, row, commitMicros));
        }
    }

    @Override
    public RowChange nextChange() {
        return log.poll();
    }

    @Override
    public boolean hasChanges() {
        return !log.isEmpty();
    }

    @Override
    public Map<Object, Map<String, Object>> logicalRows() {
        Map<Object, Map<String, Object>> out = new TreeMap<>();
        rows.forEach((id, row) -> out.put(id, logical(row)));
        return out;
    }

    private String nameColumn() {
        return side == Side.MONOLITH ? "name" : "full_name";
    }

    private Map<String, Object> logical(Map<String, Object> row) {
        return SyncFixture.logical((Long) row.get("id"), (String) row.get(nameColumn()), (String) row.get("email"));
    }
}
