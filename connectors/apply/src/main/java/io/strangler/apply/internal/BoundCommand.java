package io.strangler.apply.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A command converted for its target table: the SQL (identical for every command of the same table, operation and
 * column set, so consecutive ones share one JDBC batch), its parameters and its coalescing identity.
 */
public record BoundCommand(SourceRecord source, TableInfo table, String sql, List<JdbcValueWriter.Param> params,
                           String rowIdentity) {

    public BoundCommand {
        params = List.copyOf(params);
    }

    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(statement, i + 1);
        }
    }
}
