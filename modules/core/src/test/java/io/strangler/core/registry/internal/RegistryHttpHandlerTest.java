package io.strangler.core.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.schemas.RowChange;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RegistryHttpHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryHttpHandler handler = new RegistryHttpHandler(new RegistryService(new InMemorySchemaStore()));

    @Test
    void shouldRegisterAndServeSchemaByIdAndByVersion() throws IOException {
        // Given a schema registered over the API
        JsonNode registered = call(200, "POST", "/subjects/orders-value/versions", request(RegistryServiceTest.V1));
        int id = registered.get("id").asInt();

        // When it is read back by id, by version, as raw schema, by lookup
        JsonNode byId = call(200, "GET", "/schemas/ids/" + id, null);
        JsonNode latest = call(200, "GET", "/subjects/orders-value/versions/latest", null);
        JsonNode raw = call(200, "GET", "/subjects/orders-value/versions/1/schema", null);
        JsonNode lookup = call(200, "POST", "/subjects/orders-value", request(RegistryServiceTest.V1));

        // Then every answer carries the same schema, id and version
        assertThat(JSON.readTree(byId.get("schema").asText())).isEqualTo(JSON.readTree(RegistryServiceTest.V1));
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("subject").asText()).isEqualTo("orders-value");
        assertThat(raw.get("name").asText()).isEqualTo("Customer");
        assertThat(lookup.get("id").asInt()).isEqualTo(id);
        assertThat(lookup.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldListSubjectsVersionsAndSubjectsOfAnId() throws IOException {
        call(200, "POST", "/subjects/a-value/versions", request(RegistryServiceTest.V1));
        int id = call(200, "POST", "/subjects/b-value/versions", request(RegistryServiceTest.V1)).get("id").asInt();
        call(200, "POST", "/subjects/b-value/versions", request(RegistryServiceTest.V2_WITH_DEFAULT));

        assertThat(call(200, "GET", "/subjects", null).toString()).isEqualTo("[\"a-value\",\"b-value\"]");
        assertThat(call(200, "GET", "/subjects/b-value/versions", null).toString()).isEqualTo("[1,2]");
        assertThat(call(200, "GET", "/schemas/ids/" + id + "/versions", null).toString())
                .isEqualTo("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":1}]");
    }

    @Test
    void shouldDecodeSubjectsWithEscapedCharacters() throws IOException {
        call(200, "POST", "/subjects/strangler.cdc.m%3Ax-value/versions", request(RegistryServiceTest.V1));

        assertThat(call(200, "GET", "/subjects", null).toString()).isEqualTo("[\"strangler.cdc.m:x-value\"]");
    }

    @Test
    void shouldAnswerIncompatibleRegistrationWith409AndErrorJson() throws IOException {
        call(200, "POST", "/subjects/s/versions", request(RegistryServiceTest.V1));

        JsonNode error = call(409, "POST", "/subjects/s/versions", request(RegistryServiceTest.V2_WITHOUT_DEFAULT));

        assertThat(error.get("error_code").asInt()).isEqualTo(409);
        assertThat(error.get("message").asText()).contains("incompatible", "READER_FIELD_MISSING_DEFAULT");
    }

    @Test
    void shouldTestCompatibilityVerboselyAgainstLatestAndAllVersions() throws IOException {
        call(200, "POST", "/subjects/s/versions", request(RegistryServiceTest.V1));

        JsonNode bad = call(200, "POST", "/compatibility/subjects/s/versions/latest?verbose=true",
                request(RegistryServiceTest.V2_WITHOUT_DEFAULT));
        JsonNode good = call(200, "POST", "/compatibility/subjects/s/versions",
                request(RegistryServiceTest.V2_WITH_DEFAULT));

        assertThat(bad.get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT");
        assertThat(good.get("is_compatible").asBoolean()).isTrue();
        assertThat(good.has("messages")).isFalse();
    }

    @Test
    void shouldGetAndSetGlobalAndSubjectCompatibilityLevels() throws IOException {
        assertThat(call(200, "GET", "/config", null).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(call(200, "PUT", "/config", "{\"compatibility\":\"FULL\"}").get("compatibility").asText())
                .isEqualTo("FULL");
        assertThat(call(200, "GET", "/config", null).get("compatibilityLevel").asText()).isEqualTo("FULL");

        assertThat(call(404, "GET", "/config/s", null).get("error_code").asInt()).isEqualTo(40408);
        assertThat(call(200, "GET", "/config/s?defaultToGlobal=true", null).get("compatibilityLevel").asText())
                .isEqualTo("FULL");
        call(200, "PUT", "/config/s", "{\"compatibility\":\"none\"}");
        assertThat(call(200, "GET", "/config/s", null).get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call(422, "PUT", "/config/s", "{\"compatibility\":\"SIDEWAYS\"}").get("error_code").asInt())
                .isEqualTo(42203);
    }

    @Test
    void shouldSoftDeleteSubjectReturningVersions() throws IOException {
        int id = call(200, "POST", "/subjects/s/versions", request(RegistryServiceTest.V1)).get("id").asInt();

        assertThat(call(200, "DELETE", "/subjects/s", null).toString()).isEqualTo("[1]");
        assertThat(call(404, "GET", "/subjects/s/versions", null).get("error_code").asInt()).isEqualTo(40401);
        assertThat(call(200, "GET", "/schemas/ids/" + id, null).has("schema")).isTrue();
    }

    @Test
    void shouldAnswerNotFoundCodes() throws IOException {
        call(200, "POST", "/subjects/s/versions", request(RegistryServiceTest.V1));

        assertThat(call(404, "GET", "/subjects/nope/versions/latest", null).get("error_code").asInt()).isEqualTo(40401);
        assertThat(call(404, "GET", "/subjects/s/versions/5", null).get("error_code").asInt()).isEqualTo(40402);
        assertThat(call(404, "GET", "/schemas/ids/77", null).get("error_code").asInt()).isEqualTo(40403);
        assertThat(call(404, "POST", "/subjects/s", request(RegistryServiceTest.V2_WITH_DEFAULT))
                .get("error_code").asInt()).isEqualTo(40403);
        assertThat(call(404, "GET", "/nothing/here", null).get("message").asText()).contains("/nothing/here");
    }

    @Test
    void shouldRejectNonAvroSchemasReferencesAndInvalidSchemasWith42201() throws IOException {
        JsonNode protobuf = call(422, "POST", "/subjects/s/versions",
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        JsonNode references = call(422, "POST", "/subjects/s/versions",
                "{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
        JsonNode invalid = call(422, "POST", "/subjects/s/versions", request("{\"type\":\"record\",\"name\":\"R\"}"));

        assertThat(protobuf.get("error_code").asInt()).isEqualTo(42201);
        assertThat(protobuf.get("message").asText()).contains("PROTOBUF", "AVRO");
        assertThat(references.get("error_code").asInt()).isEqualTo(42201);
        assertThat(invalid.get("error_code").asInt()).isEqualTo(42201);
        assertThat(invalid.get("message").asText()).contains("Invalid Avro schema");
    }

    @Test
    void shouldAnswerMalformedJsonWith400() throws IOException {
        assertThat(call(400, "POST", "/subjects/s/versions", "{not json").get("message").asText())
                .contains("Malformed JSON");
    }

    @Test
    void shouldAcceptTheGeneratedRowChangeSchema() throws IOException {
        JsonNode registered = call(200, "POST", "/subjects/cdc-value/versions",
                request(RowChange.getClassSchema().toString()));

        assertThat(registered.get("id").asInt()).isEqualTo(1);
    }

    private JsonNode call(int expectedStatus, String method, String path, String body) throws IOException {
        FakeExchange exchange = new FakeExchange(method, path, body);
        handler.handle(exchange);
        assertThat(exchange.status()).as("%s %s -> %s", method, path, exchange.responseBody()).isEqualTo(expectedStatus);
        assertThat(exchange.getResponseHeaders().getFirst("Content-Type"))
                .isEqualTo("application/vnd.schemaregistry.v1+json");
        return JSON.readTree(exchange.responseBody());
    }

    private static String request(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }
}
