package io.strangler.cli.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.capture.CaptureState;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.topic.TopicNames;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.sync.SyncApp;
import io.strangler.sync.SyncConfig;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.TestKafka;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services carved from one monolith at once, in the documented shape (docs/sync.md, "Several services"): one
 * capture and one apply sink of the monolith, shared; per service its own capture, apply sink and sync (its own
 * {@code application.id} and mappings file, disjoint tables). Writers on all three databases; each service must end
 * identical to the monolith on its tables.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class SeveralServicesIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(180);
    private static final int ROWS = 25;
    private static final List<String> CUSTOMERS = List.of("customers", "customer_addresses", "users", "user_roles");
    private static final List<String> CATALOGUE = List.of("warehouses", "categories", "products", "product_images",
            "product_categories", "inventory");

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    private EmbeddedSchemaRegistry registry;
    private String prefix;
    private String kafkaServers;

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldKeepTwoServicesAndTheirShareOfTheMonolithIdenticalUnderWritersOnAllThree(TestKafka kafka,
            EmbeddedPostgres server) throws Exception {
        // Given: a populated monolith and two empty services, each with the sample schema
        long suffix = ProcessHandle.current().pid();
        DatabaseInfo monolith = server.createDatabase("several_mono_" + suffix);
        DatabaseInfo customers = server.createDatabase("several_customers_" + suffix);
        DatabaseInfo catalogue = server.createDatabase("several_catalogue_" + suffix);
        try (Connection superuser = DriverManager.getConnection(server.superuserJdbcUrl());
             Statement statement = superuser.createStatement()) {
            for (DatabaseInfo db : List.of(monolith, customers, catalogue)) {
                statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + db.user() + "\"");
            }
        }
        for (DatabaseInfo db : List.of(monolith, customers, catalogue)) {
            try (Connection connection = db.connect()) {
                SampleMonolith.createSchema(connection);
            }
        }
        try (Connection m = monolith.connect()) {
            new SampleDataGenerator(7, ROWS).generate(m);
        }
        registry = EmbeddedSchemaRegistry.startInMemory();
        kafkaServers = kafka.bootstrapServers();
        prefix = kafka.uniqueTopic("several").replace('_', '-');
        TopicNames names = new TopicNames(prefix);
        List<String> both = Stream.concat(CUSTOMERS.stream(), CATALOGUE.stream()).toList();
        createTopics(kafka, names, "monolith", both);
        createTopics(kafka, names, "customers", CUSTOMERS);
        createTopics(kafka, names, "catalogue", CATALOGUE);
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());

        // When: one monolith capture and apply sink, and per service its capture, apply sink and sync
        capture("monolith", monolith, both);
        capture("customers", customers, CUSTOMERS);
        capture("catalogue", catalogue, CATALOGUE);
        apply("monolith", monolith);
        apply("customers", customers);
        apply("catalogue", catalogue);
        Path customersMappings = mappings("customers", CUSTOMERS);
        Path catalogueMappings = mappings("catalogue", CATALOGUE);
        sync("customers", customers, monolith, customersMappings);
        sync("catalogue", catalogue, monolith, catalogueMappings);

        // Then: each service receives its share of the monolith
        Validator customersCheck = validator(monolith, customers, customersMappings);
        Validator catalogueCheck = validator(monolith, catalogue, catalogueMappings);
        awaitIdentical(customersCheck, "customers");
        awaitIdentical(catalogueCheck, "products");

        // When: all three databases are written at once
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (Connection m = monolith.connect(); Connection a = customers.connect(); Connection b = catalogue.connect()) {
            SampleSizes sizes = SampleSizes.of(ROWS);
            Duration writing = Duration.ofSeconds(25);
            List<Future<SampleWorkload.Result>> results = List.of(
                    writers.submit(() -> new SampleWorkload(SampleWorkload.Config.of(31, ROWS, sizes.maxGeneratedId())
                            .withOperationsPerSecond(20)).run(m, 100_000, writing)),
                    writers.submit(() -> new SampleWorkload(SampleWorkload.Config.of(32, ROWS, 1_000_000_000L)
                            .withOperationsPerSecond(15)).run(a, 100_000, writing)),
                    writers.submit(() -> new SampleWorkload(SampleWorkload.Config.of(33, ROWS, 2_000_000_000L)
                            .withOperationsPerSecond(15)).run(b, 100_000, writing)));
            for (Future<SampleWorkload.Result> result : results) {
                assertThat(result.get().committedOperations()).isPositive();
            }
        } finally {
            writers.shutdownNow();
        }

        // Then: each service is identical to the monolith on its tables
        awaitIdentical(customersCheck, "customers");
        awaitIdentical(catalogueCheck, "products");
    }

    private void createTopics(TestKafka kafka, TopicNames names, String source, List<String> tables) {
        tables.forEach(table -> kafka.createTopic(names.cdc(source, "public", table), 1, Map.of()));
        kafka.createTopic(names.apply(source), 1, Map.of());
    }

    private Path mappings(String service, List<String> tables) throws Exception {
        String yaml = "mappings:\n" + tables.stream().map(table -> "  - name: " + table + "\n    monolith: public."
                + table + "\n    service: public." + table + "\n").collect(Collectors.joining());
        return Files.writeString(dir.resolve(service + "-mappings.yaml"), yaml);
    }

    private void capture(String source, DatabaseInfo db, List<String> tables) {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, source);
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafkaServers);
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.HEARTBEAT_INTERVAL_MS, "1000");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("database.dbname", db.database());
        props.put("slot.name", "several_" + source + "_" + ProcessHandle.current().pid());
        props.put("publication.name", "several_" + source + "_" + ProcessHandle.current().pid());
        props.put("table.include.list", tables.stream().map(t -> "public." + t).collect(Collectors.joining(",")));
        CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props));
        running.add(capture);
        capture.start();
        await().atMost(CONVERGENCE).until(() -> capture.state() == CaptureState.RUNNING);
    }

    private void apply(String target, DatabaseInfo db) {
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, target);
        config.put(ApplySinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(ApplySinkConfig.JDBC_USER, db.user());
        config.put(ApplySinkConfig.JDBC_PASSWORD, db.password());
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafkaServers);
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ApplySinkConfig.TOPIC_PREFIX, prefix);
        ApplySink sink = ApplySink.create(new ApplySinkConfig(config));
        running.add(sink);
        sink.start();
    }

    private void sync(String service, DatabaseInfo serviceDb, DatabaseInfo monolith, Path mappings) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafkaServers);
        config.put("schema.registry.url", registry.url());
        config.put("strangler.topic.prefix", prefix);
        config.put("strangler.mappings.file", mappings.toString());
        config.put("application.id", prefix + "-sync-" + service);
        config.put("sync.service.source", service);
        config.put("sync.instance.id", "dynamic");
        config.put("sync.state.dir", dir.resolve("state-" + service).toString());
        config.put("monolith.database.url", monolith.jdbcUrl());
        config.put("monolith.database.user", monolith.user());
        config.put("monolith.database.password", monolith.password());
        config.put("service.database.url", serviceDb.jdbcUrl());
        config.put("service.database.user", serviceDb.user());
        config.put("service.database.password", serviceDb.password());
        config.put("streams.consumer.auto.offset.reset", "earliest");
        SyncApp sync = SyncApp.fromConfig(new SyncConfig(config));
        running.add(sync);
        sync.start();
    }

    private static Validator validator(DatabaseInfo monolith, DatabaseInfo service, Path mappings) {
        return Validator.create(ConnectionSource.of("monolith", monolith.jdbcUrl(), monolith.user(),
                monolith.password()), ConnectionSource.of("service", service.jdbcUrl(), service.user(),
                service.password()), Mappings.load(mappings));
    }

    private static void awaitIdentical(Validator validator, String populatedMapping) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            ValidationResult result = validator.validate(List.of(),
                    ValidationOptions.defaults().withMode(ValidationMode.MERGE));
            assertThat(result.discrepancyCount()).as("discrepancies").isZero();
            assertThat(result.tables().stream().filter(t -> t.mapping().equals(populatedMapping)).findFirst()
                    .orElseThrow().serviceRows()).isPositive();
        });
    }
}
