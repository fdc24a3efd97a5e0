package io.strangler.core.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.CompatibilityResult;
import io.strangler.core.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (Avro only) over a {@link RegistryService}. Error answers are
 * {@code {"error_code": ..., "message": ...}} with the Confluent codes, so standard clients understand them.
 */
public final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryService service;

    public RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    /** A request reduced to what routing needs. */
    private record Request(String method, List<String> path, Map<String, String> query, String body) {
        String segment(int i) {
            return path.get(i);
        }

        boolean is(String expectedMethod, String... pattern) {
            if (!method.equals(expectedMethod) || path.size() != pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An answer: HTTP status and JSON body. */
    private record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            Request request = read(exchange);
            answer = route(request);
        } catch (SchemaRegistryException e) {
            answer = error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (JsonProcessingException e) {
            answer = error(400, 400, "Malformed JSON request body: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            LOGGER.error("Schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            answer = error(500, SchemaRegistryException.BACKEND_STORE_ERROR, "Error in the backend data store: " + e);
        }
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Answer route(Request r) throws JsonProcessingException {
        if (r.is("GET")) {
            return Answer.ok(JSON.createObjectNode());
        }
        if (r.is("GET", "schemas", "types")) {
            return Answer.ok(JSON.createArrayNode().add("AVRO"));
        }
        if (r.is("GET", "subjects")) {
            return Answer.ok(JSON.valueToTree(service.subjects()));
        }
        if (r.is("POST", "subjects", "*")) {
            return Answer.ok(version(service.lookup(r.segment(1), schemaOf(r))));
        }
        if (r.is("DELETE", "subjects", "*")) {
            if (Boolean.parseBoolean(r.query().get("permanent"))) {
                throw new SchemaRegistryException(422, SchemaRegistryException.UNSUPPORTED_OPERATION,
                        "Permanent deletion is not supported by the embedded schema registry; use a soft delete");
            }
            return Answer.ok(JSON.valueToTree(service.deleteSubject(r.segment(1))));
        }
        if (r.is("GET", "subjects", "*", "versions")) {
            return Answer.ok(JSON.valueToTree(service.versions(r.segment(1))));
        }
        if (r.is("POST", "subjects", "*", "versions")) {
            return Answer.ok(JSON.createObjectNode().put("id", service.register(r.segment(1), schemaOf(r))));
        }
        if (r.is("GET", "subjects", "*", "versions", "*")) {
            return Answer.ok(version(service.version(r.segment(1), r.segment(3))));
        }
        if (r.is("GET", "subjects", "*", "versions", "*", "schema")) {
            return Answer.ok(JSON.readTree(service.version(r.segment(1), r.segment(3)).schema()));
        }
        if (r.is("GET", "schemas", "ids", "*")) {
            return Answer.ok(JSON.createObjectNode().put("schema", service.schemaById(id(r.segment(2)))));
        }
        if (r.is("GET", "schemas", "ids", "*", "versions")) {
            ArrayNode versions = JSON.createArrayNode();
            service.versionsOfId(id(r.segment(2))).forEach(v -> versions.addObject()
                    .put("subject", v.subject()).put("version", v.version()));
            return Answer.ok(versions);
        }
        if (r.is("POST", "compatibility", "subjects", "*", "versions")) {
            return compatibility(r, service.testCompatibility(r.segment(2), null, schemaOf(r)));
        }
        if (r.is("POST", "compatibility", "subjects", "*", "versions", "*")) {
            return compatibility(r, service.testCompatibility(r.segment(2), r.segment(4), schemaOf(r)));
        }
        if (r.is("GET", "config")) {
            return Answer.ok(JSON.createObjectNode().put("compatibilityLevel", service.globalLevel().name()));
        }
        if (r.is("PUT", "config")) {
            CompatibilityLevel level = levelOf(r);
            service.setLevel(null, level);
            return Answer.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        if (r.is("GET", "config", "*")) {
            CompatibilityLevel level = service.subjectLevel(r.segment(1),
                    Boolean.parseBoolean(r.query().get("defaultToGlobal")));
            return Answer.ok(JSON.createObjectNode().put("compatibilityLevel", level.name()));
        }
        if (r.is("PUT", "config", "*")) {
            CompatibilityLevel level = levelOf(r);
            service.setLevel(r.segment(1), level);
            return Answer.ok(JSON.createObjectNode().put("compatibility", level.name()));
        }
        if (r.is("DELETE", "config", "*")) {
            CompatibilityLevel previous = service.subjectLevel(r.segment(1), false);
            service.setLevel(r.segment(1), null);
            return Answer.ok(JSON.createObjectNode().put("compatibilityLevel", previous.name()));
        }
        return error(404, 404, "HTTP 404 Not Found: no " + r.method() + " /" + String.join("/", r.path())
                + " in the embedded schema registry");
    }

    private Answer compatibility(Request r, CompatibilityResult result) {
        ObjectNode body = JSON.createObjectNode().put("is_compatible", result.compatible());
        if (Boolean.parseBoolean(r.query().get("verbose"))) {
            body.set("messages", JSON.valueToTree(result.messages()));
        }
        return Answer.ok(body);
    }

    private static ObjectNode version(RegistryService.Version v) {
        return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
                .put("schema", v.schema());
    }

    private static String schemaOf(Request r) throws JsonProcessingException {
        JsonNode body = JSON.readTree(r.body().isBlank() ? "{}" : r.body());
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Unsupported schemaType " + type + ": the embedded schema registry only stores AVRO schemas");
        }
        if (body.path("references").size() > 0) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Schema references are not supported by the embedded schema registry: inline the named types");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA,
                    "Invalid schema: the request body needs a \"schema\" string");
        }
        return schema.asText();
    }

    private static CompatibilityLevel levelOf(Request r) throws JsonProcessingException {
        JsonNode body = JSON.readTree(r.body().isBlank() ? "{}" : r.body());
        return CompatibilityLevel.parse(body.path("compatibility").asText(null));
    }

    private static int id(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "Schema '" + segment + "' not found: ids are integers.");
        }
    }

    private static Answer error(int status, int code, String message) {
        return new Answer(status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    private static Request read(HttpExchange exchange) throws IOException {
        List<String> path = new ArrayList<>();
        for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
            if (!segment.isEmpty()) {
                path.add(decode(segment));
            }
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).filter(p -> !p.isEmpty()).forEach(p -> {
                int eq = p.indexOf('=');
                query.put(decode(eq < 0 ? p : p.substring(0, eq)), eq < 0 ? "" : decode(p.substring(eq + 1)));
            });
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Request(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), path, query, body);
    }

    private static String decode(String raw) {
        // '+' is a literal in a path; URLDecoder would turn it into a space.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
