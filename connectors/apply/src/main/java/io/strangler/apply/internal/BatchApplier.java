package io.strangler.apply.internal;

import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.DeadLetter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies one batch of records in one database transaction together with the offsets that follow it.
 *
 * <ol>
 *   <li>Lock this group's offset rows and check that the batch starts where the table says (fencing a zombie
 *       instance and any replay), then write the offsets the batch ends at: first, so that the database's log
 *       shows the transaction as an apply's before its first row change (capture tags those changes APPLY).</li>
 *   <li>Bind every command to its table; commands that do not fit are dead-lettered.</li>
 *   <li>Fast path: fold each row's commands into one write ({@link Coalescer}), run consecutive writes of the same
 *       shape as one JDBC batch.</li>
 *   <li>If the database rejects content, roll back and run the commands one at a time in their original order, each
 *       under a savepoint, dead-lettering those it rejects.</li>
 *   <li>Confirm the dead letters with the broker, commit.</li>
 * </ol>
 */
public final class BatchApplier {

    /** What a committed batch did. */
    public record Result(int records, int statements, int deadLettered, List<Long> appliedOriginMicros,
                         Map<Integer, Long> nextOffsets) {
    }

    private final CommandBinder binder;
    private final OffsetStore offsets;
    private final DeadLetters deadLetters;
    private final ApplyHooks hooks;
    private final TableHeat heat = new TableHeat();

    public BatchApplier(CommandBinder binder, OffsetStore offsets, DeadLetters deadLetters, ApplyHooks hooks) {
        this.binder = binder;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
        this.hooks = hooks;
    }

    /**
     * @throws SQLException                      any database failure other than a rejected command; rolled back
     * @throws FenceException                    the offsets table is already past this batch; rolled back
     * @throws DeadLetters.UnavailableException  the dead letters could not be confirmed; rolled back
     */
    public Result apply(Connection connection, List<SourceRecord> records)
            throws SQLException, FenceException, DeadLetters.UnavailableException, InterruptedException {
        Map<Integer, OffsetStore.Progress> progress = progress(records);
        try {
            checkFence(progress, offsets.lock(connection));
            // the offsets row goes first: capture reads it as the mark of an apply transaction (ApplyOffsetsTable)
            offsets.write(connection, progress);
            List<DeadLetter> letters = new ArrayList<>();
            List<BoundCommand> bound = bindAll(connection, records, letters);
            List<BoundCommand> applied;
            int statements;
            try {
                heat.observe(bound);
                applied = Coalescer.coalesce(bound, binder::render, heat);
                statements = executeInGroups(connection, applied);
            } catch (SQLException | ValueConversionException e) {
                // a folded value the column cannot take (a sum past its range) is the one-by-one path's to judge
                if (e instanceof SQLException sql && SqlErrors.classify(sql) != SqlErrors.Kind.DATA) {
                    throw sql;
                }
                connection.rollback();
                checkFence(progress, offsets.lock(connection));
                offsets.write(connection, progress);
                applied = executeOneByOne(connection, bound, letters);
                statements = applied.size();
            }
            hooks.beforeCommit();
            deadLetters.sendAll(letters);
            connection.commit();
            hooks.afterCommit();
            Map<Integer, Long> next = new TreeMap<>();
            progress.forEach((partition, p) -> next.put(partition, p.nextOffset()));
            List<Long> origins = new ArrayList<>(applied.size());
            applied.forEach(c -> origins.add(c.source().command().getOriginCommitMicros()));
            return new Result(records.size(), statements, letters.size(), origins, next);
        } catch (SQLException | FenceException | DeadLetters.UnavailableException | InterruptedException
                 | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    private List<BoundCommand> bindAll(Connection connection, List<SourceRecord> records, List<DeadLetter> letters)
            throws SQLException {
        List<BoundCommand> bound = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            if (record.command() == null) {
                letters.add(deadLetters.letter(record, null, record.decodeError(), null,
                        "not an ApplyCommand: " + record.decodeError().getMessage()));
                continue;
            }
            if (record.command().getOp() == ApplyOperation.MARK) {
                continue; // stands for a source change that needs no write here; its offset is in the batch's progress
            }
            try {
                bound.add(binder.bind(connection, record));
            } catch (ValueConversionException e) {
                letters.add(deadLetters.letter(record, table(record), e, null, e.getMessage()));
            }
        }
        return bound;
    }

    private int executeInGroups(Connection connection, List<BoundCommand> commands) throws SQLException {
        int executed = 0;
        int start = 0;
        while (start < commands.size()) {
            String sql = commands.get(start).sql();
            int end = start;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                while (end < commands.size() && commands.get(end).sql().equals(sql)) {
                    commands.get(end).bind(statement);
                    statement.addBatch();
                    end++;
                }
                statement.executeBatch();
            }
            executed += end - start;
            hooks.afterStatements(executed);
            start = end;
        }
        return executed;
    }

    private List<BoundCommand> executeOneByOne(Connection connection, List<BoundCommand> commands,
                                               List<DeadLetter> letters) throws SQLException {
        List<BoundCommand> applied = new ArrayList<>(commands.size());
        Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        try {
            for (BoundCommand command : commands) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    PreparedStatement statement = statements.get(command.sql());
                    if (statement == null) {
                        statement = connection.prepareStatement(command.sql());
                        statements.put(command.sql(), statement);
                    }
                    command.bind(statement);
                    statement.executeUpdate();
                    connection.releaseSavepoint(savepoint);
                    applied.add(command);
                    hooks.afterStatements(applied.size());
                } catch (SQLException e) {
                    if (SqlErrors.classify(e) != SqlErrors.Kind.DATA) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    letters.add(deadLetters.letter(command.source(), command.table().qualifiedName(), e,
                            SqlErrors.sqlState(e), SqlErrors.message(e)));
                }
            }
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
        }
        return applied;
    }

    private static Map<Integer, OffsetStore.Progress> progress(List<SourceRecord> records) {
        Map<Integer, OffsetStore.Progress> progress = new TreeMap<>();
        for (SourceRecord record : records) {
            progress.merge(record.partition(), new OffsetStore.Progress(record.offset(), record.offset() + 1, 1),
                    (a, b) -> new OffsetStore.Progress(Math.min(a.firstOffset(), b.firstOffset()),
                            Math.max(a.nextOffset(), b.nextOffset()), a.records() + b.records()));
        }
        return progress;
    }

    private static void checkFence(Map<Integer, OffsetStore.Progress> progress, Map<Integer, Long> stored)
            throws FenceException {
        for (Map.Entry<Integer, OffsetStore.Progress> entry : progress.entrySet()) {
            Long next = stored.get(entry.getKey());
            // a batch may start after the stored offset (transaction markers and compaction leave gaps), never before
            if (next != null && entry.getValue().firstOffset() < next) {
                throw new FenceException("partition " + entry.getKey() + " is already applied up to offset " + next
                        + " but the batch starts at " + entry.getValue().firstOffset());
            }
        }
    }

    private static String table(SourceRecord record) {
        return record.command().getSchema$() + "." + record.command().getTable();
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
