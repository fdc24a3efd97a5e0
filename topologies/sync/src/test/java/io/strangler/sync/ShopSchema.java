package io.strangler.sync;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.ColumnType;
import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parent/child subset of the sample monolith used by {@link SampleMonolithSyncIT}: {@code customers → orders →
 * order_items}, created from the sample's own PostgreSQL DDL with the foreign keys that point outside the subset
 * ({@code orders.shipping_address_id → customer_addresses}, {@code order_items.product_id → products}) removed; the
 * columns stay. Also reads whole tables as logical rows for the convergence compare.
 */
final class ShopSchema {

    /** Mapped tables, parents first. */
    static final List<String> TABLES = List.of("customers", "orders", "order_items");
    static final int SEED_CUSTOMERS = 60;
    static final int SEED_ORDERS = 120;
    static final int SEED_LINES = 2;

    private ShopSchema() {
    }

    /** The sample DDL statements of the subset: the order_status type, the three tables, their index and identity. */
    static List<String> ddl() {
        return SampleMonolith.statements(SampleEngine.POSTGRESQL).stream()
                .filter(sql -> sql.contains("order_status AS ENUM") || TABLES.stream().anyMatch(t ->
                        sql.startsWith("CREATE TABLE " + t + " (") || sql.startsWith("ALTER TABLE " + t + " ")
                                || sql.contains(" ON " + t + " (")))
                .map(sql -> sql.replace(" REFERENCES customer_addresses (id)", "").replace(" REFERENCES products (id)", ""))
                .toList();
    }

    static void create(TestDatabase db) throws SQLException {
        List<String> ddl = ddl();
        if (ddl.size() != 9) { // the type, 3 tables, 3 replica identities, 2 indexes
            throw new IllegalStateException("the sample DDL changed shape; picked: " + ddl);
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.execute(sql);
            }
        }
    }

    /** The populated monolith: customers, their orders and two lines per order, from a fixed seed. */
    static void populate(TestDatabase db) throws SQLException {
        Random random = new Random(20_260_101L);
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement customer = connection.prepareStatement(upsertCustomer());
                    PreparedStatement order = connection.prepareStatement(upsertOrder());
                    PreparedStatement item = connection.prepareStatement(upsertItem())) {
                for (long id = 1; id <= SEED_CUSTOMERS; id++) {
                    bindCustomer(customer, id, "seed", random);
                    customer.executeUpdate();
                }
                for (long id = 1; id <= SEED_ORDERS; id++) {
                    bindOrder(order, id, 1 + random.nextInt(SEED_CUSTOMERS), "seed", random);
                    order.executeUpdate();
                    for (int line = 1; line <= SEED_LINES; line++) {
                        bindItem(item, id, line, random);
                        item.executeUpdate();
                    }
                }
            }
            connection.commit();
        }
    }

    static String mappingsYaml() {
        return "mappings:\n" + TABLES.stream().map(t -> "  - { name: " + t + ", monolith: public." + t + ", service: public."
                + t + ", direction: both, conflict: { strategy: priority, priority: monolith } }\n")
                .collect(Collectors.joining());
    }

    static String upsertCustomer() {
        return "INSERT INTO customers (id, first_name, last_name, email, phone, birth_date, loyalty_points, vip,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, email = EXCLUDED.email,"
                + " phone = EXCLUDED.phone, birth_date = EXCLUDED.birth_date, loyalty_points = EXCLUDED.loyalty_points,"
                + " vip = EXCLUDED.vip, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at";
    }

    /** Binds a whole customer row; the email derives from the id only, so the UNIQUE email never clashes across ids. */
    static void bindCustomer(PreparedStatement statement, long id, String tag, Random random) throws SQLException {
        statement.setLong(1, id);
        statement.setString(2, "F-" + tag);
        statement.setString(3, "L" + random.nextInt(1000));
        statement.setString(4, "c" + id + "@shop.test");
        statement.setString(5, random.nextBoolean() ? null : "+49-" + random.nextInt(1_000_000));
        statement.setObject(6, random.nextBoolean() ? null : java.time.LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        statement.setInt(7, random.nextInt(5000));
        statement.setBoolean(8, random.nextInt(5) == 0);
        statement.setObject(9, timestamp(random));
        statement.setObject(10, timestamp(random));
    }

    static String upsertOrder() {
        return "INSERT INTO orders (id, customer_id, shipping_address_id, status, currency, total, placed_at, updated_at,"
                + " notes) VALUES (?, ?, ?, ?::order_status, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                + " customer_id = EXCLUDED.customer_id, shipping_address_id = EXCLUDED.shipping_address_id,"
                + " status = EXCLUDED.status, currency = EXCLUDED.currency, total = EXCLUDED.total,"
                + " placed_at = EXCLUDED.placed_at, updated_at = EXCLUDED.updated_at, notes = EXCLUDED.notes";
    }

    static void bindOrder(PreparedStatement statement, long id, long customerId, String tag, Random random)
            throws SQLException {
        statement.setLong(1, id);
        statement.setLong(2, customerId);
        statement.setLong(3, 1 + random.nextInt(500));
        statement.setString(4, status(random));
        statement.setString(5, random.nextBoolean() ? "EUR" : "USD");
        statement.setBigDecimal(6, BigDecimal.valueOf(random.nextInt(1_000_000), 2));
        statement.setObject(7, timestamp(random));
        statement.setObject(8, timestamp(random));
        statement.setString(9, random.nextInt(3) == 0 ? null : "note " + tag);
    }

    static String upsertItem() {
        return "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, line_no) DO UPDATE SET"
                + " product_id = EXCLUDED.product_id, quantity = EXCLUDED.quantity, unit_price = EXCLUDED.unit_price,"
                + " discount_rate = EXCLUDED.discount_rate";
    }

    static void bindItem(PreparedStatement statement, long orderId, int line, Random random) throws SQLException {
        statement.setLong(1, orderId);
        statement.setShort(2, (short) line);
        statement.setLong(3, 1 + random.nextInt(300));
        statement.setInt(4, 1 + random.nextInt(9));
        statement.setBigDecimal(5, BigDecimal.valueOf(random.nextInt(100_000), 2));
        statement.setBigDecimal(6, BigDecimal.valueOf(random.nextInt(10_001), 4));
    }

    static String status(Random random) {
        return List.of("pending", "paid", "shipped", "delivered", "cancelled").get(random.nextInt(5));
    }

    /** Microsecond-precision instants, as timestamptz stores them. */
    static OffsetDateTime timestamp(Random random) {
        return OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                .plusNanos(1_000L * (random.nextLong() & 0xFFFF_FFFF_FFFL));
    }

    /** Reads every row of every mapped table: table → canonical key → logical row (key columns in PK order). */
    static Map<String, Map<String, CanonicalRow>> snapshot(TestDatabase db, Side side, List<ResolvedMapping> mappings)
            throws SQLException {
        Map<String, Map<String, CanonicalRow>> tables = new TreeMap<>();
        try (Connection connection = db.connect()) {
            Catalog catalog = CatalogReader.read(connection, List.of("public"));
            for (ResolvedMapping mapping : mappings) {
                RowTranslator translator = RowTranslator.of(mapping);
                String name = mapping.mapping().table(side).table();
                Map<String, CanonicalRow> rows = new TreeMap<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery(select(catalog, name, ""))) {
                    List<ColumnType> types = types(catalog, name);
                    while (rs.next()) {
                        CanonicalRow logical = translator.toLogical(side, CanonicalRow.fromJdbc(rs, types));
                        rows.put(translator.key(Side.MONOLITH, logical).encode(), logical);
                    }
                }
                tables.put(mapping.name(), rows);
            }
        }
        return tables;
    }

    static String select(Catalog catalog, String table, String where) {
        return "SELECT " + table(catalog, table).columns().stream().map(c -> "\"" + c.name() + "\"")
                .collect(Collectors.joining(", ")) + " FROM public.\"" + table + "\"" + where;
    }

    static List<ColumnType> types(Catalog catalog, String table) {
        return table(catalog, table).columns().stream().map(catalog::columnType).toList();
    }

    private static Table table(Catalog catalog, String name) {
        return catalog.table("public", name).orElseThrow(() -> new IllegalStateException("no table public." + name));
    }

    static List<String> columnNames(Catalog catalog, String table) {
        return table(catalog, table).columns().stream().map(Column::name).toList();
    }
}
