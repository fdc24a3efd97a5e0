package io.strangler.generator.perf;

import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.generator.ApiGenerator;
import io.strangler.generator.GeneratedApi;
import io.strangler.generator.GeneratorOptions;
import io.strangler.generator.boundary.Boundary;
import io.strangler.generator.openapi.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * perf/06-generator: for each size, a schema of that many tables (ten columns of mixed types, an enum, a foreign
 * key to the previous table) is created in an embedded PostgreSQL, and {@code strangler generate}'s work is timed:
 * reading the catalogue, building the model and spec, swagger-parser validation of YAML and JSON, generating the
 * project, writing it. The first run in the JVM (cold: what a CLI user waits for) and the median of five warm runs.
 * Baseline: swagger-parser alone reading the finished spec once (the floor that validation costs).
 * Prints one JSON object on stdout.
 */
public final class GeneratorBenchmark {

    private static final int WARM_RUNS = 5;

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(50, 500);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "06-generator");
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        Path out = Files.createTempDirectory("strangler-generator-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            boolean first = true;
            for (int size : sizes) {
                DatabaseInfo db = postgres.createDatabase("bench_generator_" + size);
                try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    createSchema(connection, size);
                    List<String> tables = new ArrayList<>();
                    for (int t = 0; t < size; t++) {
                        tables.add(String.format("t%04d", t));
                    }
                    Boundary boundary = Boundary.of("bench", tables);
                    Map<String, Object> figures = new LinkedHashMap<>();
                    if (first) {
                        figures.put("coldMs", run(connection, db.jdbcUrl(), db.user(), boundary, out.resolve("cold-" + size)));
                        first = false;
                    }
                    List<Long> warm = new ArrayList<>();
                    for (int i = 0; i < WARM_RUNS; i++) {
                        warm.add(run(connection, db.jdbcUrl(), db.user(), boundary, out.resolve("warm-" + size + "-" + i)));
                    }
                    warm.sort(Long::compare);
                    GeneratedApi api = ApiGenerator.generate(connection, db.jdbcUrl(), db.user(), boundary,
                            GeneratorOptions.defaults("bench"));
                    long parseStart = System.nanoTime();
                    List<String> messages = SpecValidator.messages(api.spec().json());
                    figures.put("warmMedianMs", warm.get(WARM_RUNS / 2));
                    figures.put("warmMinMs", warm.get(0));
                    figures.put("baselineSwaggerParserReadJsonMs", (System.nanoTime() - parseStart) / 1_000_000);
                    long yamlStart = System.nanoTime();
                    List<String> yamlMessages = SpecValidator.messages(api.spec().yaml());
                    figures.put("swaggerParserReadYamlMs", (System.nanoTime() - yamlStart) / 1_000_000);
                    figures.put("specYamlMessages", yamlMessages.size());
                    figures.put("operations", api.endpoints().size());
                    figures.put("files", api.files().size());
                    figures.put("specYamlBytes", api.spec().yaml().length());
                    figures.put("specMessages", messages.size());
                    result.put("tables" + size, figures);
                }
            }
        }
        System.out.println(toJson(result));
    }

    /** Wall time of one full generation: catalogue read, model, spec, validation, project files, writing them. */
    private static long run(Connection connection, String url, String user, Boundary boundary, Path out) throws Exception {
        long start = System.nanoTime();
        GeneratedApi api = ApiGenerator.generate(connection, url, user, boundary, GeneratorOptions.defaults("bench"));
        ApiGenerator.write(api, out);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void createSchema(Connection connection, int size) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE status AS ENUM ('pending', 'paid', 'shipped')");
            for (int t = 0; t < size; t++) {
                String name = String.format("t%04d", t);
                statement.execute("CREATE TABLE " + name + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " name varchar(100) NOT NULL, code char(4) NOT NULL UNIQUE, amount numeric(12,2) NOT NULL,"
                        + " quantity integer NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true,"
                        + " created_at timestamptz NOT NULL DEFAULT now(), due_on date, notes text, status status NOT NULL"
                        + (t == 0 ? "" : ", parent_id bigint REFERENCES " + String.format("t%04d", t - 1) + " (id)") + ")");
            }
        }
    }

    private static String toJson(Map<String, Object> map) {
        StringBuilder json = new StringBuilder("{");
        map.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(key).append("\": ");
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                json.append(toJson(typed));
            } else if (value instanceof String text) {
                json.append('"').append(text).append('"');
            } else {
                json.append(String.format(Locale.ROOT, "%s", value));
            }
        });
        return json.append('}').toString();
    }
}
