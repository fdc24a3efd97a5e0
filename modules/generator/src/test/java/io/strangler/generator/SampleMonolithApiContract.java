package io.strangler.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.openapi.SpecValidator;
import io.strangler.testsupport.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What the service generated for the whole sample monolith (one boundary of all 20 tables) must do on each engine:
 * the spec validates; the service compiles, starts against the database and serves CRUD, every filter operator,
 * both kinds of paging, sorting, sparse fields, sub-resources and the errors the spec promises. Expected rows come
 * from SQL on the same database.
 */
abstract class SampleMonolithApiContract {

    private static Path out;
    private static TestDatabase db;
    private static GeneratedApi api;
    private static CompiledService service;
    private static Http http;

    static void generateCompileAndStart(TestDatabase database, Path directory) throws Exception {
        db = database;
        out = directory;
        try (Connection connection = db.connect()) {
            SampleMonolith.createSchema(connection);
            new SampleDataGenerator(7, 20).generate(connection);
            api = ApiGenerator.generate(connection, db.jdbcUrl(), db.user(),
                    Boundary.of("shop", SampleMonolith.tableNames()), GeneratorOptions.defaults("shop"));
        }
        ApiGenerator.write(api, out);
        service = CompiledService.start(out, "com.example.shop",
                Map.of("db.url", db.jdbcUrl(), "db.user", db.user(), "db.password", db.password(), "server.port", "0",
                        "server.host", "127.0.0.1"));
        http = new Http(service.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    @Test
    void shouldWriteASpecThatSwaggerParserReadsWithoutAnyMessage() throws Exception {
        assertThat(SpecValidator.messages(Files.readString(out.resolve("openapi.yaml")))).isEmpty();
        assertThat(SpecValidator.messages(Files.readString(out.resolve("openapi.json")))).isEmpty();
        assertThat(api.endpoints()).contains("GET /customers", "POST /customers", "GET /customers/{id}",
                "PUT /customers/{id}", "PATCH /customers/{id}", "DELETE /customers/{id}",
                "GET /order-items/{orderId}/{lineNo}", "GET /customers/{id}/orders", "GET /categories/{id}/categories");
    }

    @Test
    void shouldServeItsSpecAndHealth() throws Exception {
        assertThat(http.get("/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(http.get("/openapi.yaml").body()).isEqualTo(Files.readString(out.resolve("openapi.yaml")));
    }

    @Test
    void shouldCreateReadReplacePatchAndDeleteACustomer() {
        String body = """
                {"id": 9001, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
                 "createdAt": "2026-01-31T09:30:00Z", "updatedAt": "2026-01-31T09:30:00+02:00"}""";

        Http.Response created = http.post("/customers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/customers/9001");
        assertThat(created.json().path("loyaltyPoints").asInt()).isZero(); // the database default
        assertThat(created.json().path("updatedAt").asText()).isEqualTo("2026-01-31T07:30:00Z");

        JsonNode read = http.get("/customers/9001").json();
        assertThat(read.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(read.path("phone").isNull()).isTrue();

        Http.Response replaced = http.put("/customers/9001", """
                {"firstName": "Ada", "lastName": "King", "email": "ada.king@example.com", "phone": "+44 1",
                 "loyaltyPoints": 5, "vip": true, "createdAt": "2026-01-31T09:30:00Z", "updatedAt": "2026-02-01T00:00:00Z"}""");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("lastName").asText()).isEqualTo("King");
        assertThat(replaced.json().path("birthDate").isNull()).isTrue();

        Http.Response patched = http.patch("/customers/9001", "{\"phone\": null, \"loyaltyPoints\": 6}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("phone").isNull()).isTrue();
        assertThat(patched.json().path("loyaltyPoints").asInt()).isEqualTo(6);
        assertThat(patched.json().path("lastName").asText()).isEqualTo("King");

        assertThat(http.delete("/customers/9001").status()).isEqualTo(204);
        assertThat(http.get("/customers/9001").status()).isEqualTo(404);
    }

    @Test
    void shouldCreateAndReadARowWithACompositeKeyDecimalsAndJson() {
        long productId = firstLong("SELECT id FROM products ORDER BY id");
        Http.Response product = http.get("/products/" + productId);
        assertThat(product.json().path("attributes").isObject() || product.json().path("attributes").isArray()).isTrue();
        assertThat(product.json().path("price").isTextual()).isTrue();

        long orderId = firstLong("SELECT id FROM orders ORDER BY id");
        Http.Response created = http.post("/order-items", "{\"orderId\": " + orderId + ", \"lineNo\": 99, \"productId\": "
                + productId + ", \"quantity\": 2, \"unitPrice\": \"19.99\", \"discountRate\": \"0.125\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/order-items/" + orderId + "/99");

        JsonNode read = http.get("/order-items/" + orderId + "/99").json();
        assertThat(read.path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(read.path("discountRate").asText()).isEqualTo("0.1250");
        assertThat(http.delete("/order-items/" + orderId + "/99").status()).isEqualTo(204);
    }

    @Test
    void shouldFilterWithEachOperator() {
        assertFilter("id=eq:" + firstLong("SELECT id FROM customers ORDER BY id"),
                "SELECT id FROM customers WHERE id = (SELECT min(id) FROM customers)");
        assertFilter("vip=ne:true", "SELECT id FROM customers WHERE vip <> true");
        assertFilter("loyaltyPoints=lt:500", "SELECT id FROM customers WHERE loyalty_points < 500");
        assertFilter("loyaltyPoints=le:500", "SELECT id FROM customers WHERE loyalty_points <= 500");
        assertFilter("loyaltyPoints=gt:500", "SELECT id FROM customers WHERE loyalty_points > 500");
        assertFilter("loyaltyPoints=ge:500&loyaltyPoints=lt:2000",
                "SELECT id FROM customers WHERE loyalty_points >= 500 AND loyalty_points < 2000");
        assertFilter("id=in:" + firstLong("SELECT min(id) FROM customers") + "," + firstLong("SELECT max(id) FROM customers"),
                "SELECT id FROM customers WHERE id IN ((SELECT min(id) FROM customers), (SELECT max(id) FROM customers))");
        assertFilter("email=" + encode("like:%a%"), "SELECT id FROM customers WHERE email LIKE '%a%'");
        assertFilter("lastName=" + encode("ilike:%E%"), "SELECT id FROM customers WHERE LOWER(last_name) LIKE '%e%'");
        assertFilter("phone=isnull:true", "SELECT id FROM customers WHERE phone IS NULL");
        assertFilter("phone=isnull:false", "SELECT id FROM customers WHERE phone IS NOT NULL");
    }

    @Test
    void shouldFilterEnumsAndTimestamps() {
        List<Long> expected = ids("SELECT id FROM orders WHERE status IN ('paid', 'shipped') AND placed_at >= '2020-01-01 00:00:00' ORDER BY id");
        List<Long> actual = listIds("/orders?status=in:paid,shipped&placedAt=ge:2020-01-01T00:00:00Z&limit=1000");
        assertThat(actual).isEqualTo(expected);
        assertThat(listIds("/orders?status=" + encode("like:pa%") + "&limit=1000"))
                .isEqualTo(ids("SELECT id FROM orders WHERE status = 'paid' ORDER BY id"));
    }

    @Test
    void shouldPageByOffsetAndByCursorThroughTheSameRowsInSortOrder() {
        List<Long> expected = ids("SELECT id FROM customers ORDER BY last_name DESC, id");
        assertThat(expected).hasSizeGreaterThan(7);

        List<Long> byOffset = new ArrayList<>();
        for (int offset = 0; ; offset += 3) {
            JsonNode page = http.get("/customers?sort=-lastName&limit=3&offset=" + offset).json();
            page.path("items").forEach(item -> byOffset.add(item.path("id").asLong()));
            assertThat(page.path("total").asLong()).isEqualTo(expected.size());
            if (!page.path("links").has("next")) {
                break;
            }
            assertThat(page.path("links").path("next").asText()).contains("offset=" + (offset + 3));
        }
        List<Long> byCursor = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/customers?sort=-lastName&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> byCursor.add(item.path("id").asLong()));
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(byOffset).isEqualTo(expected);
        assertThat(byCursor).isEqualTo(expected);
    }

    @Test
    void shouldSortByMultipleColumnsAndReturnOnlyTheSelectedFields() {
        JsonNode page = http.get("/customers?sort=-vip,firstName&fields=id,firstName&limit=1000").json();

        assertThat(listIds(page)).isEqualTo(ids("SELECT id FROM customers ORDER BY vip DESC, first_name, id"));
        List<String> names = new ArrayList<>();
        page.path("items").get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "firstName");
    }

    @Test
    void shouldListASubResourceByForeignKey() {
        long customerId = firstLong("SELECT customer_id FROM orders ORDER BY id");
        assertThat(listIds("/customers/" + customerId + "/orders?limit=1000"))
                .isEqualTo(ids("SELECT id FROM orders WHERE customer_id = " + customerId + " ORDER BY id"));
    }

    @Test
    void shouldRejectBodiesThatBreakTheSchemaWithAProblemDocument() {
        long customerId = firstLong("SELECT id FROM customers ORDER BY id");
        String address = "{\"id\": 9100, \"customerId\": " + customerId + ", \"kind\": %s, \"line1\": %s, \"city\": \"Oslo\","
                + " \"postalCode\": \"0150\", \"country\": \"NO\", \"isDefault\": %s}";

        assertProblem(http.post("/customer-addresses", "{\"id\": 9100, \"customerId\": " + customerId + "}"), 400, "line1", "is required");
        assertProblem(http.post("/customer-addresses", address.formatted("\"billing\"", "\"" + "x".repeat(201) + "\"", "true")),
                400, "line1", "at most 200");
        assertProblem(http.post("/customer-addresses", address.formatted("\"moon\"", "\"Main St 1\"", "true")),
                400, "kind", "must be one of [billing, shipping]");
        assertProblem(http.post("/customer-addresses", address.formatted("\"billing\"", "\"Main St 1\"", "\"yes\"")),
                400, "isDefault", "must be true or false");
        assertProblem(http.post("/customers", "[1, 2]"), 400, "body", "JSON object");
        assertProblem(http.get("/customers?colour=red"), 400, "colour", "not a column");
        assertProblem(http.get("/customers/not-a-number"), 400, "id", "whole number");
        assertProblem(http.get("/customers?vip=lt:true"), 400, "vip", "does not support the lt operator");
    }

    @Test
    void shouldAnswer404ForAnUnknownKey() {
        assertProblem(http.get("/customers/987654321"), 404, null, null);
        assertProblem(http.patch("/customers/987654321", "{\"vip\": true}"), 404, null, null);
        assertProblem(http.delete("/order-items/987654321/1"), 404, null, null);
        assertProblem(http.get("/no-such-table"), 404, null, null);
    }

    @Test
    void shouldAnswer409WhenAForeignKeyIsViolated() {
        Http.Response missingParent = http.post("/carts", "{\"id\": 9200, \"customerId\": 987654321,"
                + " \"createdAt\": \"2026-01-31T09:30:00Z\", \"updatedAt\": \"2026-01-31T09:30:00Z\"}");
        assertProblem(missingParent, 409, null, null);
        assertThat(missingParent.json().path("type").asText()).isEqualTo("urn:problem:foreign-key-violation");

        long referenced = firstLong("SELECT customer_id FROM orders ORDER BY id");
        assertProblem(http.delete("/customers/" + referenced), 409, null, null);
    }

    @Test
    void shouldGenerateByteIdenticalFilesTwice() throws SQLException {
        try (Connection connection = db.connect()) {
            List<String> reversed = new ArrayList<>(SampleMonolith.tableNames());
            java.util.Collections.reverse(reversed);
            GeneratedApi again = ApiGenerator.generate(connection, db.jdbcUrl(), db.user(), Boundary.of("shop", reversed),
                    GeneratorOptions.defaults("shop"));
            assertThat(again.files()).isEqualTo(api.files());
            assertThat(again.spec().sha256()).isEqualTo(api.spec().sha256());
        }
    }

    private static void assertProblem(Http.Response response, int status, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("title").asText()).isNotEmpty();
        if (field != null) {
            assertThat(response.json().path("errors")).anySatisfy(error -> {
                assertThat(error.path("field").asText()).isEqualTo(field);
                assertThat(error.path("message").asText()).contains(message);
            });
        }
    }

    private static void assertFilter(String query, String sql) {
        assertThat(listIds("/customers?limit=1000&" + query)).as(query).isEqualTo(ids(sql + " ORDER BY id"));
    }

    private static List<Long> listIds(String path) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return listIds(response.json());
    }

    private static List<Long> listIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    private static List<Long> ids(String sql) {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static long firstLong(String sql) {
        return ids(sql).get(0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
