package io.strangler.validator.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.DiscrepancyKind;
import io.strangler.validator.OrphanCounts;
import io.strangler.validator.ValidationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and samples the orphans of one mapped table's foreign keys on both sides. Each side is checked against
 * itself only: an orphan is a broken reference inside one database, whatever the other side holds.
 */
public final class OrphanFinder {

    /** Orphans listed per foreign key and side (all are counted): enough to see the pattern, small in the report. */
    public static final int SAMPLE = 20;

    private final TablePlan plan;
    private final List<ForeignKeyCheck> checks;
    private final int sample;

    /**
     * @param checks     the checks of {@code plan}'s table, both sides
     * @param maxDetails the run's detail limit; the sample is never larger
     */
    public OrphanFinder(TablePlan plan, List<ForeignKeyCheck> checks, int maxDetails) {
        this.plan = plan;
        this.checks = List.copyOf(checks);
        this.sample = Math.min(SAMPLE, maxDetails);
    }

    /** The orphans' counts and samples. */
    public record Outcome(OrphanCounts counts, List<Discrepancy> sample) {

        public Outcome {
            sample = List.copyOf(sample);
        }
    }

    public Outcome find(ConnectionPair connections) {
        long[] counts = new long[2];
        List<Discrepancy> found = new ArrayList<>();
        for (ForeignKeyCheck check : checks) {
            Connection connection = check.side() == Side.MONOLITH ? connections.monolith() : connections.service();
            try {
                long count = count(connection, check);
                counts[check.side().ordinal()] += count;
                if (count > 0 && sample > 0) {
                    found.addAll(sample(connection, check));
                }
                connection.rollback();
            } catch (SQLException e) {
                throw new ValidationException("mapping '" + plan.name() + "': cannot check foreign key " + check.describe()
                        + " on the " + check.side().label() + " table " + check.child().qualifiedName() + ": "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
            }
        }
        return new Outcome(new OrphanCounts(true, counts[Side.MONOLITH.ordinal()], counts[Side.SERVICE.ordinal()]), found);
    }

    private static long count(Connection connection, ForeignKeyCheck check) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(check.countSql())) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<Discrepancy> sample(Connection connection, ForeignKeyCheck check) throws SQLException {
        SideTable child = check.child();
        int keys = child.keyIndexes().size();
        List<Discrepancy> out = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(check.sampleSql(sample))) {
            while (rows.next()) {
                Map<String, Object> key = new LinkedHashMap<>();
                // a key column may also be a foreign-key column (a composite key holding the parent's key): one entry
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < keys; i++) {
                    ColumnType type = child.types().get(child.keyIndexes().get(i));
                    Object value = CanonicalValue.fromJdbc(rows, i + 1, type);
                    key.put(plan.logicalKey().get(i), value);
                    row.put(child.keyColumn(i), value);
                }
                for (int i = 0; i < check.foreignKey().columns().size(); i++) {
                    row.putIfAbsent(check.foreignKey().columns().get(i),
                            CanonicalValue.fromJdbc(rows, keys + i + 1, check.columnTypes().get(i)));
                }
                boolean monolith = check.side() == Side.MONOLITH;
                out.add(new Discrepancy(monolith ? DiscrepancyKind.ORPHAN_ON_MONOLITH : DiscrepancyKind.ORPHAN_ON_SERVICE,
                        CanonicalKey.of(key), monolith ? CanonicalRow.of(row) : null, monolith ? null : CanonicalRow.of(row), List.of(),
                        check.describe()));
            }
        }
        return out;
    }
}
