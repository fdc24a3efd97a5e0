package io.strangler.generator.service;

import io.strangler.generator.model.ApiModel;
import io.strangler.generator.model.Resource;
import io.strangler.generator.openapi.SpecDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the service project of an {@link ApiModel} as text files (relative path → content), sorted by path.
 * Layout of the generated project:
 * <pre>
 * pom.xml, README.md
 * src/main/java/&lt;package&gt;/Application.java      main: config, pool, routes
 *                           api/*Controller.java     routes of one table
 *                           db/*Table.java           columns, SQL identifiers, record mapping
 *                           model/*.java             one record per table
 *                           runtime/*.java           validation, query parsing, SQL, problems (same for every service)
 * src/main/resources/openapi.yaml, openapi.json, application.properties, logback.xml
 * src/test/java/&lt;package&gt;/runtime/QueryParserTest.java
 * </pre>
 */
public final class ProjectGenerator {

    /** The runtime classes copied into every project, with the package substituted. */
    static final List<String> RUNTIME = List.of("BodyValidator", "Column", "Database", "Dialect", "FieldError", "Filter",
            "InvalidValueException", "Json", "Operator", "Page", "ProblemException", "Query", "QueryParser", "Repository",
            "ResourceEndpoints", "Server", "ServiceConfig", "SortKey", "TableDefinition", "ValueType");

    private ProjectGenerator() {
    }

    /**
     * @param jdbcUrl written to application.properties without credentials, as the default the service connects to
     */
    public static SortedMap<String, String> files(ApiModel model, SpecDocuments spec, String jdbcUrl, String user) {
        SortedMap<String, String> files = new TreeMap<>();
        String javaRoot = "src/main/java/" + model.basePackage().replace('.', '/') + "/";
        for (String name : RUNTIME) {
            files.put(javaRoot + "runtime/" + name + ".java", template("runtime/" + name + ".java.tmpl", model.basePackage()));
        }
        for (Resource resource : model.resources()) {
            files.put(javaRoot + "model/" + resource.name() + ".java", ResourceSources.record(model, resource));
            files.put(javaRoot + "db/" + resource.name() + "Table.java", ResourceSources.table(model, resource));
            files.put(javaRoot + "api/" + resource.name() + "Controller.java", ResourceSources.controller(model, resource));
        }
        files.put(javaRoot + "Application.java", ProjectFiles.application(model));
        files.put("src/test/java/" + model.basePackage().replace('.', '/') + "/runtime/QueryParserTest.java",
                template("test/QueryParserTest.java.tmpl", model.basePackage()));
        files.put("src/main/resources/openapi.yaml", spec.yaml());
        files.put("src/main/resources/openapi.json", spec.json());
        files.put("src/main/resources/application.properties", ProjectFiles.properties(jdbcUrl, user));
        files.put("src/main/resources/logback.xml", template("logback.xml.tmpl", model.basePackage()));
        files.put("pom.xml", ProjectFiles.pom(model));
        files.put("README.md", ProjectFiles.readme(model, spec));
        files.put(".gitignore", "target/\n");
        return files;
    }

    static String template(String name, String basePackage) {
        try (InputStream in = ProjectGenerator.class.getResourceAsStream("/io/strangler/generator/" + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is missing from the generator's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__PACKAGE__", basePackage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
