package io.strangler.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the standard Confluent REST API with {@code java.net.http}. Caches ids to
 * schemas and (subject, schema) to ids/versions, which never change once assigned; {@link #latest} is never cached.
 * Optional basic authentication from a {@code user:password} user-info, which is never logged nor shown by
 * {@link #toString()}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** Confluent-compatible client config keys, so the same properties configure our serdes and Confluent's. */
    public static final String URL_CONFIG = "schema.registry.url";
    public static final String USER_INFO_CONFIG = "basic.auth.user.info";

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOGGER = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUri;
    private final String authorization;
    private final String maskedUser;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, RegisteredSchema>> versionsBySubject = new ConcurrentHashMap<>();

    /**
     * @param baseUrl  registry URL, e.g. {@code http://localhost:8081} or {@code http://apicurio:8080/apis/ccompat/v7};
     *                 a {@code user:password@} in it is used as basic auth
     * @param userInfo {@code user:password} for basic authentication, or null
     * @param timeout  per-request timeout
     */
    public RestSchemaRegistryClient(String baseUrl, String userInfo, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri = parseUrl(baseUrl.trim());
        String effectiveUserInfo = userInfo != null && !userInfo.isBlank() ? userInfo : uri.getRawUserInfo();
        if (uri.getRawUserInfo() != null) {
            uri = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
        String path = uri.toString();
        this.baseUri = URI.create(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (effectiveUserInfo != null && !effectiveUserInfo.isBlank()) {
            int colon = effectiveUserInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "Schema registry user-info must be 'user:password' (the password is not shown here)");
            }
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString(effectiveUserInfo.getBytes(StandardCharsets.UTF_8));
            this.maskedUser = effectiveUserInfo.substring(0, colon) + ":***";
        } else {
            this.authorization = null;
            this.maskedUser = null;
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static RestSchemaRegistryClient create(String baseUrl) {
        return new RestSchemaRegistryClient(baseUrl, null, DEFAULT_TIMEOUT);
    }

    public static RestSchemaRegistryClient create(String baseUrl, String userInfo) {
        return new RestSchemaRegistryClient(baseUrl, userInfo, DEFAULT_TIMEOUT);
    }

    /**
     * From Kafka-style configs: {@value #URL_CONFIG} (required; the first of a comma-separated list is used) and
     * {@value #USER_INFO_CONFIG} (optional).
     */
    public static RestSchemaRegistryClient fromConfig(Map<String, ?> configs) {
        Object url = configs.get(URL_CONFIG);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("Missing required config '" + URL_CONFIG + "'");
        }
        Object userInfo = configs.get(USER_INFO_CONFIG);
        String first = url.toString().split(",")[0].trim();
        return new RestSchemaRegistryClient(first, userInfo == null ? null : userInfo.toString(), DEFAULT_TIMEOUT);
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaRequest(schema));
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw unreadable("POST /subjects/" + subject + "/versions", answer);
        }
        LOGGER.debug("Registered schema {} under subject {} with id {}", schema.getFullName(), subject, id);
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer.path("schema").asText(null), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return toRegistered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    /** Version {@code version} of the subject. */
    public RegisteredSchema version(String subject, int version) {
        return toRegistered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        Map<Schema, RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        RegisteredSchema cached = versions.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaRequest(schema));
        RegisteredSchema found = new RegisteredSchema(subject, answer.path("id").asInt(), answer.path("version").asInt(),
                schema);
        versions.put(schema, found);
        schemasById.putIfAbsent(found.id(), schema);
        return found;
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaRequest(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return CompatibilityResult.ok(); // nothing registered yet: nothing to break
            }
            throw e;
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    /** Subjects currently registered (not deleted). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    /** The global compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(send("GET", "/config", null).path("compatibilityLevel").asText(null));
    }

    /** Sets the compatibility level of a subject, or the global one when {@code subject} is null. */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body);
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient{url=" + baseUri + (maskedUser == null ? "" : ", user=" + maskedUser) + "}";
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(0, SchemaRegistryException.UNREACHABLE,
                    "Schema registry at " + baseUri + " unreachable for " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(0, SchemaRegistryException.UNREACHABLE,
                    "Interrupted while calling schema registry at " + baseUri + " (" + method + " " + path + ")", e);
        }
        JsonNode answer = readJson(response.body());
        if (response.statusCode() / 100 != 2) {
            int code = answer != null && answer.has("error_code") ? answer.get("error_code").asInt()
                    : response.statusCode();
            String message = answer != null && answer.has("message") ? answer.get("message").asText()
                    : abbreviate(response.body());
            throw new SchemaRegistryException(response.statusCode(), code, "Schema registry at " + baseUri + " answered "
                    + method + " " + path + " with HTTP " + response.statusCode() + ", error " + code + ": " + message);
        }
        if (answer == null) {
            throw new SchemaRegistryException(response.statusCode(), SchemaRegistryException.UNREACHABLE,
                    "Schema registry at " + baseUri + " answered " + method + " " + path + " with non-JSON: "
                            + abbreviate(response.body()));
        }
        return answer;
    }

    private RegisteredSchema toRegistered(String subject, JsonNode answer) {
        int id = answer.path("id").asInt(-1);
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(answer.path("schema").asText(null), "schema id " + i));
        return new RegisteredSchema(subject, id, answer.path("version").asInt(), schema);
    }

    private SchemaRegistryException unreadable(String what, JsonNode answer) {
        return new SchemaRegistryException(200, SchemaRegistryException.UNREACHABLE,
                "Schema registry at " + baseUri + " gave an unexpected answer to " + what + ": " + abbreviate(answer.toString()));
    }

    private static ObjectNode schemaRequest(Schema schema) {
        // schemaType is omitted: AVRO is the default and old registries reject the field.
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private Schema parse(String text, String what) {
        if (text == null) {
            throw new SchemaRegistryException(200, SchemaRegistryException.UNREACHABLE,
                    "Schema registry at " + baseUri + " returned no schema text for " + what);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
                    "Schema registry at " + baseUri + " returned an unparseable Avro schema for " + what + ": "
                            + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String encode(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("Subject must not be empty");
        }
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static URI parseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // The cause is dropped on purpose: its message repeats the URL, password included.
            throw new IllegalArgumentException("Invalid schema registry URL '" + stripUserInfo(url) + "'");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("Schema registry URL must be like http://host:port, got '"
                    + stripUserInfo(url) + "'");
        }
        return uri;
    }

    private static String stripUserInfo(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }
}
