package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleColumn;
import io.strangler.embedded.sample.SampleTable;
import io.strangler.embedded.sample.SampleTable.ForeignKey;
import io.strangler.embedded.sample.SampleType;

import java.util.ArrayList;
import java.util.List;

import static io.strangler.embedded.sample.SampleType.BIGINT;
import static io.strangler.embedded.sample.SampleType.BOOLEAN;
import static io.strangler.embedded.sample.SampleType.BYTES;
import static io.strangler.embedded.sample.SampleType.CHAR;
import static io.strangler.embedded.sample.SampleType.DATE;
import static io.strangler.embedded.sample.SampleType.DOUBLE;
import static io.strangler.embedded.sample.SampleType.ENUM;
import static io.strangler.embedded.sample.SampleType.INT;
import static io.strangler.embedded.sample.SampleType.JSON;
import static io.strangler.embedded.sample.SampleType.REAL;
import static io.strangler.embedded.sample.SampleType.SMALLINT;
import static io.strangler.embedded.sample.SampleType.TEXT;
import static io.strangler.embedded.sample.SampleType.TIME;
import static io.strangler.embedded.sample.SampleType.TIMESTAMP;
import static io.strangler.embedded.sample.SampleType.TIMESTAMPTZ;
import static io.strangler.embedded.sample.SampleType.UUID;
import static io.strangler.embedded.sample.SampleType.VARCHAR;

/**
 * The Java description of sample-monolith/*.sql, in foreign-key dependency order. SampleSchemaIT checks it
 * against the columns the databases report, so the two cannot drift apart silently.
 */
public final class SampleTables {

    public static final List<SampleTable> ALL = List.of(
            table("warehouses").pk("id")
                    .col("id", INT).col("code", CHAR).col("name", VARCHAR).col("country", CHAR)
                    .col("opened_on", DATE).col("latitude", DOUBLE).col("longitude", DOUBLE).build(),
            table("categories").pk("id")
                    .col("id", INT).nullableCol("parent_id", INT).col("name", VARCHAR).col("slug", VARCHAR)
                    .col("sort_order", SMALLINT)
                    .fk("parent_id", "categories").build(),
            table("customers").pk("id")
                    .col("id", BIGINT).col("first_name", VARCHAR).col("last_name", VARCHAR).col("email", VARCHAR)
                    .nullableCol("phone", VARCHAR).nullableCol("birth_date", DATE).col("loyalty_points", INT)
                    .col("vip", BOOLEAN).col("created_at", TIMESTAMPTZ).col("updated_at", TIMESTAMPTZ).build(),
            table("customer_addresses").pk("id")
                    .col("id", BIGINT).col("customer_id", BIGINT).col("kind", ENUM).col("line1", VARCHAR)
                    .nullableCol("line2", VARCHAR).col("city", VARCHAR).col("postal_code", VARCHAR)
                    .col("country", CHAR).col("is_default", BOOLEAN)
                    .fk("customer_id", "customers").build(),
            table("users").pk("id")
                    .col("id", BIGINT).nullableCol("customer_id", BIGINT).col("email", VARCHAR)
                    .col("password_hash", BYTES).nullableCol("last_login", TIMESTAMPTZ).col("active", BOOLEAN)
                    .col("created_at", TIMESTAMPTZ)
                    .fk("customer_id", "customers").build(),
            table("user_roles").pk("user_id", "role")
                    .col("user_id", BIGINT).col("role", ENUM).col("granted_at", TIMESTAMP)
                    .fk("user_id", "users").build(),
            table("products").pk("id")
                    .col("id", BIGINT).col("sku_uuid", UUID).col("name", VARCHAR).nullableCol("description", TEXT)
                    .decimal("price", 2).col("weight_kg", REAL).col("attributes", JSON).col("status", ENUM)
                    .col("created_at", TIMESTAMPTZ).col("updated_at", TIMESTAMPTZ).build(),
            table("product_images").pk("id")
                    .col("id", BIGINT).col("product_id", BIGINT).col("sort_order", SMALLINT)
                    .col("content_type", VARCHAR).col("image_data", BYTES)
                    .fk("product_id", "products").build(),
            table("product_categories").pk("product_id", "category_id")
                    .col("product_id", BIGINT).col("category_id", INT)
                    .fk("product_id", "products").fk("category_id", "categories").build(),
            table("inventory").pk("product_id", "warehouse_id")
                    .col("product_id", BIGINT).col("warehouse_id", INT).col("quantity", INT).col("reserved", INT)
                    .col("updated_at", TIMESTAMPTZ)
                    .fk("product_id", "products").fk("warehouse_id", "warehouses").build(),
            table("carts").pk("id")
                    .col("id", BIGINT).col("customer_id", BIGINT).col("created_at", TIMESTAMPTZ)
                    .col("updated_at", TIMESTAMPTZ)
                    .fk("customer_id", "customers").build(),
            table("cart_items").pk("cart_id", "product_id")
                    .col("cart_id", BIGINT).col("product_id", BIGINT).col("quantity", INT).col("added_at", TIMESTAMP)
                    .fk("cart_id", "carts").fk("product_id", "products").build(),
            table("coupons").pk("id")
                    .col("id", INT).col("code", VARCHAR).decimal("percent_off", 2).col("valid_from", DATE)
                    .col("valid_until", DATE).nullableCol("max_uses", INT).build(),
            table("orders").pk("id")
                    .col("id", BIGINT).col("customer_id", BIGINT).col("shipping_address_id", BIGINT)
                    .col("status", ENUM).col("currency", CHAR).decimal("total", 2).col("placed_at", TIMESTAMPTZ)
                    .col("updated_at", TIMESTAMPTZ).nullableCol("notes", TEXT)
                    .fk("customer_id", "customers").fk("shipping_address_id", "customer_addresses").build(),
            table("order_items").pk("order_id", "line_no")
                    .col("order_id", BIGINT).col("line_no", SMALLINT).col("product_id", BIGINT).col("quantity", INT)
                    .decimal("unit_price", 2).decimal("discount_rate", 4)
                    .fk("order_id", "orders").fk("product_id", "products").build(),
            table("order_coupons").pk("order_id", "coupon_id")
                    .col("order_id", BIGINT).col("coupon_id", INT).col("applied_at", TIMESTAMPTZ)
                    .fk("order_id", "orders").fk("coupon_id", "coupons").build(),
            table("payments").pk("id")
                    .col("id", BIGINT).col("order_id", BIGINT).col("method", ENUM).decimal("amount", 2)
                    .col("captured", BOOLEAN).nullableCol("captured_at", TIMESTAMPTZ).col("provider_ref", VARCHAR)
                    .col("fee_rate", DOUBLE)
                    .fk("order_id", "orders").build(),
            table("shipments").pk("id")
                    .col("id", BIGINT).col("order_id", BIGINT).col("warehouse_id", INT).col("carrier", VARCHAR)
                    .col("tracking_code", CHAR).col("ship_date", DATE).col("window_start", TIME)
                    .col("window_end", TIME).nullableCol("delivered_at", TIMESTAMPTZ)
                    .fk("order_id", "orders").fk("warehouse_id", "warehouses").build(),
            table("reviews").pk("id")
                    .col("id", BIGINT).col("product_id", BIGINT).col("customer_id", BIGINT).col("rating", SMALLINT)
                    .col("title", VARCHAR).col("body", TEXT).col("helpful_votes", INT).col("created_at", TIMESTAMPTZ)
                    .fk("product_id", "products").fk("customer_id", "customers").build(),
            table("audit_log").pk("id")
                    .col("id", BIGINT).col("occurred_at", TIMESTAMPTZ).col("actor", VARCHAR).col("action", VARCHAR)
                    .col("entity", VARCHAR).col("entity_id", BIGINT).col("payload", JSON).build());

    private SampleTables() {
    }

    private static Builder table(String name) {
        return new Builder(name);
    }

    private static final class Builder {
        private final String name;
        private final List<SampleColumn> columns = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private List<String> primaryKey = List.of();

        Builder(String name) {
            this.name = name;
        }

        Builder pk(String... keyColumns) {
            primaryKey = List.of(keyColumns);
            return this;
        }

        Builder col(String column, SampleType type) {
            columns.add(new SampleColumn(column, type, 0, false));
            return this;
        }

        Builder nullableCol(String column, SampleType type) {
            columns.add(new SampleColumn(column, type, 0, true));
            return this;
        }

        Builder decimal(String column, int scale) {
            columns.add(new SampleColumn(column, SampleType.DECIMAL, scale, false));
            return this;
        }

        Builder fk(String column, String referencedTable) {
            foreignKeys.add(new ForeignKey(column, referencedTable, "id"));
            return this;
        }

        SampleTable build() {
            return new SampleTable(name, columns, primaryKey, foreignKeys);
        }
    }
}
