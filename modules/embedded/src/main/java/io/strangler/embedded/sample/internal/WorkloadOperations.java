package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload.Operation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL behind each workload operation, one transaction each (the caller commits or rolls back). Inserts
 * take ids from this writer's own range; updates and deletes pick rows among the generated ones and the ones
 * this writer inserted. Customers and products are never deleted, so every foreign key the workload writes
 * points at a row that exists. Not thread-safe: one instance per running workload.
 */
public final class WorkloadOperations implements AutoCloseable {

    /** Rows touched by one operation. */
    public record Effect(long inserted, long updated, long deleted) {
        static final Effect NONE = new Effect(0, 0, 0);
    }

    private static final List<String> STATUSES = List.of("pending", "paid", "shipped", "delivered", "cancelled");
    private static final List<String> METHODS = List.of("card", "paypal", "bank_transfer", "gift_card");
    private static final int REMEMBERED_IDS = 10_000;

    private final Connection connection;
    private final JdbcBinder binder;
    private final SampleSizes sizes;
    private final Rng rng;
    private final Clock clock;
    private final IdSource ids;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<Long> ownOrders = new ArrayList<>();
    private final List<Long> ownCarts = new ArrayList<>();

    /** Hands out this writer's ids: offset + 1, offset + 2, ... shared by all tables. */
    public interface IdSource {
        long next();
    }

    public WorkloadOperations(Connection connection, SampleEngine engine, SampleSizes sizes, Rng rng, Clock clock,
                              IdSource ids) {
        this.connection = connection;
        this.binder = new JdbcBinder(engine);
        this.sizes = sizes;
        this.rng = rng;
        this.clock = clock;
        this.ids = ids;
    }

    public Effect execute(Operation operation) throws SQLException {
        return switch (operation) {
            case PLACE_ORDER -> placeOrder();
            case UPDATE_ORDER_STATUS -> update("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?",
                    new String[] {"orders.status", "orders.updated_at", "orders.id"},
                    rng.pick(STATUSES), now(), anyOrder());
            case CHANGE_PRICE -> update("UPDATE products SET price = ?, updated_at = ? WHERE id = ?",
                    new String[] {"products.price", "products.updated_at", "products.id"},
                    BigDecimal.valueOf(rng.between(100L, 99_999L), 2), now(), anyProduct());
            case ADD_REVIEW -> addReview();
            case CREATE_CART -> createCart();
            case DELETE_CART_ITEM -> deleteCartItem();
            case ADJUST_INVENTORY -> adjustInventory();
            case CAPTURE_PAYMENT -> update("UPDATE payments SET captured = ?, captured_at = ? WHERE id = ?",
                    new String[] {"payments.captured", "payments.captured_at", "payments.id"}, true, now(), anyOrder());
            case UPDATE_CUSTOMER -> update("UPDATE customers SET loyalty_points = ?, vip = ?, phone = ?, updated_at = ?"
                            + " WHERE id = ?", new String[] {"customers.loyalty_points", "customers.vip", "customers.phone",
                        "customers.updated_at", "customers.id"}, rng.between(0, 5000), rng.chance(0.05),
                    rng.chance(0.2) ? null : "+49 " + rng.between(100, 999) + " " + rng.between(100000, 9999999), now(),
                    anyCustomer());
            case RECORD_LOGIN -> update("UPDATE users SET last_login = ? WHERE id = ?",
                    new String[] {"users.last_login", "users.id"}, now(), anyCustomer());
            case DELETE_ORDER -> deleteOrder();
        };
    }

    private Effect placeOrder() throws SQLException {
        long orderId = ids.next();
        long customer = anyCustomer();
        Instant now = now();
        int lines = rng.between(1, 4);
        BigDecimal total = BigDecimal.ZERO;
        long inserted = 0;
        List<Object[]> items = new ArrayList<>();
        for (short line = 1; line <= lines; line++) {
            int quantity = rng.between(1, 4);
            BigDecimal price = BigDecimal.valueOf(rng.between(100L, 99_999L), 2);
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
            items.add(new Object[] {orderId, line, anyProduct(), quantity, price, BigDecimal.valueOf(0, 4)});
        }
        boolean paid = rng.chance(0.5);
        inserted += insert("orders", orderId, customer, 2 * customer - 1, paid ? "paid" : "pending",
                rng.pick(Vocabulary.CURRENCIES), total.setScale(2, RoundingMode.UNNECESSARY), now, now, null);
        for (Object[] item : items) {
            inserted += insert("order_items", item);
        }
        if (paid) {
            inserted += insert("payments", orderId, orderId, rng.pick(METHODS), total, true, now,
                    String.format(Locale.ROOT, "PAY-%012d", orderId), 0.029);
        }
        inserted += audit(now, "customer:" + customer, "order.placed", orderId,
                "{\"lines\":" + lines + ",\"total\":\"" + total.toPlainString() + "\"}");
        remember(ownOrders, orderId);
        return new Effect(inserted, 0, 0);
    }

    private Effect addReview() throws SQLException {
        long id = ids.next();
        return new Effect(insert("reviews", id, anyProduct(), anyCustomer(), (short) rng.between(1, 5),
                rng.pick(Vocabulary.REVIEW_TITLES), rng.pick(Vocabulary.REVIEW_PHRASES), 0, now()), 0, 0);
    }

    private Effect createCart() throws SQLException {
        long cartId = ids.next();
        Instant now = now();
        long inserted = insert("carts", cartId, anyCustomer(), now, now);
        Set<Long> products = new LinkedHashSet<>();
        int wanted = rng.between(1, 3);
        while (products.size() < wanted) {
            products.add(anyProduct());
        }
        for (long product : products) {
            inserted += insert("cart_items", cartId, product, rng.between(1, 5),
                    LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        remember(ownCarts, cartId);
        return new Effect(inserted, 0, 0);
    }

    private Effect deleteCartItem() throws SQLException {
        long cartId = !ownCarts.isEmpty() && rng.chance(0.5) ? rng.pick(ownCarts) : rng.between(1L, sizes.carts());
        PreparedStatement select = statement("SELECT product_id FROM cart_items WHERE cart_id = ? ORDER BY product_id");
        select.setLong(1, cartId);
        List<Long> products = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                products.add(rs.getLong(1));
            }
        }
        if (products.isEmpty()) {
            return Effect.NONE;
        }
        PreparedStatement delete = statement("DELETE FROM cart_items WHERE cart_id = ? AND product_id = ?");
        delete.setLong(1, cartId);
        delete.setLong(2, rng.pick(products));
        return new Effect(0, 0, delete.executeUpdate());
    }

    private Effect adjustInventory() throws SQLException {
        long product = anyProduct();
        // the generator stocks product p in warehouses ((p-1) mod W)+1 and (p mod W)+1
        int warehouse = (int) ((product - (rng.chance(0.5) ? 1 : 0)) % sizes.warehouses()) + 1;
        int quantity = rng.between(0, 500);
        return update("UPDATE inventory SET quantity = ?, reserved = ?, updated_at = ? WHERE product_id = ?"
                        + " AND warehouse_id = ?", new String[] {"inventory.quantity", "inventory.reserved",
                    "inventory.updated_at", "inventory.product_id", "inventory.warehouse_id"},
                quantity, rng.between(0, Math.min(quantity, 20)), now(), product, warehouse);
    }

    private Effect deleteOrder() throws SQLException {
        long orderId = !ownOrders.isEmpty() && rng.chance(0.7) ? ownOrders.remove(ownOrders.size() - 1) : anyOrder();
        long deleted = 0;
        for (String child : List.of("order_coupons", "order_items", "payments", "shipments")) {
            deleted += deleteBy("DELETE FROM " + child + " WHERE order_id = ?", orderId);
        }
        long orders = deleteBy("DELETE FROM orders WHERE id = ?", orderId);
        deleted += orders;
        long inserted = orders == 0 ? 0 : audit(now(), "support:workload", "order.deleted", orderId, "{}");
        return new Effect(inserted, 0, deleted);
    }

    private long deleteBy(String sql, long id) throws SQLException {
        PreparedStatement delete = statement(sql);
        delete.setLong(1, id);
        return delete.executeUpdate();
    }

    private long audit(Instant at, String actor, String action, long orderId, String payload) throws SQLException {
        return insert("audit_log", ids.next(), at, actor, action, "orders", orderId, payload);
    }

    private long insert(String table, Object... values) throws SQLException {
        var definition = SampleMonolith.table(table);
        PreparedStatement insert = statement(BatchInserter.sql(definition, 1));
        for (int i = 0; i < values.length; i++) {
            binder.bind(insert, i + 1, definition.columns().get(i), values[i]);
        }
        return insert.executeUpdate();
    }

    /** Binds each value with the type of the named "table.column". */
    private Effect update(String sql, String[] columns, Object... values) throws SQLException {
        PreparedStatement update = statement(sql);
        for (int i = 0; i < values.length; i++) {
            String[] parts = columns[i].split("\\.");
            var column = SampleMonolith.table(parts[0]).column(parts[1]).orElseThrow();
            binder.bind(update, i + 1, column, values[i]);
        }
        return new Effect(0, update.executeUpdate(), 0);
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private long anyCustomer() {
        return rng.between(1L, sizes.customers());
    }

    private long anyProduct() {
        return rng.between(1L, sizes.products());
    }

    private long anyOrder() {
        return !ownOrders.isEmpty() && rng.chance(0.5) ? rng.pick(ownOrders) : rng.between(1L, sizes.orders());
    }

    private static void remember(List<Long> ids, long id) {
        if (ids.size() >= REMEMBERED_IDS) {
            ids.remove(0);
        }
        ids.add(id);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
