package io.strangler.sync;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The transactions of {@link SampleMonolithSyncIT}'s writers ({@link ConcurrentWriters}): random upserts, partial
 * updates and deletes (a parent delete takes its children along, in one transaction) on overlapping keys of customers,
 * orders and order_items, half of them on a small hot set. Each changed row is read back in the transaction and
 * recorded as its logical row's hash, as the convergence compare hashes it.
 */
final class ShopWorkload implements ConcurrentWriters.Workload {

    private static final int HOT_CUSTOMERS = 8;
    private static final int HOT_ORDERS = 16;
    private static final int CUSTOMERS = ShopSchema.SEED_CUSTOMERS + 10;
    private static final int ORDERS = ShopSchema.SEED_ORDERS + 15;
    private static final int LINES = ShopSchema.SEED_LINES + 1;

    private final Map<String, RowTranslator> translators = new LinkedHashMap<>();

    ShopWorkload(List<ResolvedMapping> mappings) {
        mappings.forEach(m -> translators.put(m.name(), RowTranslator.of(m)));
    }

    @Override
    public ConcurrentWriters.Writer open(Connection connection, Side side) throws SQLException {
        Catalog catalog = CatalogReader.read(connection, List.of("public"));
        return (tag, random, written) -> change(connection, catalog, tag, random, written);
    }

    private void change(Connection connection, Catalog catalog, String tag, Random random,
            ConcurrentWriters.WrittenRows changes) throws SQLException {
        boolean hot = random.nextBoolean();
        long customer = 1 + random.nextInt(hot ? HOT_CUSTOMERS : CUSTOMERS);
        long order = 1 + random.nextInt(hot ? HOT_ORDERS : ORDERS);
        int line = 1 + random.nextInt(LINES);
        int table = random.nextInt(20);
        int op = random.nextInt(20);
        if (table < 6) {
            if (op < 9) {
                run(connection, ShopSchema.upsertCustomer(), s -> ShopSchema.bindCustomer(s, customer, tag, random));
            } else if (op < 17) {
                run(connection, "UPDATE customers SET loyalty_points = ?, vip = ?, updated_at = ? WHERE id = ?", s -> {
                    s.setInt(1, random.nextInt(5000));
                    s.setBoolean(2, random.nextBoolean());
                    s.setObject(3, ShopSchema.timestamp(random));
                    s.setLong(4, customer);
                });
            } else {
                deleteReturning(connection, "order_items", "DELETE FROM order_items WHERE order_id IN (SELECT id FROM"
                        + " orders WHERE customer_id = " + customer + ") RETURNING order_id, line_no", changes);
                deleteReturning(connection, "orders", "DELETE FROM orders WHERE customer_id = " + customer
                        + " RETURNING id", changes);
                deleteReturning(connection, "customers", "DELETE FROM customers WHERE id = " + customer
                        + " RETURNING id", changes);
                return;
            }
            readBack(connection, catalog, "customers", key("id", customer), changes);
        } else if (table < 13) {
            if (op < 9) {
                run(connection, ShopSchema.upsertOrder(), s -> ShopSchema.bindOrder(s, order,
                        1 + random.nextInt(CUSTOMERS), tag, random));
            } else if (op < 17) {
                run(connection, "UPDATE orders SET status = ?::order_status, total = ?, updated_at = ? WHERE id = ?",
                        s -> {
                            s.setString(1, ShopSchema.status(random));
                            s.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
                            s.setObject(3, ShopSchema.timestamp(random));
                            s.setLong(4, order);
                        });
            } else {
                deleteReturning(connection, "order_items", "DELETE FROM order_items WHERE order_id = " + order
                        + " RETURNING order_id, line_no", changes);
                deleteReturning(connection, "orders", "DELETE FROM orders WHERE id = " + order + " RETURNING id",
                        changes);
                return;
            }
            readBack(connection, catalog, "orders", key("id", order), changes);
        } else {
            if (op < 9) {
                run(connection, ShopSchema.upsertItem(), s -> ShopSchema.bindItem(s, order, line, random));
            } else if (op < 17) {
                run(connection, "UPDATE order_items SET quantity = ?, discount_rate = ? WHERE order_id = ? AND line_no = ?",
                        s -> {
                            s.setInt(1, 1 + random.nextInt(9));
                            s.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(10_001), 4));
                            s.setLong(3, order);
                            s.setShort(4, (short) line);
                        });
            } else {
                deleteReturning(connection, "order_items", "DELETE FROM order_items WHERE order_id = " + order
                        + " AND line_no = " + line + " RETURNING order_id, line_no", changes);
                return;
            }
            readBack(connection, catalog, "order_items", key("order_id", order, "line_no", (long) line), changes);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void run(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        }
    }

    /** Records the row as this transaction left it; nothing when the statement found no row. */
    private void readBack(Connection connection, Catalog catalog, String table, CanonicalKey key,
            ConcurrentWriters.WrittenRows changes) throws SQLException {
        String where = key.toRow().columns().stream().map(c -> "\"" + c + "\" = " + key.get(c))
                .reduce((a, b) -> a + " AND " + b).map(w -> " WHERE " + w).orElseThrow();
        try (PreparedStatement statement = connection.prepareStatement(ShopSchema.select(catalog, table, where));
                ResultSet rs = statement.executeQuery()) {
            if (rs.next()) {
                RowTranslator translator = translators.get(table);
                CanonicalRow logical = translator.toLogical(Side.MONOLITH,
                        CanonicalRow.fromJdbc(rs, ShopSchema.types(catalog, table)));
                changes.left(table, key.encode(), translator.hash(logical), logical.toString());
            }
        }
    }

    private static void deleteReturning(Connection connection, String table, String sql,
            ConcurrentWriters.WrittenRows changes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            int keyColumns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                CanonicalKey key = keyColumns == 1 ? key("id", rs.getLong(1))
                        : key("order_id", rs.getLong(1), "line_no", rs.getLong(2));
                changes.deleted(table, key.encode());
            }
        }
    }

    static CanonicalKey key(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return CanonicalKey.of(values);
    }
}
