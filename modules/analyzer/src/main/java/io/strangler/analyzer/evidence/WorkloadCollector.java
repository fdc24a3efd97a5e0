package io.strangler.analyzer.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accumulates statements, per session, into {@link WorkloadEvidence}: touched table sets become query patterns, and
 * the tables written between BEGIN and COMMIT of one session become a transaction pattern. A write outside an explicit
 * transaction is a transaction of its own (autocommit). A source without transaction information
 * (pg_stat_statements aggregates statements across sessions) gives query patterns only.
 */
public final class WorkloadCollector {

    private static final long PROGRESS_EVERY = 1 << 14;

    private final StatementParser parser;
    private final String source;
    private final boolean transactional;
    private final ParseProgress progress;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<List<TableName>, long[]> queryCalls = new HashMap<>();
    private final Map<List<TableName>, double[]> queryMillis = new HashMap<>();
    private final Map<List<TableName>, String> queryExamples = new HashMap<>();
    private final Map<List<TableName>, long[]> transactions = new HashMap<>();
    private final Map<String, Long> unknownTables = new HashMap<>();
    private final List<String> unparseableSamples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private long lastProgressNanos = startedNanos;
    private long statements;
    private long dataStatements;
    private long ignored;
    private long unparseable;
    private long unknownOnly;
    private long rolledBack;

    private static final class Session {
        boolean inTransaction;
        final Set<TableName> written = new TreeSet<>();
    }

    /**
     * @param source           names the input in progress and notes, e.g. the log file's name
     * @param transactional whether statements arrive in execution order per session, so that BEGIN ... COMMIT and
     *                      autocommit writes are transactions; false for aggregated sources
     */
    public WorkloadCollector(StatementParser parser, String source, boolean transactional, ParseProgress progress) {
        this.parser = parser;
        this.source = source;
        this.transactional = transactional;
        this.progress = progress;
    }

    /** One statement executed once in {@code session}. */
    public void statement(String session, String sql) {
        statement(session, sql, 1, 0);
    }

    /**
     * @param calls       how many times it ran (pg_stat_statements aggregates)
     * @param totalMillis the total execution time of those calls, 0 if unknown
     */
    public void statement(String session, String sql, long calls, double totalMillis) {
        statements += calls;
        if ((statements & (PROGRESS_EVERY - 1)) == 0 || calls > 1) {
            reportProgress(false);
        }
        StatementTables tables = parser.parse(sql);
        Session state = sessions.computeIfAbsent(session, s -> new Session());
        StatementKind kind = tables.kind();
        if (!transactional && (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT
                || kind == StatementKind.ROLLBACK)) {
            kind = StatementKind.IGNORED;
        }
        switch (kind) {
            case BEGIN -> {
                ignored += calls;
                state.inTransaction = true;
                state.written.clear();
            }
            case COMMIT -> {
                ignored += calls;
                commit(state);
            }
            case ROLLBACK -> {
                ignored += calls;
                if (state.inTransaction) {
                    rolledBack++;
                }
                state.inTransaction = false;
                state.written.clear();
            }
            case IGNORED -> ignored += calls;
            case UNPARSEABLE -> {
                unparseable += calls;
                if (unparseableSamples.size() < ParseStats.SAMPLES) {
                    String oneLine = sql.strip().replaceAll("\\s+", " ");
                    unparseableSamples.add(oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine);
                }
            }
            case DATA -> data(state, sql, tables, calls, totalMillis);
        }
    }

    private void data(Session state, String sql, StatementTables tables, long calls, double totalMillis) {
        for (String name : tables.unknown()) {
            unknownTables.merge(name, calls, Long::sum);
        }
        if (tables.touched().isEmpty()) {
            unknownOnly += calls;
            return;
        }
        dataStatements += calls;
        List<TableName> key = tables.touched().stream().sorted().toList();
        queryCalls.computeIfAbsent(key, k -> new long[1])[0] += calls;
        queryMillis.computeIfAbsent(key, k -> new double[1])[0] += totalMillis;
        queryExamples.computeIfAbsent(key, k -> {
            String shape = StatementShape.of(sql.strip());
            return shape.length() > 200 ? shape.substring(0, 197) + "..." : shape;
        });
        if (tables.written().isEmpty()) {
            return;
        }
        if (state.inTransaction) {
            state.written.addAll(tables.written());
        } else if (transactional) {
            transactions.computeIfAbsent(tables.written().stream().sorted().toList(), k -> new long[1])[0] += calls;
        }
    }

    private void commit(Session state) {
        if (state.inTransaction && !state.written.isEmpty()) {
            transactions.computeIfAbsent(List.copyOf(state.written), k -> new long[1])[0]++;
        }
        state.inTransaction = false;
        state.written.clear();
    }

    /** A message for the report about this source. */
    public void note(String note) {
        notes.add(note);
    }

    public long statementsSoFar() {
        return statements;
    }

    /** Ends the input: transactions still open are dropped and counted. */
    public WorkloadEvidence finish() {
        reportProgress(true);
        long unterminated = sessions.values().stream().filter(s -> s.inTransaction).count();
        List<QueryPattern> queries = new ArrayList<>();
        queryCalls.forEach((tables, calls) -> queries.add(
                new QueryPattern(tables, calls[0], queryMillis.get(tables)[0], queryExamples.get(tables))));
        List<TransactionPattern> txs = new ArrayList<>();
        transactions.forEach((tables, count) -> txs.add(new TransactionPattern(tables, count[0])));
        ParseStats stats = new ParseStats(statements, dataStatements, ignored, unparseable, unknownOnly,
                unparseableSamples, ParseStats.topCounts(unknownTables), rolledBack, unterminated);
        List<String> allNotes = new ArrayList<>(notes);
        if (unparseable > 0) {
            allNotes.add(String.format(java.util.Locale.ROOT, "%s: %,d of %,d statements could not be parsed and were"
                    + " skipped (first: %s)", source, unparseable, statements, unparseableSamples.get(0)));
        }
        if (unterminated > 0) {
            allNotes.add(source + ": " + unterminated + " transaction(s) had no COMMIT before the end of the input and"
                    + " were not counted");
        }
        return new WorkloadEvidence(WorkloadEvidence.sortedQueries(queries), WorkloadEvidence.sortedTransactions(txs),
                stats, allNotes);
    }

    private void reportProgress(boolean done) {
        long now = System.nanoTime();
        if (!done && now - lastProgressNanos < 1_000_000_000L) {
            return;
        }
        lastProgressNanos = now;
        double seconds = Math.max(1e-9, (now - startedNanos) / 1e9);
        progress.onProgress(source, statements, statements / seconds, done);
    }
}
