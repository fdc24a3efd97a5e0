package io.strangler.generator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.Catalog;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.TestCatalogs;
import org.junit.jupiter.api.Test;

class ProjectGeneratorTest {

    private final Catalog shop = TestCatalogs.shop();
    private final GeneratedApi api = ApiGenerator.generate("shop", shop, shop.tables(),
            "jdbc:postgresql://db:5432/shop?user=admin&password=secret&sslmode=require", "admin",
            GeneratorOptions.defaults("shop"));

    @Test
    void shouldWriteAMavenProjectWithOneRecordTableAndControllerPerTable() {
        assertThat(api.files()).containsKeys("pom.xml", "README.md",
                "src/main/java/com/example/shop/Application.java",
                "src/main/java/com/example/shop/model/Orders.java",
                "src/main/java/com/example/shop/db/OrdersTable.java",
                "src/main/java/com/example/shop/api/OrdersController.java",
                "src/main/java/com/example/shop/runtime/Repository.java",
                "src/main/resources/openapi.yaml",
                "src/test/java/com/example/shop/runtime/QueryParserTest.java");
        assertThat(api.files().get("src/main/resources/openapi.yaml")).isEqualTo(api.spec().yaml());
        assertThat(api.files().get("src/main/java/com/example/shop/model/OrderItems.java"))
                .contains("public record OrderItems(", "java.util.UUID sku", "com.fasterxml.jackson.databind.JsonNode attrs",
                        "byte[] photo", "Float weight");
    }

    @Test
    void shouldReplaceEveryPlaceholderAndPinDependencyVersions() {
        api.files().forEach((path, content) -> assertThat(content).as(path).doesNotContain("__"));
        assertThat(api.files().get("pom.xml")).contains("<artifactId>javalin</artifactId>", "<version>7.2.3</version>",
                "<maven.compiler.release>17</maven.compiler.release>");
    }

    @Test
    void shouldNeverWriteCredentialsIntoTheProject() {
        String properties = api.files().get("src/main/resources/application.properties");

        assertThat(properties).contains("db.url=jdbc:postgresql://db:5432/shop?sslmode=require", "db.user=admin");
        api.files().forEach((path, content) -> assertThat(content).as(path).doesNotContain("secret"));
    }

    @Test
    void shouldQuoteSqlIdentifiersPerEngine() {
        assertThat(JavaText.sqlIdentifier(io.strangler.core.row.Engine.POSTGRESQL, "Order \"Details\""))
                .isEqualTo("\"Order \"\"Details\"\"\"");
        assertThat(JavaText.sqlIdentifier(io.strangler.core.row.Engine.MARIADB, "a`b")).isEqualTo("`a``b`");
        assertThat(JavaText.literal("客\"")).isEqualTo("\"\\u5ba2\\\"\"");
    }
}
