package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * One side's database for the model test under {@link SyncFixture#customersByEmail}: rows by the side's own primary
 * key {@code id} (each side numbers its rows, the ids are not synced), {@code email} unique and the logical key, so a
 * local update of the email moves the logical row. Full before images (REPLICA IDENTITY FULL, binlog_row_image=FULL),
 * as the mapping needs. Applies behave like the apply sink: an upsert finds the row by email (ON CONFLICT /
 * ON DUPLICATE KEY on the unique column) or inserts one with a fresh id, a delete removes the row with that email.
 */
final class EmailKeyedDatabase implements ModelDatabase {

    private final Side side;
    private final SyncFixture fixture;
    private final List<Object> emails;
    private final boolean tagged;
    private final Map<Long, Map<String, Object>> rows = new TreeMap<>();
    private final Deque<RowChange> log = new ArrayDeque<>();
    private long nextId;

    /** {@code emails}: the logical keys writers use; a move goes to one of them that the side does not hold. */
    EmailKeyedDatabase(Side side, SyncFixture fixture, List<Object> emails, boolean tagged) {
        this.side = side;
        this.fixture = fixture;
        this.emails = List.copyOf(emails);
        this.tagged = tagged;
        this.nextId = side == Side.MONOLITH ? 1 : 1_001;
    }

    @Override
    public List<Write> localWrite(Random random, Object email, long commitMicros, boolean allowInsertDelete,
            String tag) {
        Long id = idOf(email);
        if (id == null) {
            if (!allowInsertDelete) {
                return List.of();
            }
            Map<String, Object> row = newRow((String) email);
            row.put(nameColumn(), "n" + tag);
            rows.put((Long) row.get("id"), row);
            log(ChangeOrigin.LOCAL, Operation.CREATE, null, row, commitMicros);
            return List.of(new Write(side, email, commitMicros, logical(row), List.of("name", "email")));
        }
        Map<String, Object> current = rows.get(id);
        int which = random.nextInt(4);
        if (allowInsertDelete && which == 0) {
            rows.remove(id);
            log(ChangeOrigin.LOCAL, Operation.DELETE, current, null, commitMicros);
            return List.of(new Write(side, email, commitMicros, null, List.of()));
        }
        List<Object> free = emails.stream().filter(candidate -> idOf(candidate) == null).toList();
        Map<String, Object> row = new LinkedHashMap<>(current);
        if (which == 1 && !free.isEmpty()) {
            // UPDATE ... SET email = <free key> (and, every other time, the name too): the logical row moves
            Object to = free.get(random.nextInt(free.size()));
            row.put("email", to);
            if (random.nextBoolean()) {
                row.put(nameColumn(), "n" + tag);
            }
            rows.put(id, row);
            log(ChangeOrigin.LOCAL, Operation.UPDATE, current, row, commitMicros);
            return List.of(new Write(side, email, commitMicros, null, List.of()),
                    new Write(side, to, commitMicros, logical(row), List.of("name", "email")));
        }
        row.put(nameColumn(), "n" + tag);
        rows.put(id, row);
        log(ChangeOrigin.LOCAL, Operation.UPDATE, current, row, commitMicros);
        return List.of(new Write(side, email, commitMicros, logical(row), List.of("name")));
    }

    @Override
    public void apply(ApplyCommand command, long commitMicros, Random random) {
        String email = command.getKey().get("email").toString();
        Long id = idOf(email);
        Map<String, Object> current = id == null ? null : rows.get(id);
        if (command.getOp() == ApplyOperation.DELETE) {
            if (current != null) {
                rows.remove(id);
                log(ChangeOrigin.APPLY, Operation.DELETE, current, null, commitMicros);
            }
            return;
        }
        Map<String, Object> row = current == null ? newRow(email) : new LinkedHashMap<>(current);
        CanonicalRow.fromAvro(command.getRow()).values().forEach((column, value) -> row.put(column,
                value instanceof CharSequence text ? text.toString() : value));
        boolean changed = !row.equals(current);
        rows.put((Long) row.get("id"), row);
        if (changed || random.nextBoolean()) {
            log(ChangeOrigin.APPLY, current == null ? Operation.CREATE : Operation.UPDATE, current, row, commitMicros);
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
        rows.values().forEach(row -> {
            if (out.put(row.get("email"), logical(row)) != null) {
                throw new AssertionError(side + " holds email " + row.get("email") + " twice: " + rows);
            }
        });
        return out;
    }

    private Long idOf(Object email) {
        return rows.entrySet().stream().filter(e -> Objects.equals(e.getValue().get("email"), email))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private Map<String, Object> newRow(String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", nextId++);
        row.put(nameColumn(), null);
        row.put("email", email);
        row.put(side == Side.MONOLITH ? "legacy_code" : "tier", side == Side.MONOLITH ? null : "basic");
        return row;
    }

    private void log(ChangeOrigin origin, Operation op, Map<String, Object> before, Map<String, Object> after,
            long commitMicros) {
        long id = (Long) (after != null ? after : before).get("id");
        RowChange change = fixture.change(side, op, id, before, after, commitMicros);
        change.setOrigin(tagged ? origin : null);
        log.add(change);
    }

    private String nameColumn() {
        return side == Side.MONOLITH ? "name" : "full_name";
    }

    private Map<String, Object> logical(Map<String, Object> row) {
        Map<String, Object> logical = new LinkedHashMap<>();
        logical.put("name", row.get(nameColumn()));
        logical.put("email", row.get("email"));
        return logical;
    }
}
