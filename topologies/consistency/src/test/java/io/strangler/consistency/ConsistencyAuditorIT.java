package io.strangler.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.capture.CaptureState;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.DiscrepancyKind;
import io.strangler.schemas.DiscrepancyStatus;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auditor on real parts: embedded Kafka, two PostgreSQL databases (monolith {@code customers(id, name, email)},
 * service {@code customer(id, full_name, email)}), a capture processor on each, the auditor reading both. No sync
 * runs: the test plays the sync by writing to the databases directly.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsistencyAuditorIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsistencyAuditorIT.class);
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String MAPPINGS = """
            mappings:
              - name: customers
                monolith: public.customers
                service: public.customer
                columns: { name: full_name }
            """;

    private final List<Discrepancy> discrepancies = new CopyOnWriteArrayList<>();
    private final List<ConsistencyStatus> statuses = new CopyOnWriteArrayList<>();
    private TestDatabase monolith;
    private TestDatabase service;
    private EmbeddedSchemaRegistry registry;
    private CaptureProcessor monolithCapture;
    private CaptureProcessor serviceCapture;
    private CaptureConfig serviceCaptureConfig;
    private ConsistencyAuditor auditor;
    private ConsistencyConfig config;
    private Thread reader;
    private volatile boolean reading = true;

    @BeforeAll
    void start(TestKafka kafka, @Postgres TestDatabase monolithDb, EmbeddedPostgres server, @TempDir Path dir)
            throws Exception {
        monolith = monolithDb;
        DatabaseInfo info = server.createDatabase("svc_" + UUID.randomUUID().toString().substring(0, 8));
        service = new TestDatabase(info.engine(), info.host(), info.port(), info.database(), info.user(), info.password());
        registry = EmbeddedSchemaRegistry.startInMemory();
        execute(monolith, "CREATE TABLE customers (id bigint PRIMARY KEY, name text, email text)",
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                "INSERT INTO customers VALUES (1, 'Ada', 'ada@x'), (2, 'Bob', 'bob@x'), (3, 'Cy', 'cy@x')");
        execute(service, "CREATE TABLE customer (id bigint PRIMARY KEY, full_name text, email text)",
                "ALTER TABLE customer REPLICA IDENTITY FULL",
                "INSERT INTO customer VALUES (1, 'Ada', 'ada@x'), (2, 'Bob', 'bob@x'), (3, 'Cy', 'cy@x')");

        String prefix = kafka.uniqueTopic("strangler");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String monolithSource = "mono_" + suffix;
        String serviceSource = "svc_" + suffix;
        monolithCapture = new CaptureProcessor(new CaptureConfig(capture(monolith, kafka, prefix, monolithSource,
                "customers")));
        serviceCaptureConfig = new CaptureConfig(capture(service, kafka, prefix, serviceSource, "customer"));
        serviceCapture = new CaptureProcessor(serviceCaptureConfig);
        monolithCapture.start();
        serviceCapture.start();
        await().atMost(TIMEOUT).until(() -> monolithCapture.state() == CaptureState.RUNNING
                && serviceCapture.state() == CaptureState.RUNNING);

        Path mappings = Files.writeString(dir.resolve("mappings.yaml"), MAPPINGS);
        Map<String, String> props = new HashMap<>();
        props.put(ConsistencyConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(ConsistencyConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(ConsistencyConfig.TOPIC_PREFIX, prefix);
        props.put(ConsistencyConfig.MAPPINGS_FILE, mappings.toString());
        database(props, ConsistencyConfig.MONOLITH_DATABASE_PREFIX, monolith);
        database(props, ConsistencyConfig.SERVICE_DATABASE_PREFIX, service);
        props.put(ConsistencyConfig.APPLICATION_ID, "consistency-it-" + suffix);
        props.put(ConsistencyConfig.MONOLITH_SOURCE, monolithSource);
        props.put(ConsistencyConfig.SERVICE_SOURCE, serviceSource);
        props.put(ConsistencyConfig.GRACE_MS, Long.toString(GRACE.toMillis()));
        props.put(ConsistencyConfig.CHECK_INTERVAL_MS, "200");
        props.put(ConsistencyConfig.STATUS_INTERVAL_MS, "1000");
        props.put(ConsistencyConfig.ALERT_THRESHOLD_PERCENT, "99");
        props.put(ConsistencyConfig.STATE_DIR, dir.resolve("state").toString());
        props.put("streams.consumer.auto.offset.reset", "earliest");
        // the restart test waits for the old member's session to expire: use the broker's minimum
        props.put("streams.consumer.session.timeout.ms", "6000");
        config = new ConsistencyConfig(props);
        auditor = ConsistencyAuditor.start(config);
        auditor.awaitRunning(TIMEOUT);
        startReader(kafka, config);
    }

    @AfterAll
    void stop() throws InterruptedException {
        reading = false;
        if (reader != null) {
            reader.join(10_000);
        }
        if (auditor != null) {
            auditor.close();
        }
        for (CaptureProcessor capture : new CaptureProcessor[] {monolithCapture, serviceCapture}) {
            if (capture != null) {
                capture.stop();
            }
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldReportAnOutOfBandWriteWithinGraceAndItsRepairAsResolved() throws SQLException {
        // Given the snapshot of three equal rows on both sides: 100 %
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lastStatus().getOverall().getRowsInAgreement())
                .isEqualTo(3));
        assertThat(lastStatus().getOverall().getConsistencyPercent()).isEqualTo(100.0);
        assertThat(of(2)).isEmpty();

        // When the service's email of customer 2 is changed behind the sync's back
        long written = System.nanoTime();
        execute(service, "UPDATE customer SET email = 'robert@x' WHERE id = 2");

        // Then a DIFFERENT discrepancy on email, not before the grace period, within grace + 5 s
        await().atMost(GRACE.plusSeconds(5)).until(() -> !of(2).isEmpty());
        Duration detected = Duration.ofNanos(System.nanoTime() - written);
        Discrepancy open = of(2).get(0);
        assertThat(open.getStatus()).isEqualTo(DiscrepancyStatus.OPEN);
        assertThat(open.getKind()).isEqualTo(DiscrepancyKind.DIFFERENT);
        assertThat(open.getKey()).isEqualTo(Map.of("id", 2L));
        assertThat(open.getDifferingColumns()).containsExactly("email");
        assertThat(open.getServiceRow()).containsEntry("email", "robert@x");
        assertThat(detected).isGreaterThanOrEqualTo(GRACE);
        LOGGER.info("Out-of-band write reported after {} ms (grace {} ms)", detected.toMillis(), GRACE.toMillis());

        // And the status shows 2 of 3 rows consistent, below the 99 % threshold
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ConsistencyStatus status = lastStatus();
            assertThat(status.getOverall().getOpenDiscrepancies()).isEqualTo(1);
            assertThat(status.getOverall().getConsistencyPercent()).isCloseTo(200.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(status.getAlert()).isTrue();
        });
        assertThat(auditor.gauge("alert")).contains(1.0);

        // When the same write is made on the monolith (a reconcile)
        long repaired = System.nanoTime();
        execute(monolith, "UPDATE customers SET email = 'robert@x' WHERE id = 2");

        // Then a RESOLVED event, and the status is back to 100 % without alert
        await().atMost(Duration.ofSeconds(10)).until(() -> of(2).size() >= 2);
        LOGGER.info("Repair reported resolved after {} ms", Duration.ofNanos(System.nanoTime() - repaired).toMillis());
        assertThat(of(2).get(1).getStatus()).isEqualTo(DiscrepancyStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ConsistencyStatus status = lastStatus();
            assertThat(status.getOverall().getConsistencyPercent()).isEqualTo(100.0);
            assertThat(status.getAlert()).isFalse();
        });
        assertThat(of(2)).hasSize(2);
    }

    @Test
    void shouldReportARowInsertedOnOneSideOnlyAndForgetARowDeletedOnBoth() throws SQLException {
        // Given a row inserted on the monolith only
        execute(monolith, "INSERT INTO customers VALUES (10, 'Dee', 'dee@x')");

        // Then MISSING_ON_SERVICE after the grace period
        await().atMost(GRACE.plusSeconds(8)).until(() -> !of(10).isEmpty());
        assertThat(of(10).get(0).getKind()).isEqualTo(DiscrepancyKind.MISSING_ON_SERVICE);
        assertThat(of(10).get(0).getServiceHash()).isNull();

        // When the service gets the row, then both delete it
        execute(service, "INSERT INTO customer VALUES (10, 'Dee', 'dee@x')");
        await().atMost(Duration.ofSeconds(10)).until(() -> of(10).size() >= 2);
        assertThat(of(10).get(1).getStatus()).isEqualTo(DiscrepancyStatus.RESOLVED);
        execute(monolith, "DELETE FROM customers WHERE id = 10");
        execute(service, "DELETE FROM customer WHERE id = 10");

        // Then the deletion on both sides is agreement: no further event, and the row is no longer tracked
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastStatus().getOverall().getRowsTracked())
                .isEqualTo(3));
        await().during(GRACE.plusSeconds(1)).atMost(GRACE.plusSeconds(3)).until(() -> of(10).size() == 2);
    }

    @Test
    void shouldWaitForALaggingCaptureInsteadOfReportingTheRowsItHasNotPublishedYet() throws Exception {
        // Given the service's capture falls behind (stopped), and a row written on both sides as a sync would
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lastStatus().getCaptureLagMillis())
                .containsKeys("monolith", "service"));
        serviceCapture.stop();
        execute(monolith, "INSERT INTO customers VALUES (77, 'Eve', 'eve@x')");
        execute(service, "INSERT INTO customer VALUES (77, 'Eve', 'eve@x')");

        // Then, long after the grace period, the row the service's capture has not published is not reported,
        // and the status shows the service's capture lag the auditor is waiting for
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lastStatus().getCaptureLagMillis().get("service"))
                .isGreaterThan(GRACE.toMillis() * 2));
        assertThat(of(77)).isEmpty();
        assertThat(lastStatus().getOverall().getOpenDiscrepancies()).isZero();
        assertThat(lastStatus().getOverall().getRowsPending()).isEqualTo(1);
        assertThat(lastStatus().getAlert()).isFalse();

        // When the capture catches up, the row agrees: never a discrepancy, and the lag is back under the grace
        serviceCapture = new CaptureProcessor(serviceCaptureConfig);
        serviceCapture.start();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(lastStatus().getOverall().getRowsPending()).isZero();
            assertThat(lastStatus().getCaptureLagMillis().get("service")).isLessThan(GRACE.toMillis());
        });
        assertThat(of(77)).isEmpty();

        // (the other tests count three rows)
        execute(monolith, "DELETE FROM customers WHERE id = 77");
        execute(service, "DELETE FROM customer WHERE id = 77");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lastStatus().getOverall().getRowsTracked())
                .isEqualTo(3));
    }

    @Test
    void shouldKeepAnOpenDiscrepancyAcrossARestartAndResolveItAfterwards() throws Exception {
        // Given an open discrepancy on customer 3
        execute(monolith, "UPDATE customers SET name = 'Cyrus' WHERE id = 3");
        await().atMost(GRACE.plusSeconds(8)).until(() -> !of(3).isEmpty());
        assertThat(of(3).get(0).getDifferingColumns()).containsExactly("name");

        // When the auditor restarts on its state directory and changelogs
        auditor.close();
        int statusesBefore = statuses.size();
        auditor = ConsistencyAuditor.start(config);
        auditor.awaitRunning(TIMEOUT);

        // Then the rebuilt counts still show the open discrepancy, without reporting it again
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(statuses.size()).isGreaterThan(statusesBefore);
            assertThat(lastStatus().getOverall().getOpenDiscrepancies()).isEqualTo(1);
        });
        assertThat(of(3)).hasSize(1);

        // And the repair made after the restart is reported as RESOLVED
        execute(service, "UPDATE customer SET full_name = 'Cyrus' WHERE id = 3");
        await().atMost(Duration.ofSeconds(10)).until(() -> of(3).size() == 2);
        assertThat(of(3).get(1).getStatus()).isEqualTo(DiscrepancyStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastStatus().getOverall()
                .getOpenDiscrepancies()).isZero());
    }

    private List<Discrepancy> of(long id) {
        return discrepancies.stream().filter(event -> event.getKey().equals(Map.of("id", id))).toList();
    }

    private ConsistencyStatus lastStatus() {
        assertThat(statuses).isNotEmpty();
        return statuses.get(statuses.size() - 1);
    }

    private void startReader(TestKafka kafka, ConsistencyConfig config) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "consistency-it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var registryClient = RestSchemaRegistryClient.create(registry.url());
        var discrepancySerde = AvroSerdes.value(Discrepancy.class, registryClient);
        var statusSerde = AvroSerdes.value(ConsistencyStatus.class, registryClient);
        String discrepancyTopic = config.topicNames().consistencyDiscrepancies();
        String statusTopic = config.topicNames().consistencyStatus();
        reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                consumer.subscribe(List.of(discrepancyTopic, statusTopic));
                while (reading) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        if (record.topic().equals(discrepancyTopic)) {
                            discrepancies.add(discrepancySerde.deserializer().deserialize(record.topic(), record.value()));
                        }
                        else {
                            statuses.add(statusSerde.deserializer().deserialize(record.topic(), record.value()));
                        }
                    });
                }
            }
        }, "consistency-it-reader");
        reader.start();
    }

    private Map<String, String> capture(TestDatabase db, TestKafka kafka, String prefix, String source,
            String table) {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, source);
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.HEARTBEAT_INTERVAL_MS, "1000");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put(CaptureConfig.ENGINE, "postgresql");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("database.dbname", db.database());
        props.put("table.include.list", "public." + table);
        props.put("poll.interval.ms", "50");
        return props;
    }

    private void database(Map<String, String> props, String prefix, TestDatabase db) {
        props.put(prefix + "url", db.jdbcUrl());
        props.put(prefix + "user", db.user());
        props.put(prefix + "password", db.password());
    }

    private static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
