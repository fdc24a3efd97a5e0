package io.strangler.sync;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers on both databases of {@link SampleMonolithSyncIT}: each runs random upserts, partial updates and
 * deletes (a parent delete takes its children along, in one transaction) on overlapping keys of customers, orders and
 * order_items, half of them on a small hot set, until stopped. A transaction that fails (foreign key, deadlock, a row
 * the sync deleted meanwhile) did not happen. For each committed change the writer reads the row back in the same
 * transaction and records it with a sequence number taken while the transaction still holds its row locks, so for any
 * two writes of one row on one database the later commit has the higher number; the last write per row overall is
 * kept for the priority oracle.
 */
final class ShopWriters implements AutoCloseable {

    /** One committed local write: its global sequence, side, and the row it left (null hash: deleted). */
    record LastWrite(long sequence, Side side, RowHash hash, String row) {
    }

    private static final int HOT_CUSTOMERS = 8;
    private static final int HOT_ORDERS = 16;
    private static final int CUSTOMERS = ShopSchema.SEED_CUSTOMERS + 10;
    private static final int ORDERS = ShopSchema.SEED_ORDERS + 15;
    private static final int LINES = ShopSchema.SEED_LINES + 1;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, Map<String, LastWrite>> lastWrites = new ConcurrentHashMap<>();
    /** The same per side, to tell what the other side did to a row that ends off the oracle. */
    private final Map<Side, Map<String, Map<String, LastWrite>>> lastWritesBySide = new ConcurrentHashMap<>();
    private final Map<String, RowTranslator> translators = new LinkedHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();

    ShopWriters(List<ResolvedMapping> mappings) {
        mappings.forEach(m -> translators.put(m.name(), RowTranslator.of(m)));
        translators.keySet().forEach(t -> lastWrites.put(t, new ConcurrentHashMap<>()));
        for (Side side : Side.values()) {
            lastWritesBySide.put(side, new ConcurrentHashMap<>());
            translators.keySet().forEach(t -> lastWritesBySide.get(side).put(t, new ConcurrentHashMap<>()));
        }
    }

    /** Starts {@code perSide} writers on each database, each with its own random stream derived from {@code seed}. */
    void start(long seed, TestDatabase monolith, TestDatabase service, int perSide) {
        for (int i = 0; i < perSide; i++) {
            for (Side side : Side.values()) {
                Random random = new Random(seed * 31 + side.ordinal() * 7 + i);
                TestDatabase db = side == Side.MONOLITH ? monolith : service;
                String tag = side.label().charAt(0) + "" + i;
                running.add(pool.submit(() -> {
                    write(db, side, tag, random);
                    return null;
                }));
            }
        }
    }

    private static LastWrite later(LastWrite old, LastWrite now) {
        return now.sequence() > old.sequence() ? now : old;
    }

    /** The last committed write of one row on one side, if any. */
    LastWrite lastWrite(Side side, String table, String key) {
        return lastWritesBySide.get(side).get(table).get(key);
    }

    long committed() {
        return committed.get();
    }

    long failed() {
        return failed.get();
    }

    /** table → canonical key → the last committed write of that row, over both sides. */
    Map<String, Map<String, LastWrite>> lastWrites() {
        return lastWrites;
    }

    /** Stops the writers and rethrows what broke one of them (other than a failed transaction). */
    void stopAndJoin() throws Exception {
        stop.set(true);
        for (Future<?> future : running) {
            future.get(60, TimeUnit.SECONDS);
        }
        running.clear();
    }

    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }

    private void write(TestDatabase db, Side side, String tag, Random random) throws Exception {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Catalog catalog = CatalogReader.read(connection, List.of("public"));
            long n = 0;
            while (!stop.get()) {
                n++;
                Map<String, Map<String, LastWrite>> changes = new LinkedHashMap<>();
                try {
                    change(connection, catalog, side, tag + "-" + n, random, changes);
                    if (changes.values().stream().allMatch(Map::isEmpty)) {
                        connection.rollback();
                        failed.incrementAndGet();
                    } else {
                        long at = sequence.incrementAndGet();
                        connection.commit();
                        committed.incrementAndGet();
                        changes.forEach((table, rows) -> rows.forEach((key, write) -> {
                            LastWrite done = new LastWrite(at, side, write.hash(), write.row());
                            lastWrites.get(table).merge(key, done, ShopWriters::later);
                            lastWritesBySide.get(side).get(table).merge(key, done, ShopWriters::later);
                        }));
                    }
                } catch (SQLException e) {
                    connection.rollback();
                    failed.incrementAndGet();
                }
                // pace the writers so that their writes spread over the restarts and the sync keeps up
                Thread.sleep(5 + random.nextInt(30));
            }
        }
    }

    private void change(Connection connection, Catalog catalog, Side side, String tag, Random random,
            Map<String, Map<String, LastWrite>> changes) throws SQLException {
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
            Map<String, Map<String, LastWrite>> changes) throws SQLException {
        String where = key.toRow().columns().stream().map(c -> "\"" + c + "\" = " + key.get(c))
                .reduce((a, b) -> a + " AND " + b).map(w -> " WHERE " + w).orElseThrow();
        try (PreparedStatement statement = connection.prepareStatement(ShopSchema.select(catalog, table, where));
                ResultSet rs = statement.executeQuery()) {
            if (rs.next()) {
                RowTranslator translator = translators.get(table);
                CanonicalRow logical = translator.toLogical(Side.MONOLITH,
                        CanonicalRow.fromJdbc(rs, ShopSchema.types(catalog, table)));
                changes.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key.encode(),
                        new LastWrite(0, null, translator.hash(logical), logical.toString()));
            }
        }
    }

    private static void deleteReturning(Connection connection, String table, String sql,
            Map<String, Map<String, LastWrite>> changes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            int keyColumns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                CanonicalKey key = keyColumns == 1 ? key("id", rs.getLong(1))
                        : key("order_id", rs.getLong(1), "line_no", rs.getLong(2));
                changes.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key.encode(),
                        new LastWrite(0, null, null, null));
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
