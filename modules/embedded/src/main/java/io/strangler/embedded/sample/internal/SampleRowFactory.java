package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleSizes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.strangler.embedded.sample.internal.Vocabulary.DATE_EPOCH;
import static io.strangler.embedded.sample.internal.Vocabulary.instant;
import static io.strangler.embedded.sample.internal.Vocabulary.localDateTime;
import static io.strangler.embedded.sample.internal.Vocabulary.plusMicros;

/**
 * Produces the rows of every sample table as Java values in DDL column order. Each row is a pure function of
 * (seed, table, id), so a row never depends on the rows generated before it, on the engine, or on the JVM's
 * time zone or locale. Child rows that need their parent's values (payments need the order's total) regenerate
 * the parent from the same function instead of remembering it.
 */
public final class SampleRowFactory {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final long seed;
    private final SampleSizes sizes;

    public SampleRowFactory(long seed, SampleSizes sizes) {
        this.seed = seed;
        this.sizes = sizes;
    }

    /** Rows of one table; throws IllegalArgumentException for an unknown table. */
    public Stream<Object[]> rows(String table) {
        return switch (table) {
            case "warehouses" -> ids(sizes.warehouses()).mapToObj(id -> warehouse((int) id));
            case "categories" -> ids(sizes.categories()).mapToObj(id -> category((int) id));
            case "customers" -> ids(sizes.customers()).mapToObj(this::customer);
            case "customer_addresses" -> ids(2 * sizes.customers()).mapToObj(this::address);
            case "users" -> ids(sizes.customers()).mapToObj(this::user);
            case "user_roles" -> ids(sizes.customers()).boxed().flatMap(this::userRoles);
            case "products" -> ids(sizes.products()).mapToObj(this::product);
            case "product_images" -> ids(sizes.products()).mapToObj(this::productImage);
            case "product_categories" -> ids(sizes.products()).boxed().flatMap(this::productCategories);
            case "inventory" -> ids(sizes.products()).boxed().flatMap(this::inventory);
            case "carts" -> ids(sizes.carts()).mapToObj(this::cart);
            case "cart_items" -> ids(sizes.carts()).boxed().flatMap(this::cartItems);
            case "coupons" -> ids(sizes.coupons()).mapToObj(id -> coupon((int) id));
            case "orders" -> ids(sizes.orders()).mapToObj(this::order).map(Order::row);
            case "order_items" -> ids(sizes.orders()).mapToObj(this::order).flatMap(o -> o.items().stream());
            case "order_coupons" -> ids(sizes.orders()).filter(id -> id % 7 == 0).mapToObj(this::orderCoupon);
            case "payments" -> ids(sizes.orders()).mapToObj(this::order).filter(Order::paid).map(this::payment);
            case "shipments" -> ids(sizes.orders()).mapToObj(this::order).filter(Order::shipped).map(this::shipment);
            case "reviews" -> ids(sizes.reviews()).mapToObj(this::review);
            case "audit_log" -> ids(sizes.orders()).mapToObj(this::order).map(this::orderPlacedEvent);
            default -> throw new IllegalArgumentException("unknown sample table '" + table + "'");
        };
    }

    private static LongStream ids(long count) {
        return LongStream.rangeClosed(1, count);
    }

    private Rng rng(Stream_ stream, long id) {
        return Rng.of(seed, stream.ordinal(), id);
    }

    /** Logical random streams; the ordinal is part of the seed, so only append to this list. */
    private enum Stream_ {
        WAREHOUSE, CATEGORY, CUSTOMER, ADDRESS, USER, USER_ROLE, PRODUCT, PRODUCT_IMAGE, PRODUCT_CATEGORY,
        INVENTORY, CART, CART_ITEM, COUPON, ORDER, ORDER_ITEM, ORDER_COUPON, PAYMENT, SHIPMENT, REVIEW
    }

    private Object[] warehouse(int id) {
        Rng rng = rng(Stream_.WAREHOUSE, id);
        String code = String.format(Locale.ROOT, "%4s", Integer.toString(id, 36)).replace(' ', '0')
                .toUpperCase(Locale.ROOT);
        String city = rng.pick(Vocabulary.CITIES);
        return new Object[] {id, code, city + " DC " + id, rng.pick(Vocabulary.COUNTRIES),
            DATE_EPOCH.minusDays(rng.between(30, 3650)),
            rng.between(-90_000_000, 90_000_000) / 1e6, rng.between(-180_000_000, 180_000_000) / 1e6};
    }

    private Object[] category(int id) {
        Rng rng = rng(Stream_.CATEGORY, id);
        // the first five are roots; every other category hangs below an earlier one, so parents insert first
        Integer parent = id <= 5 ? null : rng.between(1, Math.min(id - 1, 5 + (id - 1) / 4));
        String name = rng.pick(Vocabulary.CATEGORY_WORDS) + (id <= 5 ? "" : " " + rng.pick(Vocabulary.NOUNS));
        String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + id;
        return new Object[] {id, parent, name, slug, (short) rng.between(0, 100)};
    }

    private Object[] customer(long id) {
        Rng rng = rng(Stream_.CUSTOMER, id);
        String first = rng.pick(Vocabulary.FIRST_NAMES);
        String last = rng.pick(Vocabulary.LAST_NAMES);
        String email = "customer" + id + "@shop.example";
        String phone = rng.chance(0.2) ? null : "+49 " + rng.between(100, 999) + " " + rng.between(100000, 9999999);
        Object birth = rng.chance(0.1) ? null : DATE_EPOCH.minusDays(rng.between(18 * 365, 75 * 365));
        Instant created = instant(rng);
        Instant updated = plusMicros(created, rng.between(0L, 30 * MICROS_PER_DAY));
        return new Object[] {id, first, last, email, phone, birth, rng.between(0, 5000), rng.chance(0.05),
            created, updated};
    }

    private Object[] address(long id) {
        Rng rng = rng(Stream_.ADDRESS, id);
        long customer = (id + 1) / 2;
        boolean shipping = id % 2 == 1;
        return new Object[] {id, customer, shipping ? "shipping" : "billing",
            rng.between(1, 250) + " " + rng.pick(Vocabulary.STREETS),
            rng.chance(0.7) ? null : "Apt. " + rng.between(1, 99),
            rng.pick(Vocabulary.CITIES), String.format(Locale.ROOT, "%05d", rng.between(1000, 99999)),
            rng.pick(Vocabulary.COUNTRIES), shipping || rng.chance(0.5)};
    }

    private Object[] user(long id) {
        Rng rng = rng(Stream_.USER, id);
        Instant created = instant(rng);
        Instant lastLogin = rng.chance(0.3) ? null : plusMicros(created, rng.between(0L, 60 * MICROS_PER_DAY));
        return new Object[] {id, id, "user" + id + "@shop.example", rng.bytes(32), lastLogin, rng.chance(0.95),
            created};
    }

    private Stream<Object[]> userRoles(long userId) {
        Rng rng = rng(Stream_.USER_ROLE, userId);
        List<Object[]> roles = new ArrayList<>(3);
        roles.add(new Object[] {userId, "customer", localDateTime(rng)});
        if (userId % 50 == 0) {
            roles.add(new Object[] {userId, "support", localDateTime(rng)});
        }
        if (userId % 200 == 0) {
            roles.add(new Object[] {userId, "admin", localDateTime(rng)});
        }
        return roles.stream();
    }

    private Object[] product(long id) {
        Rng rng = rng(Stream_.PRODUCT, id);
        UUID sku = new UUID((rng.nextLong() & ~0xF000L) | 0x4000L,
                (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        String name = rng.pick(Vocabulary.ADJECTIVES) + " " + rng.pick(Vocabulary.NOUNS) + " " + id;
        String description = rng.chance(0.15) ? null
                : rng.pick(Vocabulary.REVIEW_PHRASES) + " Made of " + rng.pick(Vocabulary.MATERIALS) + ".";
        BigDecimal price = BigDecimal.valueOf(rng.between(100L, 99_999L), 2);
        float weight = rng.between(1, 400) / 4f; // quarters of a kilo: exact in float on both engines
        // written compact with keys sorted, which is the canonical JSON form
        String attributes = "{\"color\":\"" + rng.pick(Vocabulary.COLORS) + "\",\"dimensions_mm\":{\"d\":"
                + rng.between(10, 900) + ",\"h\":" + rng.between(10, 900) + ",\"w\":" + rng.between(10, 900)
                + "},\"material\":\"" + rng.pick(Vocabulary.MATERIALS) + "\",\"organic\":" + rng.chance(0.2)
                + ",\"size\":\"" + rng.pick(Vocabulary.SIZES) + "\",\"tags\":[\"" + rng.pick(Vocabulary.COLORS)
                + "\",\"sale\"]}";
        double statusDraw = rng.between(0, 99);
        String status = statusDraw < 10 ? "draft" : statusDraw < 90 ? "active" : "discontinued";
        Instant created = instant(rng);
        Instant updated = plusMicros(created, rng.between(0L, 90 * MICROS_PER_DAY));
        return new Object[] {id, sku, name, description, price, weight, attributes, status, created, updated};
    }

    private Object[] productImage(long id) {
        Rng rng = rng(Stream_.PRODUCT_IMAGE, id);
        boolean png = rng.chance(0.7);
        byte[] body = rng.bytes(rng.between(16, 256));
        if (png) {
            byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
            System.arraycopy(magic, 0, body, 0, magic.length);
        }
        return new Object[] {id, id, (short) 1, png ? "image/png" : "image/webp", body};
    }

    private Stream<Object[]> productCategories(long productId) {
        Rng rng = rng(Stream_.PRODUCT_CATEGORY, productId);
        int categories = sizes.categories();
        int first = rng.between(1, categories);
        if (productId % 2 == 0) {
            return Stream.<Object[]>of(new Object[] {productId, first});
        }
        int second = 1 + (first + rng.between(0, categories - 2)) % categories; // never equal to first
        return Stream.of(new Object[] {productId, Math.min(first, second)},
                new Object[] {productId, Math.max(first, second)});
    }

    private Stream<Object[]> inventory(long productId) {
        Rng rng = rng(Stream_.INVENTORY, productId);
        int warehouses = sizes.warehouses();
        int first = (int) ((productId - 1) % warehouses) + 1;
        int second = (int) (productId % warehouses) + 1;
        return Stream.of(stock(rng, productId, Math.min(first, second)),
                stock(rng, productId, Math.max(first, second)));
    }

    private static Object[] stock(Rng rng, long productId, int warehouse) {
        int quantity = rng.between(0, 500);
        return new Object[] {productId, warehouse, quantity, rng.between(0, Math.min(quantity, 20)), instant(rng)};
    }

    private Object[] cart(long id) {
        Rng rng = rng(Stream_.CART, id);
        Instant created = instant(rng);
        return new Object[] {id, rng.between(1L, sizes.customers()), created,
            plusMicros(created, rng.between(0L, 3 * MICROS_PER_DAY))};
    }

    private Stream<Object[]> cartItems(long cartId) {
        Rng rng = rng(Stream_.CART_ITEM, cartId);
        long products = sizes.products();
        long first = rng.between(1L, products);
        long second = 1 + (first + rng.between(0L, products - 2)) % products;
        return Stream.of(new Object[] {cartId, Math.min(first, second), rng.between(1, 5), localDateTime(rng)},
                new Object[] {cartId, Math.max(first, second), rng.between(1, 5), localDateTime(rng)});
    }

    private Object[] coupon(int id) {
        Rng rng = rng(Stream_.COUPON, id);
        BigDecimal percent = BigDecimal.valueOf(rng.between(500, 5000), 2);
        String code = String.format(Locale.ROOT, "SAVE%s-%05d", percent.toBigInteger(), id);
        var from = DATE_EPOCH.plusDays(rng.between(0, 700));
        return new Object[] {id, code, percent, from, from.plusDays(rng.between(0, 90)),
            rng.chance(0.4) ? null : rng.between(1, 10_000)};
    }

    /** One order with its lines; orders, order_items, payments, shipments and audit_log all derive from it. */
    Order order(long id) {
        Rng rng = rng(Stream_.ORDER, id);
        long customer = rng.between(1L, sizes.customers());
        int statusDraw = rng.between(0, 99);
        String status = statusDraw < 10 ? "pending" : statusDraw < 35 ? "paid" : statusDraw < 55 ? "shipped"
                : statusDraw < 90 ? "delivered" : "cancelled";
        String currency = rng.pick(Vocabulary.CURRENCIES);
        Instant placed = instant(rng);
        Instant updated = plusMicros(placed, rng.between(0L, 10 * MICROS_PER_DAY));
        String notes = rng.chance(0.7) ? null : rng.pick(Vocabulary.ORDER_NOTES);
        Rng lineRng = rng(Stream_.ORDER_ITEM, id);
        int lines = lineRng.between(1, 5);
        List<Object[]> items = new ArrayList<>(lines);
        BigDecimal total = BigDecimal.ZERO;
        for (int line = 1; line <= lines; line++) {
            int quantity = lineRng.between(1, 4);
            BigDecimal unitPrice = BigDecimal.valueOf(lineRng.between(100L, 99_999L), 2);
            BigDecimal discount = lineRng.chance(0.6) ? BigDecimal.valueOf(0, 4)
                    : BigDecimal.valueOf(lineRng.between(1, 3000), 4);
            total = total.add(unitPrice.multiply(BigDecimal.valueOf(quantity))
                    .multiply(BigDecimal.ONE.subtract(discount)));
            items.add(new Object[] {id, (short) line, lineRng.between(1L, sizes.products()), quantity, unitPrice,
                discount});
        }
        total = total.setScale(2, RoundingMode.HALF_UP);
        Object[] row = {id, customer, 2 * customer - 1, status, currency, total, placed, updated, notes};
        return new Order(id, customer, status, total, placed, row, List.copyOf(items));
    }

    private Object[] orderCoupon(long orderId) {
        Rng rng = rng(Stream_.ORDER_COUPON, orderId);
        Order order = order(orderId);
        return new Object[] {orderId, rng.between(1, sizes.coupons()), order.placedAt()};
    }

    private Object[] payment(Order order) {
        Rng rng = rng(Stream_.PAYMENT, order.id());
        boolean captured = !order.status().equals("paid") || rng.chance(0.5);
        Instant capturedAt = captured ? plusMicros(order.placedAt(), rng.between(1_000_000L, 3600_000_000L)) : null;
        String method = rng.pick(List.of("card", "card", "card", "paypal", "bank_transfer", "gift_card"));
        double fee = switch (method) {
            case "card" -> 0.029;
            case "paypal" -> 0.034;
            case "bank_transfer" -> 0.005;
            default -> 0.0;
        };
        return new Object[] {order.id(), order.id(), method, order.total(), captured, capturedAt,
            String.format(Locale.ROOT, "PAY-%012d", order.id()), fee};
    }

    private Object[] shipment(Order order) {
        Rng rng = rng(Stream_.SHIPMENT, order.id());
        LocalTime start = LocalTime.of(8, 0).plusMinutes(30L * rng.between(0, 16));
        Instant delivered = order.status().equals("delivered")
                ? plusMicros(order.placedAt(), rng.between(1L, 7L) * MICROS_PER_DAY + rng.between(0L, 1_000_000L))
                : null;
        return new Object[] {order.id(), order.id(), rng.between(1, sizes.warehouses()), rng.pick(Vocabulary.CARRIERS),
            String.format(Locale.ROOT, "TRK%09d", order.id()), Vocabulary.dateOf(order.placedAt()).plusDays(
                rng.between(0, 3)), start, start.plusHours(2).plusSeconds(rng.between(0, 59)), delivered};
    }

    private Object[] review(long id) {
        Rng rng = rng(Stream_.REVIEW, id);
        String body = rng.pick(Vocabulary.REVIEW_PHRASES) + "\n" + rng.pick(Vocabulary.REVIEW_PHRASES);
        return new Object[] {id, rng.between(1L, sizes.products()), id, (short) rng.between(1, 5),
            rng.pick(Vocabulary.REVIEW_TITLES), body, rng.between(0, 250), instant(rng)};
    }

    private Object[] orderPlacedEvent(Order order) {
        String payload = "{\"currency\":\"" + order.row()[4] + "\",\"lines\":" + order.items().size()
                + ",\"total\":\"" + order.total().toPlainString() + "\"}";
        return new Object[] {order.id(), order.placedAt(), "customer:" + order.customerId(), "order.placed",
            "orders", order.id(), payload};
    }

    /** An order's derived facts plus its row and its item rows. */
    record Order(long id, long customerId, String status, BigDecimal total, Instant placedAt, Object[] row,
                 List<Object[]> items) {
        boolean paid() {
            return status.equals("paid") || shipped();
        }

        boolean shipped() {
            return status.equals("shipped") || status.equals("delivered");
        }
    }
}
