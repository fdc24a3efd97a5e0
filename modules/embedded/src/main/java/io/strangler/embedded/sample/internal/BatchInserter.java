package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleColumn;
import io.strangler.embedded.sample.SampleTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Inserts a stream of rows with multi-row {@code INSERT ... VALUES (...), (...)} statements. Writing the
 * multi-row form ourselves gives the speed of pgjdbc's reWriteBatchedInserts on any connection, whatever its
 * URL options, and works the same on MariaDB. Commits every {@link #COMMIT_EVERY_ROWS} rows and at the end.
 */
public final class BatchInserter {

    /** PostgreSQL's protocol allows at most 32767 bind parameters per statement. */
    private static final int MAX_PARAMETERS = 30_000;
    private static final int MAX_ROWS_PER_STATEMENT = 500;
    private static final int COMMIT_EVERY_ROWS = 50_000;

    private final Connection connection;
    private final JdbcBinder binder;

    public BatchInserter(Connection connection, JdbcBinder binder) {
        this.connection = connection;
        this.binder = binder;
    }

    /** Inserts all rows in the connection's current transaction mode (auto-commit must be off); returns the count. */
    public long insert(SampleTable table, Stream<Object[]> rows) throws SQLException {
        int columns = table.columns().size();
        int rowsPerStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS / columns));
        long count = 0;
        long uncommitted = 0;
        List<Object[]> chunk = new ArrayList<>(rowsPerStatement);
        try (PreparedStatement full = connection.prepareStatement(sql(table, rowsPerStatement))) {
            Iterator<Object[]> iterator = rows.iterator();
            while (iterator.hasNext()) {
                chunk.add(iterator.next());
                if (chunk.size() == rowsPerStatement) {
                    count += execute(full, table, chunk);
                    uncommitted += chunk.size();
                    chunk.clear();
                    if (uncommitted >= COMMIT_EVERY_ROWS) {
                        connection.commit();
                        uncommitted = 0;
                    }
                }
            }
        }
        if (!chunk.isEmpty()) {
            try (PreparedStatement rest = connection.prepareStatement(sql(table, chunk.size()))) {
                count += execute(rest, table, chunk);
            }
        }
        connection.commit();
        return count;
    }

    private long execute(PreparedStatement statement, SampleTable table, List<Object[]> chunk) throws SQLException {
        List<SampleColumn> columns = table.columns();
        int index = 1;
        for (Object[] row : chunk) {
            if (row.length != columns.size()) {
                throw new IllegalStateException("table " + table.name() + ": generated row has " + row.length
                        + " values for " + columns.size() + " columns");
            }
            for (int c = 0; c < row.length; c++) {
                binder.bind(statement, index++, columns.get(c), row[c]);
            }
        }
        statement.executeUpdate();
        return chunk.size();
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?), (?, ?)} for {@code rows} rows. */
    public static String sql(SampleTable table, int rows) {
        String placeholders = table.columns().stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name())
                .append(" (").append(String.join(", ", table.columnNames())).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(placeholders);
        }
        return sql.toString();
    }
}
