package io.strangler.generator.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.Table;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.TestCatalogs;
import io.strangler.generator.model.ApiModel;
import io.strangler.generator.model.ModelBuilder;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {

    private final Catalog shop = TestCatalogs.shop();
    private final ApiModel model = ModelBuilder.build("shop", "com.example.shop", shop, shop.tables());
    private final OpenAPI api = SpecBuilder.build(model);

    @Test
    void shouldValidateWithoutErrorsOrWarnings() {
        SpecDocuments documents = SpecDocuments.of(api);

        assertThat(SpecValidator.messages(documents.yaml())).isEmpty();
        assertThat(SpecValidator.messages(documents.json())).isEmpty();
        assertThat(documents.yaml()).startsWith("openapi: 3.0.3\n");
    }

    @Test
    void shouldReportWhatSwaggerParserFinds() {
        String broken = SpecDocuments.of(api).yaml().replace("#/components/schemas/CustomersPage", "#/components/schemas/Nowhere");

        assertThat(SpecValidator.messages(broken)).isNotEmpty();
    }

    @Test
    void shouldDeclareTypesConstraintsAndSeparateBodies() {
        Schema<?> orders = api.getComponents().getSchemas().get("Orders");
        Schema<?> total = (Schema<?>) orders.getProperties().get("total");
        assertThat(total.getType()).isEqualTo("string");
        assertThat(total.getFormat()).isEqualTo("decimal");
        assertThat(total.getPattern()).isEqualTo("^-?\\d{1,10}(\\.\\d{1,2})?$");
        Schema<?> payer = (Schema<?>) orders.getProperties().get("payerId");
        assertThat(payer.getNullable()).isTrue();
        assertThat(payer.getFormat()).isEqualTo("int64");
        assertThat(((Schema<?>) orders.getProperties().get("status")).getEnum()).asString().isEqualTo("[pending, paid]");
        assertThat(((Schema<?>) orders.getProperties().get("placedAt")).getFormat()).isEqualTo("date-time");

        Schema<?> customers = api.getComponents().getSchemas().get("Customers");
        assertThat(((Schema<?>) customers.getProperties().get("id")).getReadOnly()).isTrue();
        assertThat(((Schema<?>) customers.getProperties().get("email")).getMaxLength()).isEqualTo(255);
        Schema<?> create = api.getComponents().getSchemas().get("CustomersCreate");
        assertThat(create.getProperties()).doesNotContainKey("id");
        assertThat(create.getRequired()).containsExactly("email");
        Schema<?> update = api.getComponents().getSchemas().get("OrdersUpdate");
        assertThat(update.getProperties()).doesNotContainKey("id");
        assertThat(update.getRequired()).contains("buyerId", "status", "total").doesNotContain("payerId");
        assertThat(api.getComponents().getSchemas().get("OrdersPatch").getRequired()).isNull();
    }

    @Test
    void shouldListReadOnlyTablesWithoutWriteOperations() {
        assertThat(api.getPaths().get("/audit").getGet()).isNotNull();
        assertThat(api.getPaths().get("/audit").getPost()).isNull();
        assertThat(api.getComponents().getSchemas()).doesNotContainKey("AuditCreate");
    }

    @Test
    void shouldDeclareListParametersAndProblemResponses() {
        var list = api.getPaths().get("/orders").getGet();
        assertThat(list.getParameters()).extracting(p -> p.get$ref() != null ? p.get$ref() : p.getName())
                .contains("#/components/parameters/limit", "#/components/parameters/cursor", "sort", "fields",
                        "#/components/parameters/Orders.status", "#/components/parameters/Orders.total");
        assertThat(api.getComponents().getResponses().get("BadRequest").getContent()).containsKey("application/problem+json");
        assertThat(api.getPaths().get("/orders/{id}").getGet().getResponses().get("200").getLinks())
                .containsKeys("CustomersByBuyerIdParent", "OrderItemsChildren");
    }

    @Test
    void shouldGiveTheSameBytesWhateverTheBoundaryOrder() {
        List<Table> reversed = new ArrayList<>(shop.tables());
        Collections.reverse(reversed);
        GeneratedApi first = ApiGenerator.generate("shop", shop, shop.tables(), "jdbc:postgresql://h/db", "u",
                GeneratorOptions.defaults("shop"));
        GeneratedApi second = ApiGenerator.generate("shop", shop, sorted(reversed), "jdbc:postgresql://h/db", "u",
                GeneratorOptions.defaults("shop"));

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.spec().sha256()).isEqualTo(first.spec().sha256()).hasSize(64);
    }

    private static List<Table> sorted(List<Table> tables) {
        return tables.stream().sorted(java.util.Comparator.comparing(Table::schema).thenComparing(Table::name)).toList();
    }
}
