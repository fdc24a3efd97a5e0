package io.strangler.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.mapping.Mappings;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration as it is deployed: every processor its own OS process ({@code strangler run capture|sync|apply}),
 * configured by the example properties files (hosts and passwords overridden), a PostgreSQL monolith (the sample shop,
 * populated) and an empty MariaDB service. Writers run on both databases while each processor in turn is killed with
 * SIGKILL and restarted, and the broker itself is restarted; afterwards both databases must be identical row by row.
 */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class RunProcessorsIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(RunProcessorsIT.class);
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CONVERGENCE = Duration.ofSeconds(240);
    private static final int ROWS = 30;

    @TempDir
    Path dir;

    private final Map<String, ProcessorProcess> processes = new LinkedHashMap<>();
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ProcessorProcess process : processes.values()) {
            if (process.alive()) {
                process.kill9();
            }
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldConvergeWhileEveryProcessorIsKilledInTurnAndTheBrokerRestarts(EmbeddedPostgres server,
            @MariaDb TestDatabase service) throws Exception {
        // Given: a populated PostgreSQL monolith, an empty MariaDB service with the same tables
        long suffix = ProcessHandle.current().pid();
        DatabaseInfo monolith = server.createDatabase("run_it_mono_" + suffix);
        try (Connection superuser = DriverManager.getConnection(server.superuserJdbcUrl());
             Statement statement = superuser.createStatement()) {
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + monolith.user() + "\"");
        }
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            SampleMonolith.createSchema(m);
            SampleMonolith.createSchema(s);
            new SampleDataGenerator(7, ROWS).generate(m);
        }
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dir.resolve("kafka")));
        registry = EmbeddedSchemaRegistry.startInMemory();
        Path mappings = Files.writeString(dir.resolve("mappings.yaml"), Files.readString(ROOT.resolve(
                "topologies/sync/examples/sample-shop-mappings-mariadb.yaml"))
                .replace("shop_service.", service.database() + "."));

        // When: the sync starts first, then both captures and both apply sinks, each its own process
        processes.put("sync", process("sync", "topologies/sync/examples/sync-topology.properties", Map.of(
                "strangler.mappings.file", mappings.toString(),
                "monolith.database.url", monolith.jdbcUrl(), "monolith.database.user", monolith.user(),
                "monolith.database.password", monolith.password(),
                "service.database.url", service.jdbcUrl(), "service.database.user", service.user(),
                "service.database.password", service.password(),
                "application.id", "run-it-sync", "sync.instance.id", "run-it-sync-0",
                "sync.state.dir", dir.resolve("sync-state").toString())));
        processes.put("capture-monolith", process("capture", "connectors/capture/examples/monolith-postgresql.properties",
                Map.of("database.hostname", monolith.host(), "database.port", Integer.toString(monolith.port()),
                        "database.user", monolith.user(), "database.password", monolith.password(),
                        "database.dbname", monolith.database(), "slot.name", "run_it_" + suffix,
                        "publication.name", "run_it_" + suffix, "strangler.heartbeat.interval.ms", "1000",
                        "table.include.list", tables("public"))));
        processes.put("capture-service", process("capture", "connectors/capture/examples/monolith-mariadb.properties",
                Map.of("strangler.source.name", "service", "database.hostname", service.host(),
                        "database.port", Integer.toString(service.port()), "database.user", service.user(),
                        "database.password", service.password(), "database.include.list", service.database(),
                        "table.include.list", tables(service.database()), "strangler.heartbeat.interval.ms", "1000",
                        "database.server.id", Long.toString(7000 + suffix % 1000))));
        processes.put("apply-monolith", process("apply", "connectors/apply/examples/apply-service-postgresql.properties",
                Map.of("strangler.target", "monolith", "database.url", monolith.jdbcUrl(),
                        "database.user", monolith.user(), "database.password", monolith.password())));
        processes.put("apply-service", process("apply", "connectors/apply/examples/apply-monolith-mariadb.properties",
                Map.of("strangler.target", "service", "database.url", service.jdbcUrl(),
                        "database.user", service.user(), "database.password", service.password())));
        for (ProcessorProcess process : processes.values()) {
            process.start().awaitRunning(START);
        }

        // Then: the monolith is copied into the empty service
        Validator validator = Validator.create(source("monolith", monolith.jdbcUrl(), monolith.user(),
                monolith.password()), source("service", service.jdbcUrl(), service.user(), service.password()),
                Mappings.load(mappings));
        awaitIdentical(validator);

        // When: both databases are written while each processor is killed (SIGKILL) and restarted, then the broker
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<String> measured = new ArrayList<>();
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            SampleSizes sizes = SampleSizes.of(ROWS);
            Duration writing = Duration.ofSeconds(90);
            Future<SampleWorkload.Result> onMonolith = writers.submit(() -> new SampleWorkload(
                    SampleWorkload.Config.of(21, ROWS, sizes.maxGeneratedId()).withOperationsPerSecond(15))
                    .run(m, 100_000, writing));
            Future<SampleWorkload.Result> onService = writers.submit(() -> new SampleWorkload(
                    SampleWorkload.Config.of(22, ROWS, 1_000_000_000L).withOperationsPerSecond(15))
                    .run(s, 100_000, writing));
            for (Map.Entry<String, ProcessorProcess> entry : processes.entrySet()) {
                Thread.sleep(6_000); // let the writers' changes flow through the restarted part first
                entry.getValue().kill9();
                entry.getValue().start();
                Duration restart = entry.getValue().awaitRunning(START);
                measured.add(entry.getKey() + " RUNNING " + restart.toMillis() + " ms after its restart");
                LOGGER.info("{} killed with SIGKILL and RUNNING again after {} ms", entry.getKey(), restart.toMillis());
            }
            Thread.sleep(3_000);
            int port = kafka.port();
            kafka.close();
            LOGGER.info("broker stopped");
            Thread.sleep(3_000);
            kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dir.resolve("kafka"))
                    .withPort(port));
            LOGGER.info("broker restarted on port {}", port);
            assertThat(onMonolith.get().committedOperations()).isPositive();
            assertThat(onService.get().committedOperations()).isPositive();
        } finally {
            writers.shutdownNow();
        }

        // Then: both databases end identical, row by row; every processor is alive and shows its counters
        awaitIdentical(validator);
        LOGGER.info("converged after every processor was killed and the broker restarted: {}", measured);
        for (ProcessorProcess process : processes.values()) {
            assertThat(process.alive()).as(process + " alive").isTrue();
        }
        assertThat(processes.get("capture-monolith").get("/metrics").body())
                .contains("strangler_capture_changes_total");
        assertThat(processes.get("apply-service").get("/metrics").body()).contains("strangler_apply_");
        assertThat(processes.get("sync").get("/metrics").body()).contains("strangler_sync_applies_total");
        for (ProcessorProcess process : processes.values()) {
            assertThat(process.get("/health/ready").statusCode()).as(process + " ready").isEqualTo(200);
        }

        // And: SIGTERM stops each one cleanly while the broker is up
        for (String name : List.of("sync", "apply-monolith", "capture-monolith")) {
            ProcessorProcess process = processes.get(name);
            assertThat(process.stop(Duration.ofSeconds(90))).as(process + " exit code; output in " + process.log())
                    .isZero();
        }

        // And: within the stop bound (--stop-timeout, 60 s) when the broker is already gone
        kafka.close();
        kafka = null;
        long stopping = System.nanoTime();
        List<ProcessorProcess> rest = List.of(processes.get("capture-service"), processes.get("apply-service"));
        rest.forEach(ProcessorProcess::terminate);
        for (ProcessorProcess process : rest) {
            int code = process.stop(Duration.ofSeconds(75));
            LOGGER.info("{} stopped {} ms after SIGTERM with the broker gone, exit code {}", process,
                    (System.nanoTime() - stopping) / 1_000_000, code);
            assertThat(code).as(process + " stopped within the bound; output in " + process.log()).isNotEqualTo(-1);
        }
    }

    private ProcessorProcess process(String processor, String example, Map<String, String> overrides)
            throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(example))) {
            properties.load(reader);
        }
        properties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        properties.setProperty("schema.registry.url", registry.url());
        properties.remove("strangler.http.port");
        overrides.forEach(properties::setProperty);
        String name = overrides.getOrDefault("strangler.target", overrides.getOrDefault("strangler.source.name",
                processor));
        Path file = dir.resolve(processor + "-" + name + ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "from " + example);
        }
        return new ProcessorProcess(processor, file, dir.resolve(processor + "-" + name + ".log"));
    }

    private static String tables(String schema) {
        return SampleMonolith.tableNames().stream().map(table -> schema + "." + table)
                .collect(Collectors.joining(","));
    }

    private static ConnectionSource source(String name, String url, String user, String password) {
        return ConnectionSource.of(name, url, user, password);
    }

    private void awaitIdentical(Validator validator) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            for (ProcessorProcess process : processes.values()) {
                assertThat(process.alive()).as(process + " exited; output in " + process.log()).isTrue();
            }
            ValidationResult result = validator.validate(List.of(),
                    ValidationOptions.defaults().withMode(ValidationMode.MERGE));
            assertThat(result.discrepancyCount()).as("discrepancies").isZero();
            assertThat(result.tables().stream().filter(t -> t.mapping().equals("customers")).findFirst()
                    .orElseThrow().serviceRows()).isPositive();
        });
    }
}
