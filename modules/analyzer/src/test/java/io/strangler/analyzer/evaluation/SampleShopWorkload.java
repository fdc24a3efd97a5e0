package io.strangler.analyzer.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A workload for the sample shop monolith that exercises it as its application would: use cases with their own
 * queries and transactions, in realistic proportions, including the cross-service joins and transactions a real
 * monolith has (an order's items with product names, checkout reserving stock). The intended split it is scored
 * against is {@link #INTENDED}.
 */
public final class SampleShopWorkload {

    /** The services the sample monolith was designed as (docs/analyzer.md explains the choice). */
    public static final Map<String, String> INTENDED = intended();

    private record UseCase(String name, int weight, Function<Random, List<String>> statements) {
    }

    private static final List<UseCase> USE_CASES = List.of(
            new UseCase("browse category", 30, r -> List.of(
                    "SELECT p.id, p.name, p.price FROM products p JOIN product_categories pc ON pc.product_id = p.id"
                            + " JOIN categories c ON c.id = pc.category_id WHERE c.slug = 'cat-" + r.nextInt(40)
                            + "' AND p.status = 'active' ORDER BY p.name LIMIT 20",
                    "SELECT product_id, content_type FROM product_images WHERE product_id IN (" + id(r) + ", " + id(r)
                            + ", " + id(r) + ") AND sort_order = 0")),
            new UseCase("view product", 40, r -> {
                long product = id(r);
                return List.of("SELECT * FROM products WHERE id = " + product,
                        "SELECT id, content_type FROM product_images WHERE product_id = " + product + " ORDER BY sort_order",
                        "SELECT p.name, avg(r.rating), count(r.id) FROM products p LEFT JOIN reviews r ON r.product_id = p.id"
                                + " WHERE p.id = " + product + " GROUP BY p.name",
                        "SELECT title, body, rating FROM reviews WHERE product_id = " + product
                                + " ORDER BY helpful_votes DESC LIMIT 5");
            }),
            new UseCase("category tree", 10, r -> List.of(
                    "WITH RECURSIVE tree AS (SELECT id, parent_id, name FROM categories WHERE id = " + r.nextInt(40)
                            + " UNION ALL SELECT c.id, c.parent_id, c.name FROM categories c JOIN tree t ON c.parent_id = t.id)"
                            + " SELECT * FROM tree")),
            new UseCase("write review", 5, r -> {
                long product = id(r);
                return List.of("BEGIN",
                        "INSERT INTO reviews (id, product_id, customer_id, rating, title, body, helpful_votes, created_at)"
                                + " VALUES (" + newId(r) + ", " + product + ", " + id(r) + ", " + (1 + r.nextInt(5))
                                + ", 'Nice', 'Works as described', 0, now())",
                        "UPDATE products SET updated_at = now() WHERE id = " + product, "COMMIT");
            }),
            new UseCase("login", 25, r -> {
                long user = id(r);
                return List.of("SELECT id, password_hash, active FROM users WHERE email = 'user" + user + "@example.com'",
                        "SELECT role FROM user_roles WHERE user_id = " + user,
                        "BEGIN", "UPDATE users SET last_login = now() WHERE id = " + user, "COMMIT");
            }),
            new UseCase("customer profile", 10, r -> {
                long customer = id(r);
                return List.of("SELECT c.first_name, c.last_name, a.city, a.kind FROM customers c"
                                + " JOIN customer_addresses a ON a.customer_id = c.id WHERE c.id = " + customer,
                        "SELECT u.email, u.last_login FROM users u WHERE u.customer_id = " + customer,
                        "BEGIN", "UPDATE customers SET phone = '+41 44 " + r.nextInt(1000) + "', updated_at = now() WHERE id = "
                                + customer,
                        "UPDATE customer_addresses SET line1 = 'Street " + r.nextInt(100) + "' WHERE customer_id = "
                                + customer + " AND is_default", "COMMIT");
            }),
            new UseCase("register", 5, r -> {
                long customer = newId(r);
                return List.of("BEGIN",
                        "INSERT INTO customers (id, first_name, last_name, email, loyalty_points, vip, created_at, updated_at)"
                                + " VALUES (" + customer + ", 'Ada', 'Lovelace', 'ada" + customer + "@example.com', 0, false, now(), now())",
                        "INSERT INTO customer_addresses (id, customer_id, kind, line1, city, postal_code, country, is_default)"
                                + " VALUES (" + customer + ", " + customer + ", 'billing', 'Main 1', 'Zurich', '8000', 'CH', true)",
                        "INSERT INTO users (id, customer_id, email, password_hash, active, created_at) VALUES (" + customer
                                + ", " + customer + ", 'ada" + customer + "@example.com', '\\x00', true, now())",
                        "INSERT INTO user_roles (user_id, role, granted_at) VALUES (" + customer + ", 'customer', now())",
                        "COMMIT");
            }),
            new UseCase("add to cart", 25, r -> {
                long cart = id(r);
                return List.of("BEGIN",
                        "INSERT INTO cart_items (cart_id, product_id, quantity, added_at) VALUES (" + cart + ", " + id(r)
                                + ", 1, now())",
                        "UPDATE carts SET updated_at = now() WHERE id = " + cart, "COMMIT",
                        "SELECT ci.product_id, ci.quantity FROM cart_items ci JOIN carts c ON c.id = ci.cart_id"
                                + " WHERE c.customer_id = " + id(r));
            }),
            new UseCase("checkout", 15, r -> {
                long cart = id(r);
                long order = newId(r);
                List<String> s = new ArrayList<>(List.of("BEGIN",
                        "SELECT product_id, quantity FROM cart_items WHERE cart_id = " + cart,
                        "SELECT id, percent_off FROM coupons WHERE code = 'SAVE" + r.nextInt(10) + "' AND valid_until >= current_date",
                        "INSERT INTO orders (id, customer_id, shipping_address_id, status, currency, total, placed_at, updated_at)"
                                + " VALUES (" + order + ", " + id(r) + ", " + id(r) + ", 'pending', 'CHF', 99.50, now(), now())",
                        "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate) VALUES ("
                                + order + ", 1, " + id(r) + ", 2, 24.75, 0)",
                        "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price, discount_rate) VALUES ("
                                + order + ", 2, " + id(r) + ", 1, 50.00, 0)"));
                if (r.nextInt(3) == 0) {
                    s.add("INSERT INTO order_coupons (order_id, coupon_id, applied_at) VALUES (" + order + ", "
                            + r.nextInt(10) + ", now())");
                }
                s.add("INSERT INTO payments (id, order_id, method, amount, captured, provider_ref, fee_rate) VALUES ("
                        + order + ", " + order + ", 'card', 99.50, false, 'ref-" + order + "', 0.015)");
                // the monolith reserves stock in the same transaction: a saga once inventory is a service of its own
                s.add("UPDATE inventory SET reserved = reserved + 1 WHERE product_id = " + id(r) + " AND warehouse_id = "
                        + r.nextInt(5));
                s.add("INSERT INTO audit_log (occurred_at, actor, action, entity, entity_id, payload) VALUES (now(), 'shop',"
                        + " 'place', 'order', " + order + ", '{}')");
                s.add("DELETE FROM cart_items WHERE cart_id = " + cart);
                s.add("COMMIT");
                return s;
            }),
            new UseCase("order history", 15, r -> {
                long customer = id(r);
                return List.of("SELECT o.id, o.status, o.total, oi.product_id, oi.quantity FROM orders o"
                                + " JOIN order_items oi ON oi.order_id = o.id WHERE o.customer_id = " + customer
                                + " ORDER BY o.placed_at DESC LIMIT 50",
                        "SELECT order_id, amount, captured FROM payments WHERE order_id IN (SELECT id FROM orders WHERE"
                                + " customer_id = " + customer + ")");
            }),
            new UseCase("order detail", 5, r -> List.of(
                    "SELECT oi.line_no, oi.quantity, p.name FROM order_items oi JOIN products p ON p.id = oi.product_id"
                            + " WHERE oi.order_id = " + id(r))),
            new UseCase("capture payment", 8, r -> {
                long order = id(r);
                return List.of("BEGIN", "UPDATE payments SET captured = true, captured_at = now() WHERE order_id = " + order,
                        "UPDATE orders SET status = 'paid', updated_at = now() WHERE id = " + order,
                        "INSERT INTO audit_log (occurred_at, actor, action, entity, entity_id, payload) VALUES (now(),"
                                + " 'payments', 'capture', 'order', " + order + ", '{}')", "COMMIT");
            }),
            new UseCase("restock", 8, r -> {
                long product = id(r);
                return List.of("BEGIN", "UPDATE inventory SET quantity = quantity + 10, updated_at = now() WHERE product_id = "
                                + product + " AND warehouse_id = " + r.nextInt(5), "COMMIT",
                        "SELECT w.code, i.quantity, i.reserved FROM inventory i JOIN warehouses w ON w.id = i.warehouse_id"
                                + " WHERE i.product_id = " + product);
            }),
            new UseCase("ship order", 8, r -> {
                long order = id(r);
                long shipment = newId(r);
                return List.of("BEGIN",
                        "INSERT INTO shipments (id, order_id, warehouse_id, carrier, tracking_code, ship_date, window_start,"
                                + " window_end) VALUES (" + shipment + ", " + order + ", " + r.nextInt(5) + ", 'Post', 'TRK"
                                + shipment + "', current_date, '08:00', '12:00')",
                        "UPDATE inventory SET quantity = quantity - 1, reserved = reserved - 1 WHERE product_id = " + id(r)
                                + " AND warehouse_id = " + r.nextInt(5), "COMMIT",
                        "SELECT s.tracking_code, w.name FROM shipments s JOIN warehouses w ON w.id = s.warehouse_id"
                                + " WHERE s.id = " + shipment,
                        "BEGIN", "UPDATE orders SET status = 'shipped', updated_at = now() WHERE id = " + order, "COMMIT");
            }),
            new UseCase("track delivery", 5, r -> List.of(
                    "SELECT o.status, s.carrier, s.tracking_code, s.delivered_at FROM orders o JOIN shipments s"
                            + " ON s.order_id = o.id WHERE o.id = " + id(r))),
            new UseCase("stock report", 3, r -> List.of(
                    "SELECT w.name, sum(i.quantity) FROM warehouses w JOIN inventory i ON i.warehouse_id = w.id"
                            + " GROUP BY w.name")),
            new UseCase("coupon admin", 2, r -> List.of(
                    "SELECT code, percent_off, max_uses FROM coupons WHERE valid_until >= current_date ORDER BY code")));

    private SampleShopWorkload() {
    }

    /** Writes {@code iterations} use cases, drawn by weight with {@code seed}, as a plain SQL file. */
    public static Path write(Path file, int iterations, long seed) throws IOException {
        Random random = new Random(seed);
        int total = USE_CASES.stream().mapToInt(UseCase::weight).sum();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("-- Sample shop workload: " + iterations + " use cases, seed " + seed + "\n");
            for (int i = 0; i < iterations; i++) {
                UseCase useCase = pick(random, total);
                out.write("-- " + useCase.name() + "\n");
                for (String statement : useCase.statements().apply(random)) {
                    out.write(statement);
                    out.write(";\n");
                }
            }
        }
        return file;
    }

    /** The statements of {@code iterations} use cases, for executing them against a database. */
    public static List<String> statements(int iterations, long seed) {
        Random random = new Random(seed);
        int total = USE_CASES.stream().mapToInt(UseCase::weight).sum();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            all.addAll(pick(random, total).statements().apply(random));
        }
        return all;
    }

    private static UseCase pick(Random random, int total) {
        int x = random.nextInt(total);
        for (UseCase useCase : USE_CASES) {
            x -= useCase.weight();
            if (x < 0) {
                return useCase;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static long id(Random r) {
        return 1 + r.nextInt(50);
    }

    private static long newId(Random r) {
        return 1_000_000 + r.nextInt(1_000_000_000);
    }

    private static Map<String, String> intended() {
        Map<String, String> services = new TreeMap<>();
        for (String t : List.of("customers", "customer_addresses", "users", "user_roles")) {
            services.put("public." + t, "customers");
        }
        for (String t : List.of("categories", "products", "product_images", "product_categories", "reviews")) {
            services.put("public." + t, "catalogue");
        }
        for (String t : List.of("warehouses", "inventory", "shipments")) {
            services.put("public." + t, "fulfilment");
        }
        for (String t : List.of("carts", "cart_items", "coupons", "orders", "order_items", "order_coupons", "payments",
                "audit_log")) {
            services.put("public." + t, "ordering");
        }
        return java.util.Collections.unmodifiableMap(services);
    }
}
