package io.strangler.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.model.Resource;
import io.strangler.generator.openapi.SpecValidator;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema full of awkward names (spaces, dashes, reserved words of SQL and Java, names of Object's methods and of
 * the list parameters, mixed case twins, non-ASCII, leading digits, a schema with a space, a table without a
 * primary key) generates a valid spec and a service that compiles without a warning and serves it.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class AwkwardNamesIT {

    private static final List<String> SCHEMA = List.of(
            "CREATE SCHEMA \"Sales Dept\"",
            "CREATE TABLE \"Sales Dept\".\"Order Details\" (\"Order ID\" integer PRIMARY KEY, \"class\" varchar(20) NOT NULL,"
                    + " \"Total-Price\" numeric(8,2), \"limit\" integer, \"größe\" text, \"客户\" varchar(10),"
                    + " \"select\" boolean NOT NULL DEFAULT true)",
            "CREATE TABLE \"Sales Dept\".\"select\" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " \"Order ID\" integer NOT NULL REFERENCES \"Sales Dept\".\"Order Details\" (\"Order ID\"), \"from\" date,"
                    + " kind varchar(10) NOT NULL CHECK (kind IN ('a', 'b''s')))",
            "CREATE TABLE \"Orders\" (id integer PRIMARY KEY, note text)",
            "CREATE TABLE orders (id integer PRIMARY KEY, \"toString\" text, \"hashCode\" integer)",
            "CREATE TABLE orders_create (id integer PRIMARY KEY)",
            "CREATE TABLE \"String\" (id integer PRIMARY KEY, value text)",
            "CREATE TABLE health (id integer PRIMARY KEY)",
            "CREATE TABLE \"123 numbers\" (id integer PRIMARY KEY, \"1st\" integer)",
            "CREATE TABLE log_entries (at timestamptz NOT NULL, message text)",
            "INSERT INTO log_entries VALUES ('2026-01-01T00:00:00Z', 'one'), ('2026-01-02T00:00:00Z', 'two')");

    private static GeneratedApi api;
    private static CompiledService service;
    private static Http http;

    @BeforeAll
    static void generateCompileAndStart(@Postgres TestDatabase db, @TempDir Path out) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : SCHEMA) {
                statement.execute(sql);
            }
            api = ApiGenerator.generate(connection, db.jdbcUrl(), db.user(), Boundary.of("Awkward Ünïcode-Service",
                    List.of("Sales Dept.Order Details", "Sales Dept.select", "Orders", "orders", "orders_create", "String",
                            "health", "123 numbers", "log_entries")), GeneratorOptions.defaults("Awkward Ünïcode-Service"));
        }
        ApiGenerator.write(api, out);
        CompiledService.compile(out, true); // the project's own test compiles too
        service = CompiledService.start(out, "com.example.awkwardunicodeservice", Map.of("db.url", db.jdbcUrl(),
                "db.user", db.user(), "db.password", db.password(), "server.port", "0", "server.host", "127.0.0.1"));
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldGiveEveryTableAUniqueValidNameAndPath() {
        // tables in (schema, name) order: "Sales Dept" sorts before "public", "Orders" before "orders"
        assertThat(api.model().resources()).extracting(Resource::name).containsExactly("OrderDetails", "Select",
                "T123Numbers", "Orders", "String2", "Health2", "LogEntries", "Orders2", "OrdersCreate2");
        assertThat(api.model().resources()).extracting(Resource::path).containsExactly("/order-details", "/select",
                "/123-numbers", "/orders", "/string", "/health2", "/log-entries", "/orders2", "/orders-create");
        assertThat(api.model().resource("OrderDetails").fields()).extracting(f -> f.name())
                .containsExactly("orderId", "classValue", "totalPrice", "limitValue", "grosse", "u5ba2U6237", "select");
        assertThat(api.model().resource("Orders2").fields()).extracting(f -> f.name())
                .containsExactly("id", "toStringValue", "hashCodeValue");
        assertThat(api.model().warnings()).anyMatch(w -> w.contains("public.log_entries has no primary key"));
    }

    @Test
    void shouldWriteASpecWithoutValidationMessages() {
        assertThat(SpecValidator.messages(api.spec().yaml())).isEmpty();
        assertThat(api.endpoints()).contains("GET /log-entries").doesNotContain("POST /log-entries");
        assertThat(api.spec().yaml()).contains("- a\n", "- b's\n");
    }

    @Test
    void shouldServeCrudAndSubResourcesOnAwkwardNames() {
        Http.Response created = http.post("/order-details", """
                {"orderId": 7, "classValue": "first", "totalPrice": "12.50", "limitValue": 3, "grosse": "XL",
                 "u5ba2U6237": "客户"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("select").asBoolean()).isTrue();
        assertThat(http.get("/order-details?limitValue=ge:3&u5ba2U6237=" + java.net.URLEncoder.encode("客户",
                java.nio.charset.StandardCharsets.UTF_8)).json().path("total").asLong()).isEqualTo(1);

        Http.Response child = http.post("/select", "{\"orderId\": 7, \"from\": \"2026-03-01\", \"kind\": \"b's\"}");
        assertThat(child.status()).as(child.body()).isEqualTo(201);
        long id = child.json().path("id").asLong();
        JsonNode children = http.get("/order-details/7/select").json();
        assertThat(children.path("items")).hasSize(1);
        assertThat(children.path("items").get(0).path("id").asLong()).isEqualTo(id);

        Http.Response readOnlyId = http.patch("/select/" + id, "{\"id\": 5}");
        assertThat(readOnlyId.status()).isEqualTo(400);
        Http.Response badLabel = http.post("/select", "{\"orderId\": 7, \"kind\": \"c\"}");
        assertThat(badLabel.status()).isEqualTo(400);
        assertThat(badLabel.json().path("errors").get(0).path("field").asText()).isEqualTo("kind");
    }

    @Test
    void shouldListATableWithoutPrimaryKeyButNotWriteIt() {
        JsonNode page = http.get("/log-entries?sort=-at").json();
        assertThat(page.path("items")).extracting(item -> item.path("message").asText()).containsExactly("two", "one");
        assertThat(http.post("/log-entries", "{\"message\": \"three\"}").status()).isIn(404, 405);
    }
}
