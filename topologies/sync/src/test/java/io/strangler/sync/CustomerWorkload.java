package io.strangler.sync;

import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.Engine;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The transactions of {@link SyncEndToEndIT}'s writers ({@link ConcurrentWriters}) on its renamed table — monolith
 * {@code customer(id, name, email, legacy_code)}, service {@code client(id, full_name, email, tier)} — over one run's
 * key range {@code (base, base + keys]}: each locks one row, then inserts it when missing (an upsert, since the sync
 * may create it meanwhile), else updates it (3 in 4) or deletes it, and records the logical row it left.
 */
final class CustomerWorkload implements ConcurrentWriters.Workload {

    private final RowTranslator translator;
    private final long base;
    private final int keys;

    CustomerWorkload(RowTranslator translator, long base, int keys) {
        this.translator = translator;
        this.base = base;
        this.keys = keys;
    }

    @Override
    public ConcurrentWriters.Writer open(Connection connection, Side side) throws SQLException {
        Engine engine = CatalogReader.detectEngine(connection);
        return (tag, random, written) -> change(connection, side, engine, tag, random, written);
    }

    /** A side's physical table and the column the mapping renames. */
    static String table(Side side) {
        return side == Side.MONOLITH ? "customer" : "client";
    }

    private static String nameColumn(Side side) {
        return side == Side.MONOLITH ? "name" : "full_name";
    }

    private void change(Connection connection, Side side, Engine engine, String tag, Random random,
            ConcurrentWriters.WrittenRows written) throws SQLException {
        long id = base + 1 + random.nextInt(keys);
        String table = table(side);
        String value = side.label().charAt(0) + tag;
        boolean exists;
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            try (ResultSet rs = lock.executeQuery()) {
                exists = rs.next();
            }
        }
        if (exists && random.nextInt(4) == 0) {
            if (update(connection, "DELETE FROM " + table + " WHERE id = ?", id) > 0) {
                written.deleted(translator.mapping().name(), CanonicalKey.of(Map.of("id", id)).encode());
            }
            return;
        }
        String name = nameColumn(side);
        String sql = exists
                ? "UPDATE " + table + " SET " + name + " = ?, email = ? WHERE id = ?"
                : "INSERT INTO " + table + " (" + name + ", email, id) VALUES (?, ?, ?)" + (side == Side.MONOLITH
                        ? " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email"
                        : " ON DUPLICATE KEY UPDATE full_name = VALUES(full_name), email = VALUES(email)");
        if (update(connection, sql, value, value + "@x", id) > 0) {
            readBack(connection, side, engine, id, written);
        }
    }

    /** Records the row as this transaction left it, as the convergence compare reads it. */
    private void readBack(Connection connection, Side side, Engine engine, long id,
            ConcurrentWriters.WrittenRows written) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table(side) + " WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    CanonicalRow logical = translator.toLogical(side, CanonicalRow.fromJdbc(rs, engine));
                    written.left(translator.mapping().name(), translator.key(Side.MONOLITH, logical).encode(),
                            translator.hash(logical), logical.toString());
                }
            }
        }
    }

    /**
     * Every row of {@code side}'s table: canonical key → logical row, read as {@link #readBack} reads a written row, so
     * that the oracle compares like with like.
     */
    Map<String, CanonicalRow> snapshot(TestDatabase db, Side side) throws SQLException {
        Map<String, CanonicalRow> rows = new TreeMap<>();
        try (Connection connection = db.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + table(side)); ResultSet rs = select.executeQuery()) {
            Engine engine = CatalogReader.detectEngine(connection);
            while (rs.next()) {
                CanonicalRow logical = translator.toLogical(side, CanonicalRow.fromJdbc(rs, engine));
                rows.put(translator.key(Side.MONOLITH, logical).encode(), logical);
            }
        }
        return rows;
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
