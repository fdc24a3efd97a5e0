package io.strangler.generator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Catalog;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.TestCatalogs;
import io.strangler.schemas.ApiGenerated;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiGeneratedEventsTest {

    @Test
    void shouldDescribeTheApiWithoutCredentials() {
        Catalog shop = TestCatalogs.shop();
        GeneratedApi api = ApiGenerator.generate("shop", shop, shop.tables(), "jdbc:postgresql://h/db?password=secret", "u",
                GeneratorOptions.defaults("shop"));

        ApiGenerated event = ApiGeneratedEvents.toEvent(api, Path.of("/tmp/out/../shop"), Instant.ofEpochSecond(10));

        assertThat(event.getService()).isEqualTo("shop");
        assertThat(event.getTables()).containsExactly("public.audit", "public.customers", "public.order_items", "public.orders");
        assertThat(event.getEndpoints()).contains("GET /customers", "DELETE /order-items/{orderId}/{lineNo}");
        assertThat(event.getSpecSha256()).isEqualTo(api.spec().sha256());
        assertThat(event.getOutputLocation()).isEqualTo("/tmp/shop");
        assertThat(event.getReadOnlyTables()).containsExactly("public.audit");
        assertThat(event.getGeneratedMicros()).isEqualTo(10_000_000L);
        assertThat(event.toString()).doesNotContain("secret");
    }
}
