package io.strangler.api;

import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.boundary.BoundaryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The API generator ({@code strangler generate}): for one service's tables, an OpenAPI 3.0.3 spec and a runnable
 * service project, written by the same {@link io.strangler.generator.ApiGenerator} the CLI uses.
 *
 * <pre>{@code
 * GeneratedApi api = ApiGenerator.builder()
 *         .database(service)
 *         .boundaryFile(Path.of("analysis/boundaries/orders.boundary.json"))   // or .tables("orders", List.of(...))
 *         .outputDir(Path.of("services/orders"))
 *         .run();
 * }</pre>
 */
public final class ApiGenerator {

    /**
     * What the builder validated.
     *
     * @param basePackage null: derived from the service's name
     */
    public record Settings(Database database, Boundary boundary, String basePackage, Path outputDir) {

        public Settings {
            InvalidSettingException.require("generator.database", database, "call database(Database)");
            InvalidSettingException.require("generator.boundary", boundary, "call tables(...) or boundaryFile(...)");
            InvalidSettingException.require("generator.outputDir", outputDir, "the project directory to write");
        }
    }

    private final Settings settings;

    private ApiGenerator(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Reads the tables' catalogue, generates the spec and project and writes them (byte-identical on regeneration).
     *
     * @throws SQLException when the catalogue cannot be read
     */
    public GeneratedApi generate() throws SQLException, IOException {
        Database database = settings.database();
        GeneratorOptions options = settings.basePackage() != null ? new GeneratorOptions(settings.basePackage())
                : GeneratorOptions.defaults(settings.boundary().service());
        GeneratedApi api;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            api = io.strangler.generator.ApiGenerator.generate(connection, database.jdbcUrl(), database.user(),
                    settings.boundary(), options);
        }
        io.strangler.generator.ApiGenerator.write(api, settings.outputDir());
        return api;
    }

    /** Collects the generator's settings. */
    public static final class Builder {

        private Database database;
        private Boundary boundary;
        private String basePackage;
        private Path outputDir;

        private Builder() {
        }

        /** The database holding the service's tables. */
        public Builder database(Database value) {
            this.database = value;
            return this;
        }

        /** The service and its tables ({@code schema.table} or {@code table}). */
        public Builder tables(String service, List<String> tables) {
            try {
                this.boundary = Boundary.of(service, tables);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("generator.tables", e.getMessage(), e);
            }
            return this;
        }

        /** A {@code <service>.boundary.json} the analyzer wrote. */
        public Builder boundaryFile(Path file) {
            InvalidSettingException.require("generator.boundaryFile", file, "a boundary JSON file");
            try {
                this.boundary = BoundaryFiles.read(file, null);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidSettingException("generator.boundaryFile", "cannot read " + file + ": "
                        + e.getMessage(), e);
            }
            return this;
        }

        /** Java package of the generated project; default derived from the service name. */
        public Builder basePackage(String value) {
            this.basePackage = value;
            return this;
        }

        public Builder outputDir(Path value) {
            this.outputDir = value;
            return this;
        }

        public ApiGenerator build() {
            return new ApiGenerator(new Settings(database, boundary, basePackage, outputDir));
        }

        /** {@link #build()}, then {@link ApiGenerator#generate()}. */
        public GeneratedApi run() throws SQLException, IOException {
            return build().generate();
        }
    }
}
