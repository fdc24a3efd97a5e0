package io.strangler.embedded.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleDataGeneratorTest {

    private static final int N = 500;

    @Test
    void shouldGenerateIdenticalCanonicalRowsForTheSameSeed() {
        // Given two generators with the same seed and size
        SampleDataGenerator first = new SampleDataGenerator(42L, N);
        SampleDataGenerator second = new SampleDataGenerator(42L, N);

        // When / Then every table's canonical rows hash the same
        for (String table : SampleMonolith.tableNames()) {
            assertThat(digest(second, table)).as(table).isEqualTo(digest(first, table));
        }
    }

    @Test
    void shouldGenerateDifferentRowsForDifferentSeeds() {
        // Given generators with different seeds
        SampleDataGenerator first = new SampleDataGenerator(1L, N);
        SampleDataGenerator second = new SampleDataGenerator(2L, N);

        // When / Then tables with random content differ
        assertThat(digest(second, "customers")).isNotEqualTo(digest(first, "customers"));
        assertThat(digest(second, "order_items")).isNotEqualTo(digest(first, "order_items"));
    }

    @Test
    @ResourceLock(Resources.TIME_ZONE)
    @ResourceLock(Resources.LOCALE)
    void shouldNotDependOnTheJvmTimeZoneOrLocale() {
        // Given the data generated under UTC and an English locale
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        Map<String, String> reference = new LinkedHashMap<>();
        Map<String, String> elsewhere = new LinkedHashMap<>();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            Locale.setDefault(Locale.ENGLISH);
            SampleMonolith.tableNames().forEach(t -> reference.put(t, digest(new SampleDataGenerator(9L, N), t)));

            // When generating again far from UTC, with a locale that writes decimal commas
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Locale.setDefault(new Locale("tr", "TR"));
            SampleMonolith.tableNames().forEach(t -> elsewhere.put(t, digest(new SampleDataGenerator(9L, N), t)));
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }

        // Then nothing changed
        assertThat(elsewhere).isEqualTo(reference);
    }

    @Test
    void shouldScaleRowCountsAsDocumented() {
        // Given n = 1000
        SampleDataGenerator generator = new SampleDataGenerator(5L, 1000);

        // When counting each table's rows
        Map<String, Long> counts = new HashMap<>();
        SampleMonolith.tableNames().forEach(t -> counts.put(t, generator.rows(t).count()));

        // Then they follow SampleSizes' table
        assertThat(counts).containsEntry("warehouses", 4L).containsEntry("categories", 60L)
                .containsEntry("customers", 1000L).containsEntry("customer_addresses", 2000L)
                .containsEntry("users", 1000L).containsEntry("user_roles", 1000L + 20 + 5)
                .containsEntry("products", 1000L).containsEntry("product_images", 1000L)
                .containsEntry("product_categories", 1500L).containsEntry("inventory", 2000L)
                .containsEntry("carts", 500L).containsEntry("cart_items", 1000L).containsEntry("coupons", 40L)
                .containsEntry("orders", 1000L).containsEntry("order_coupons", 142L).containsEntry("reviews", 500L)
                .containsEntry("audit_log", 1000L);
        assertThat(counts.get("order_items")).isBetween(2700L, 3300L);
        assertThat(counts.get("payments")).isBetween(700L, 900L);
        assertThat(counts.get("shipments")).isBetween(450L, 650L);
        assertThat(counts).hasSize(20);
    }

    @Test
    void shouldReferenceOnlyExistingParentRows() {
        // Given the generated data held in memory
        SampleDataGenerator generator = new SampleDataGenerator(11L, N);
        Map<String, Set<Object>> ids = new HashMap<>();
        for (SampleTable table : SampleMonolith.tables()) {
            if (table.primaryKey().equals(List.of("id"))) {
                Set<Object> tableIds = new HashSet<>();
                generator.canonicalRows(table.name()).forEach(row -> tableIds.add(row.get("id")));
                ids.put(table.name(), tableIds);
            }
        }

        // When / Then every foreign-key value is the id of a generated parent row
        for (SampleTable table : SampleMonolith.tables()) {
            for (SampleTable.ForeignKey fk : table.foreignKeys()) {
                Set<Object> parents = ids.get(fk.referencedTable());
                generator.canonicalRows(table.name()).map(row -> row.get(fk.column())).filter(v -> v != null)
                        .forEach(value -> assertThat(parents).as(table.name() + "." + fk.column()).contains(value));
            }
        }
    }

    @Test
    void shouldSatisfyPrimaryKeysUniqueAndCheckConstraints() {
        // Given generated data
        SampleDataGenerator generator = new SampleDataGenerator(13L, N);

        // Then primary keys are unique in every table
        for (SampleTable table : SampleMonolith.tables()) {
            assertUnique(generator, table.name(), table.primaryKey());
        }
        // and so are the unique columns
        assertUnique(generator, "warehouses", List.of("code"));
        assertUnique(generator, "categories", List.of("slug"));
        assertUnique(generator, "customers", List.of("email"));
        assertUnique(generator, "users", List.of("email"));
        assertUnique(generator, "users", List.of("customer_id"));
        assertUnique(generator, "products", List.of("sku_uuid"));
        assertUnique(generator, "product_images", List.of("product_id", "sort_order"));
        assertUnique(generator, "coupons", List.of("code"));
        assertUnique(generator, "payments", List.of("provider_ref"));
        assertUnique(generator, "shipments", List.of("tracking_code"));
        // and the checks hold
        generator.canonicalRows("reviews").forEach(r -> assertThat((Long) r.get("rating")).isBetween(1L, 5L));
        generator.canonicalRows("coupons").forEach(
                r -> assertThat((Long) r.get("valid_until")).isGreaterThanOrEqualTo((Long) r.get("valid_from")));
        generator.canonicalRows("shipments").forEach(
                r -> assertThat((Long) r.get("window_end")).isGreaterThan((Long) r.get("window_start")));
        generator.canonicalRows("inventory").forEach(r -> {
            assertThat((Long) r.get("quantity")).isNotNegative();
            assertThat((Long) r.get("reserved")).isNotNegative();
        });
        generator.canonicalRows("order_items").forEach(r -> assertThat((Long) r.get("quantity")).isPositive());
        generator.canonicalRows("cart_items").forEach(r -> assertThat((Long) r.get("quantity")).isPositive());
    }

    @Test
    void shouldWriteFixedWidthCharsDecimalsAtScaleAndCanonicalJson() {
        // Given generated data
        SampleDataGenerator generator = new SampleDataGenerator(17L, N);

        // Then char(n) values have exactly n characters (PostgreSQL would pad them otherwise)
        generator.canonicalRows("warehouses").forEach(r -> assertThat((String) r.get("code")).hasSize(4));
        generator.canonicalRows("orders").forEach(r -> assertThat((String) r.get("currency")).hasSize(3));
        generator.canonicalRows("shipments").forEach(r -> assertThat((String) r.get("tracking_code")).hasSize(12));
        // and decimals carry their column scale
        generator.canonicalRows("order_items").forEach(
                r -> assertThat((String) r.get("discount_rate")).matches("[01]\\.\\d{4}"));
        generator.canonicalRows("products").forEach(r -> assertThat((String) r.get("price")).matches("\\d+\\.\\d{2}"));
        // and JSON is compact with sorted keys
        generator.canonicalRows("products").forEach(r -> assertThat((String) r.get("attributes"))
                .startsWith("{\"color\":").doesNotContain(" ").contains("\"dimensions_mm\":{\"d\":"));
    }

    @Test
    void shouldRejectTooFewRowsPerTable() {
        assertThatThrownBy(() -> new SampleDataGenerator(1L, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowsPerTable");
    }

    @Test
    void shouldRejectUnknownTable() {
        assertThatThrownBy(() -> new SampleDataGenerator(1L, N).rows("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    private static void assertUnique(SampleDataGenerator generator, String table, List<String> columns) {
        Set<String> seen = new HashSet<>();
        generator.canonicalRows(table).forEach(row -> {
            String key = columns.stream().map(c -> String.valueOf(row.get(c))).toList().toString();
            assertThat(seen.add(key)).as(table + " " + columns + " duplicate " + key).isTrue();
        });
    }

    static String digest(SampleDataGenerator generator, String table) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            generator.canonicalRows(table).forEach(row -> row.forEach((column, value) -> {
                digest.update(column.getBytes(StandardCharsets.UTF_8));
                String type = value == null ? "null" : value.getClass().getSimpleName();
                digest.update(type.getBytes(StandardCharsets.UTF_8));
                digest.update(value instanceof byte[] bytes ? bytes
                        : String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            }));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
