package io.strangler.apply.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A write with its statement: the SQL (identical for every write of the same table, operation and column set, so
 * consecutive ones share one JDBC batch) and its parameters.
 */
public record BoundCommand(RowWrite write, String sql, List<JdbcValueWriter.Param> params) {

    public BoundCommand {
        params = List.copyOf(params);
    }

    public SourceRecord source() {
        return write.source();
    }

    public TableInfo table() {
        return write.table();
    }

    public String rowIdentity() {
        return write.rowIdentity();
    }

    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(statement, i + 1);
        }
    }
}
