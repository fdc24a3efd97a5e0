package io.strangler.generator.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The spec as text: YAML and JSON from swagger-core's own serializers, with a trailing newline, and the SHA-256
 * of the YAML (the spec hash of the {@code ApiGenerated} event).
 */
public record SpecDocuments(String yaml, String json, String sha256) {

    public static SpecDocuments of(OpenAPI api) {
        return of(api, json(api));
    }

    /** With the JSON form already written (the generator validates it while the YAML is being written). */
    public static SpecDocuments of(OpenAPI api, String json) {
        try {
            String yaml = Yaml.pretty().writeValueAsString(api);
            return new SpecDocuments(yaml, json, sha256(yaml));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the OpenAPI document as YAML: " + e.getMessage(), e);
        }
    }

    public static String json(OpenAPI api) {
        try {
            return Json.pretty().writeValueAsString(api) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the OpenAPI document as JSON: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
