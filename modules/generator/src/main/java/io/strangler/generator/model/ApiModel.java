package io.strangler.generator.model;

import io.strangler.core.row.Engine;
import java.util.List;

/**
 * Everything the spec and the service project are written from: one derivation of names and types, shared by
 * both, so that the service enforces exactly what the spec declares.
 *
 * @param service     the boundary's name, as given
 * @param basePackage the generated project's Java package
 * @param resources   sorted by table (schema, name)
 * @param warnings    what the user should know (read-only tables, foreign keys leaving the boundary, ...)
 */
public record ApiModel(String service, String basePackage, String artifactId, Engine engine, List<Resource> resources,
        List<String> warnings) {

    public ApiModel {
        resources = List.copyOf(resources);
        warnings = List.copyOf(warnings);
    }

    public Resource resource(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst().orElseThrow();
    }
}
