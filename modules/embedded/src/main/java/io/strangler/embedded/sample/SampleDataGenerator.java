package io.strangler.embedded.sample;

import io.strangler.embedded.sample.internal.BatchInserter;
import io.strangler.embedded.sample.internal.JdbcBinder;
import io.strangler.embedded.sample.internal.SampleRowFactory;
import io.strangler.embedded.sample.internal.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fills the sample monolith with seeded data: the same seed and size give the same rows on PostgreSQL and
 * MariaDB (identical canonical values), whatever the JVM's time zone or locale. Ids are explicit and
 * dense (1..count per table, see {@link SampleSizes} for how counts scale with {@code rowsPerTable}); all
 * foreign keys, unique and check constraints hold.
 *
 * <pre>{@code
 * SampleDataGenerator generator = new SampleDataGenerator(42L, 10_000);
 * Map<String, Long> counts = generator.generate(connection); // {"warehouses"=13, ..., "audit_log"=10000}
 * }</pre>
 */
public final class SampleDataGenerator {

    private static final Logger LOGGER = LoggerFactory.getLogger(SampleDataGenerator.class);

    private final long seed;
    private final SampleSizes sizes;
    private final SampleRowFactory factory;

    /**
     * @param seed         any value; equal seeds give equal data
     * @param rowsPerTable n, at least {@link SampleSizes#MIN_ROWS_PER_TABLE}
     */
    public SampleDataGenerator(long seed, int rowsPerTable) {
        this.seed = seed;
        this.sizes = SampleSizes.of(rowsPerTable);
        this.factory = new SampleRowFactory(seed, sizes);
    }

    public long seed() {
        return seed;
    }

    public SampleSizes sizes() {
        return sizes;
    }

    /**
     * The rows of a table in primary-key order, values in column order, as Java values (see {@link SampleType}
     * for each type's class). No I/O.
     */
    public Stream<List<Object>> rows(String table) {
        SampleMonolith.table(table);
        return factory.rows(table).map(row -> Collections.unmodifiableList(Arrays.asList(row)));
    }

    /** The rows of a table in primary-key order as canonical values keyed by column (see {@link SampleValues}). */
    public Stream<Map<String, Object>> canonicalRows(String table) {
        SampleTable definition = SampleMonolith.table(table);
        return factory.rows(table).map(row -> {
            Map<String, Object> canonical = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                SampleColumn column = definition.columns().get(i);
                canonical.put(column.name(), SampleValues.canonical(column, row[i]));
            }
            return Collections.unmodifiableMap(canonical);
        });
    }

    /** Inserts every table into an empty sample schema, engine from the connection metadata. */
    public Map<String, Long> generate(Connection connection) throws SQLException {
        return generate(connection, SampleEngine.of(connection));
    }

    /**
     * Inserts every table, parents first, with multi-row inserts committed per table (and every 50,000 rows).
     * The schema must exist and be empty. The connection's auto-commit and (MariaDB) time zone are restored.
     *
     * @return rows inserted per table, in dependency order
     */
    public Map<String, Long> generate(Connection connection, SampleEngine engine) throws SQLException {
        long started = System.nanoTime();
        Map<String, Long> counts = new LinkedHashMap<>();
        Sessions.Saved saved = Sessions.prepare(connection, engine);
        try {
            BatchInserter inserter = new BatchInserter(connection, new JdbcBinder(engine));
            for (SampleTable table : SampleMonolith.tables()) {
                try {
                    counts.put(table.name(), inserter.insert(table, factory.rows(table.name())));
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("generating sample table " + table.name() + " failed: " + e.getMessage(),
                            e.getSQLState(), e);
                }
            }
        } finally {
            Sessions.restore(connection, saved);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOGGER.info("Generated {} sample rows (seed {}, n {}) on {} in {} s ({} rows/s)", total, seed,
                sizes.rowsPerTable(), engine, String.format(java.util.Locale.ROOT, "%.2f", seconds), Math.round(total / seconds));
        return Collections.unmodifiableMap(counts);
    }
}
