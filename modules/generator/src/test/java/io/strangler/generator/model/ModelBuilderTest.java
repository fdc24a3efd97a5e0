package io.strangler.generator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Catalog;
import io.strangler.generator.TestCatalogs;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {

    private final Catalog shop = TestCatalogs.shop();
    private final ApiModel model = ModelBuilder.build("shop", "com.example.shop", shop, shop.tables());

    @Test
    void shouldMapTypesConstraintsAndDefaults() {
        Resource orders = model.resource("Orders");
        Field status = orders.field("status").orElseThrow();
        assertThat(status.type()).isEqualTo(FieldType.ENUM);
        assertThat(status.enumValues()).containsExactly("pending", "paid");
        assertThat(status.required()).isFalse();
        assertThat(status.defaultValue()).isEqualTo("pending");
        Field channel = orders.field("channel").orElseThrow();
        assertThat(channel.type()).as("CHECK (channel IN ...) is an enum").isEqualTo(FieldType.ENUM);
        assertThat(channel.enumValues()).containsExactly("web", "shop");
        assertThat(orders.field("total").orElseThrow().type()).isEqualTo(FieldType.DECIMAL);
        assertThat(orders.field("placed_at").orElseThrow().defaultValue()).as("now() is not a literal").isNull();

        Resource customers = model.resource("Customers");
        Field id = customers.field("id").orElseThrow();
        assertThat(id.readOnly()).isTrue();
        assertThat(id.required()).isFalse();
        Field points = customers.field("points").orElseThrow();
        assertThat(points.type()).isEqualTo(FieldType.INT16);
        assertThat(points.minimum()).isEqualTo(-32768L);
        assertThat(points.defaultValue()).isEqualTo(0L);
        assertThat(customers.field("email").orElseThrow().required()).isTrue();
        assertThat(customers.field("email").orElseThrow().maxLength()).isEqualTo(255);
        assertThat(customers.field("vip").orElseThrow().defaultValue()).isEqualTo(Boolean.FALSE);

        Resource items = model.resource("OrderItems");
        assertThat(items.field("weight").orElseThrow().type()).isEqualTo(FieldType.FLOAT32);
        assertThat(items.field("sku").orElseThrow().type()).isEqualTo(FieldType.UUID);
        assertThat(items.field("attrs").orElseThrow().type()).isEqualTo(FieldType.JSON);
        assertThat(items.field("photo").orElseThrow().type()).isEqualTo(FieldType.BYTES);
    }

    @Test
    void shouldAddressCompositeKeysAndNestChildrenUnderTheirParents() {
        assertThat(model.resource("OrderItems").itemPath()).isEqualTo("/order-items/{orderId}/{lineNo}");
        assertThat(model.resource("Orders").children()).extracting(SubResource::path)
                .containsExactly("/orders/{id}/order-items");
        assertThat(model.resource("Customers").children()).extracting(SubResource::path, SubResource::operationId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/customers/{id}/orders-by-buyer-id", "listOrdersOfCustomersByBuyerId"),
                        org.assertj.core.groups.Tuple.tuple("/customers/{id}/orders-by-payer-id", "listOrdersOfCustomersByPayerId"));
        assertThat(model.resource("Orders").parents()).hasSize(2);
    }

    @Test
    void shouldWarnAboutReadOnlyTablesAndForeignKeysLeavingTheBoundary() {
        assertThat(model.resource("Audit").readOnly()).isTrue();
        assertThat(model.warnings()).anyMatch(w -> w.contains("public.audit has no primary key"))
                .anyMatch(w -> w.contains("orders_warehouse_fk") && w.contains("outside the boundary"));
    }
}
