package io.strangler.generator;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.catalog.Table;
import io.strangler.core.row.Engine;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.boundary.BoundaryResolver;
import io.strangler.generator.model.ApiModel;
import io.strangler.generator.model.ModelBuilder;
import io.strangler.generator.openapi.SpecBuilder;
import io.strangler.generator.openapi.SpecDocuments;
import io.strangler.generator.openapi.SpecValidator;
import io.strangler.generator.service.ProjectGenerator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API generator: from a database and a service boundary, an OpenAPI 3.0.3 spec (validated by swagger-parser)
 * and a runnable Java service project.
 * <pre>{@code
 * try (Connection connection = DriverManager.getConnection(url, user, password)) {
 *     GeneratedApi api = ApiGenerator.generate(connection, url, user, boundary, GeneratorOptions.defaults("orders"));
 *     ApiGenerator.write(api, Path.of("out/orders"));
 * }
 * }</pre>
 * Generation is deterministic: the same schema and boundary give byte-identical files.
 */
public final class ApiGenerator {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApiGenerator.class);

    private ApiGenerator() {
    }

    /** Reads the catalogue of the boundary's schemas, then {@link #generate(Catalog, List, ...)}. */
    public static GeneratedApi generate(Connection connection, String jdbcUrl, String user, Boundary boundary,
                                        GeneratorOptions options) throws SQLException {
        Engine engine = CatalogReader.detectEngine(connection);
        String defaultSchema = engine == Engine.MARIADB ? connection.getCatalog() : connection.getSchema();
        long start = System.nanoTime();
        Catalog catalog = CatalogReader.read(connection, BoundaryResolver.schemas(boundary, defaultSchema));
        LOGGER.info("Read the catalogue of {} tables in {} ms", catalog.tables().size(), (System.nanoTime() - start) / 1_000_000);
        List<Table> tables = BoundaryResolver.resolve(boundary, catalog, defaultSchema);
        return generate(boundary.service(), catalog, tables, jdbcUrl, user, options);
    }

    /** Pure: no I/O. {@code tables} come from {@code catalog}. */
    public static GeneratedApi generate(String service, Catalog catalog, List<Table> tables, String jdbcUrl, String user,
                                        GeneratorOptions options) {
        long start = System.nanoTime();
        ApiModel model = ModelBuilder.build(service, options.basePackage(), catalog, tables);
        OpenAPI api = SpecBuilder.build(model);
        String json = SpecDocuments.json(api);
        // Validation (the longest step) runs on a second core while the YAML and the project are written.
        CompletableFuture<List<String>> validation = CompletableFuture.supplyAsync(() -> SpecValidator.messages(json));
        SpecDocuments spec = SpecDocuments.of(api, json);
        long specDone = System.nanoTime();
        GeneratedApi generated = new GeneratedApi(model, spec, ProjectGenerator.files(model, spec, jdbcUrl, user), endpoints(api));
        long projectDone = System.nanoTime();
        SpecValidator.requireNoMessages(validation.join());
        long done = System.nanoTime();
        model.warnings().forEach(warning -> LOGGER.warn("{}", warning));
        LOGGER.info("Generated the {} API: {} tables, {} operations, {} files in {} ms (model and spec {} ms,"
                        + " project {} ms, then waited {} ms for validation)", service, tables.size(),
                generated.endpoints().size(), generated.files().size(), (done - start) / 1_000_000,
                (specDone - start) / 1_000_000, (projectDone - specDone) / 1_000_000, (done - projectDone) / 1_000_000);
        return generated;
    }

    /**
     * Writes the project under {@code directory}: the files of {@code api}, replacing those already there, and
     * the spec also as {@code openapi.yaml} / {@code openapi.json} at the top for tools that look there.
     */
    public static List<Path> write(GeneratedApi api, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : api.files().entrySet()) {
            written.add(writeFile(directory.resolve(file.getKey()), file.getValue()));
        }
        written.add(writeFile(directory.resolve("openapi.yaml"), api.spec().yaml()));
        written.add(writeFile(directory.resolve("openapi.json"), api.spec().json()));
        return written;
    }

    private static Path writeFile(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private static List<String> endpoints(OpenAPI api) {
        List<String> endpoints = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(
                (PathItem.HttpMethod method) -> endpoints.add(method.name() + " " + path)));
        return endpoints;
    }
}
