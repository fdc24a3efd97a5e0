package io.strangler.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.TestKafka;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strangler sync --config topologies/sync/examples/sync-postgresql.properties} as a user runs it: its own OS
 * process, started from a working directory holding the {@code .strangler/env.properties} that {@code strangler env up}
 * writes, against a populated sample monolith and an empty service (the same tables, no rows, no topics yet). The
 * example file itself is used unchanged, so it cannot go stale.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class SyncCommandIT {

    private static final Path EXAMPLE = Path.of("../../topologies/sync/examples/sync-postgresql.properties")
            .toAbsolutePath().normalize();
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    private static final int ROWS = 40;

    @TempDir
    Path workDir;

    private Process sync;
    private EmbeddedSchemaRegistry registry;

    @AfterEach
    void stop() {
        if (sync != null && sync.isAlive()) {
            sync.destroyForcibly();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldKeepBothDatabasesWritableAndIdenticalAndStopCleanlyOnSigterm(TestKafka kafka, EmbeddedPostgres server)
            throws Exception {
        // Given: a populated monolith, an empty service with the same tables, env up's connection file
        long suffix = ProcessHandle.current().pid();
        DatabaseInfo monolith = server.createDatabase("sync_cli_mono_" + suffix);
        DatabaseInfo service = server.createDatabase("sync_cli_svc_" + suffix);
        try (Connection superuser = DriverManager.getConnection(server.superuserJdbcUrl());
             Statement statement = superuser.createStatement()) {
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + monolith.user() + "\"");
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + service.user() + "\"");
        }
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            SampleMonolith.createSchema(m);
            SampleMonolith.createSchema(s);
            new SampleDataGenerator(7, ROWS).generate(m);
        }
        registry = EmbeddedSchemaRegistry.startInMemory();
        writeEnvFile(kafka, monolith, service);

        // When: strangler sync runs on the example file
        Path log = workDir.resolve("sync.log");
        sync = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.strangler.cli.StranglerCommand", "sync", "--config", EXAMPLE.toString(), "--status-interval", "1s",
                "--http-port", "0"))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        // Then: the monolith is copied to the empty service
        Validator validator = Validator.create(source("monolith", monolith), source("service", service),
                Mappings.load(EXAMPLE.resolveSibling("sample-shop-mappings.yaml")));
        awaitIdentical(validator, log);

        // When: both sides are written at once, on the same rows
        SampleSizes sizes = SampleSizes.of(ROWS);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            Future<SampleWorkload.Result> onMonolith = writers.submit(() -> new SampleWorkload(
                    SampleWorkload.Config.of(11, ROWS, sizes.maxGeneratedId()).withOperationsPerSecond(40))
                    .run(m, 200, Duration.ofSeconds(30)));
            Future<SampleWorkload.Result> onService = writers.submit(() -> new SampleWorkload(
                    SampleWorkload.Config.of(12, ROWS, 1_000_000_000L).withOperationsPerSecond(40))
                    .run(s, 200, Duration.ofSeconds(30)));
            assertThat(onMonolith.get().committedOperations()).isPositive();
            assertThat(onService.get().committedOperations()).isPositive();
        } finally {
            writers.shutdownNow();
        }

        // Then: both databases end identical, row by row, and the status line shows changes applied both ways
        awaitIdentical(validator, log);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readString(log))
                .containsPattern("monolith->service \\d+/s lag .* \\([1-9]\\d* applied\\)")
                .containsPattern("service->monolith \\d+/s lag .* \\([1-9]\\d* applied\\)")
                .contains("| consistency 100.00%"));

        // And: strangler status, run on the same file, shows every group of the migration caught up
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode report = status(workDir);
            Map<String, Long> lagByGroup = new TreeMap<>();
            report.path("groups").forEach(group -> group.path("sides").forEach(side -> lagByGroup.merge(
                    group.path("role").asText() + " " + group.path("group").asText(),
                    side.path("lagRecords").asLong(), Long::sum)));
            assertThat(lagByGroup).containsOnlyKeys("sync strangler-sync", "apply strangler-apply-monolith",
                    "apply strangler-apply-service", "consistency strangler-consistency")
                    .allSatisfy((group, lag) -> assertThat(lag).as(group).isZero());
            assertThat(report.path("consistency").path("percent").asDouble()).isEqualTo(100.0);
        });

        // And: /health/ready answers 200 and /metrics shows every part's counters
        Matcher port = Pattern.compile("/metrics and /health on port (\\d+)").matcher(Files.readString(log));
        assertThat(port.find()).as("the port line").isTrue();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port.group(1);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body())
                .contains("strangler_capture_changes_total{source=\"monolith\"")
                .contains("strangler_apply_")
                .contains("strangler_sync_applies_total");

        // And: SIGTERM stops it cleanly, with exit code 0
        sync.destroy();
        assertThat(sync.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
        assertThat(sync.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("sync: STOPPED").doesNotContain(" ERROR ");
    }

    /** {@code strangler status --config EXAMPLE --json} from the work directory, as a user runs it beside the sync. */
    private static JsonNode status(Path workDir) throws Exception {
        Path out = workDir.resolve("status.json");
        Process status = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.strangler.cli.StranglerCommand", "status", "--config", EXAMPLE.toString(), "--json"))
                .directory(workDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile()).start();
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(Files.readString(out)).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private void writeEnvFile(TestKafka kafka, DatabaseInfo monolith, DatabaseInfo service) throws IOException {
        Properties env = new Properties();
        env.setProperty("bootstrap.servers", kafka.bootstrapServers());
        env.setProperty("schema.registry.url", registry.url());
        for (var side : List.of(List.of("monolith", monolith), List.of("service", service))) {
            DatabaseInfo database = (DatabaseInfo) side.get(1);
            env.setProperty(side.get(0) + ".url", database.jdbcUrl());
            env.setProperty(side.get(0) + ".user", database.user());
            env.setProperty(side.get(0) + ".password", database.password());
        }
        Path file = Files.createDirectories(workDir.resolve(".strangler")).resolve("env.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            env.store(writer, "as strangler env up writes it");
        }
    }

    private static ConnectionSource source(String name, DatabaseInfo database) {
        return ConnectionSource.of(name, database.jdbcUrl(), database.user(), database.password());
    }

    private void awaitIdentical(Validator validator, Path log) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(2))
                .failFast("strangler sync exited; its output is in " + log, () -> !sync.isAlive())
                .untilAsserted(() -> {
            ValidationResult result = validator.validate(List.of(),
                    ValidationOptions.defaults().withMode(ValidationMode.MERGE));
            assertThat(result.discrepancyCount()).as("discrepancies").isZero();
            assertThat(result.tables().stream().filter(t -> t.mapping().equals("customers")).findFirst()
                    .orElseThrow().serviceRows()).isPositive();
        });
    }
}
