package io.strangler.validator.internal;

import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.CanonicalKey;
import io.strangler.validator.ValidationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams one side's rows of one segment in key order as canonical value arrays (mapping column order), and checks
 * that the order really is strictly ascending: a database that sorted differently would otherwise show up as floods
 * of missing rows.
 */
final class SideCursor implements AutoCloseable {

    private static final int FETCH_SIZE = 5_000;

    private final TablePlan plan;
    private final SideTable table;
    private final Statement statement;
    private final ResultSet resultSet;
    private final List<ColumnType> types;
    private final int[] keyIndexes;
    private Object[] current;
    private Object[] currentKey;
    private long rows;

    SideCursor(Connection connection, TablePlan plan, SideTable table, Segment segment) throws SQLException {
        this.plan = plan;
        this.table = table;
        this.types = table.types();
        this.keyIndexes = table.keyIndexes().stream().mapToInt(Integer::intValue).toArray();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Sql.quote(table.engine(), table.columns().get(i)));
        }
        sql.append(" FROM ").append(Sql.table(table)).append(plan.where(table.side(), segment))
                .append(plan.orderBy(table.side()));
        this.statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        // PostgreSQL streams with a fetch size inside a transaction; MariaDB Connector/J 3 streams with any fetch size
        statement.setFetchSize(FETCH_SIZE);
        this.resultSet = statement.executeQuery(sql.toString());
    }

    /** Advances; false at the end. */
    boolean next() throws SQLException {
        if (!resultSet.next()) {
            current = null;
            return false;
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = CanonicalValue.fromJdbc(resultSet, i + 1, types.get(i));
        }
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[keyIndexes[i]];
            if (key[i] == null) {
                throw new ValidationException(table.side().label() + " table " + table.qualifiedName()
                        + " has a row with NULL in key column '" + table.keyColumn(i) + "'");
            }
        }
        if (currentKey != null && plan.keyOrder().compare(currentKey, key) >= 0) {
            throw new ValidationException(table.side().label() + " table " + table.qualifiedName() + " returned key "
                    + encode(key) + " after " + encode(currentKey) + ": the database's key order differs from the"
                    + " validator's (a collation or type the validator cannot order); no report was produced");
        }
        current = values;
        currentKey = key;
        rows++;
        return true;
    }

    Object[] values() {
        return current;
    }

    Object[] key() {
        return currentKey;
    }

    long rows() {
        return rows;
    }

    String encode(Object[] key) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < key.length; i++) {
            values.put(plan.logicalKey().get(i), key[i]);
        }
        return CanonicalKey.of(values).encode();
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            resultSet.close();
        }
    }
}
