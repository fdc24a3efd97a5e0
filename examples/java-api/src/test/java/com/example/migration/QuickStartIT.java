package com.example.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.strangler.api.ConsistencyAlert;
import io.strangler.api.ContinuousValidation;
import io.strangler.api.Database;
import io.strangler.api.Kafka;
import io.strangler.api.SyncEngine;
import io.strangler.api.TrafficRouter;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.router.RampStatus;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.TestKafka;
import io.strangler.validator.ValidationResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start of docs/getting-started.md, step by step, on the embedded KRaft Kafka and two real PostgreSQL
 * databases holding the sample shop (a populated monolith, an empty service), with two small HTTP APIs behind the
 * router.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class QuickStartIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final String CUSTOMERS = "SELECT id, email, loyalty_points FROM customers ORDER BY id";
    private static final String PRODUCTS = "SELECT id, name, price FROM products ORDER BY id";
    private static final String FIRST_PRODUCT = " WHERE id = (SELECT min(id) FROM products)";

    @TempDir
    Path workDir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void shouldSyncValidateWatchAndRampAsTheQuickStartShows(TestKafka kafka, EmbeddedPostgres server) throws Exception {
        // Given: the sample shop in a populated monolith and an empty service, Kafka and a schema registry
        long suffix = ProcessHandle.current().pid();
        DatabaseInfo monolith = server.createDatabase("quickstart_mono_" + suffix);
        DatabaseInfo service = server.createDatabase("quickstart_svc_" + suffix);
        try (Connection superuser = DriverManager.getConnection(server.superuserJdbcUrl());
             Statement statement = superuser.createStatement()) {
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + monolith.user() + "\"");
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + service.user() + "\"");
        }
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            SampleMonolith.createSchema(m);
            SampleMonolith.createSchema(s);
            new SampleDataGenerator(7, 20).generate(m);
        }
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
        started.add(registry);
        Kafka cluster = Kafka.of(kafka.bootstrapServers(), registry.url())
                .withTopicPrefix(kafka.uniqueTopic("quickstart").replace('_', '-'));

        // When: step 1, the sync
        SyncEngine sync = QuickStart.startSync(cluster, database(monolith), database(service), workDir);
        started.add(sync);
        sync.awaitRunning(CONVERGENCE);

        // Then: the monolith's customers and products are copied into the empty service
        awaitIdentical(monolith, service);
        assertThat(rows(service, CUSTOMERS)).hasSize(rows(monolith, CUSTOMERS).size()).isNotEmpty();

        // When: both sides change one customer at the same moment, the service to fewer loyalty points, last
        execute(monolith, "UPDATE customers SET loyalty_points = 900 WHERE id = 1");
        execute(service, "UPDATE customers SET loyalty_points = 5 WHERE id = 1");

        // Then: the custom resolver gives the conflict to the higher points, on both sides
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(points(monolith)).isEqualTo(900);
            assertThat(points(service)).isEqualTo(900);
            assertThat(sync.status().conflictsTotal()).as("conflicts").isPositive();
        });

        // When: step 2, one deep comparison
        ValidationResult once = QuickStart.validateOnce(sync);

        // Then: every row agrees
        assertThat(once.consistent()).as("consistent").isTrue();
        assertThat(once.consistencyPercent()).isEqualTo(100.0);
        assertThat(once.tables()).hasSize(2);

        // When: step 3, continuous validation, and a product edited on the service (the catalogue is one-way)
        List<ConsistencyAlert> alerts = new CopyOnWriteArrayList<>();
        ContinuousValidation watch = QuickStart.watchConsistency(sync, alerts::add);
        started.add(watch);
        watch.awaitRunning(CONVERGENCE);
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(watch.consistencyPercent()).contains(100.0));
        execute(service, "UPDATE products SET name = 'edited on the service'" + FIRST_PRODUCT);

        // Then: the discrepancy outlives the grace period and the alert is raised below 99.5 %
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(alerts).anySatisfy(alert -> {
            assertThat(alert.raised()).isTrue();
            assertThat(alert.percent()).isLessThan(99.5);
            assertThat(alert.openDiscrepancies()).isEqualTo(1);
        }));

        // When: the monolith, which owns the catalogue, changes that product
        execute(monolith, "UPDATE products SET name = 'renamed on the monolith'" + FIRST_PRODUCT);

        // Then: the service is overwritten and the alert clears
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(alerts).last().satisfies(alert -> assertThat(alert.raised()).isFalse());
            assertThat(watch.consistencyPercent()).contains(100.0);
        });
        awaitIdentical(monolith, service);

        // When: step 4, the router in front of the two APIs, and its ramp started
        HttpServer monolithApi = api("monolith");
        HttpServer serviceApi = api("service");
        TrafficRouter router = QuickStart.startRouter(url(monolithApi), url(serviceApi),
                "a-token-of-32-characters-000000");
        started.add(router);
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, router)).isEqualTo("monolith");
        router.startRamp("customers");

        // Then: the ramp walks 10 %, 50 %, 100 % and the customers API is served by the service
        List<Double> weights = new CopyOnWriteArrayList<>();
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(get(http, router)).isIn("monolith", "service");
            weights.add(router.weight("customers"));
            assertThat(router.ramp("customers")).get().extracting(RampStatus::state)
                    .isEqualTo(RampStatus.State.COMPLETED);
        });
        assertThat(weights).contains(50.0);
        assertThat(router.weight("customers")).isEqualTo(100.0);
        assertThat(get(http, router)).isEqualTo("service");
    }

    private void awaitIdentical(DatabaseInfo monolith, DatabaseInfo service) {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(rows(service, CUSTOMERS)).isEqualTo(rows(monolith, CUSTOMERS));
            assertThat(rows(service, PRODUCTS)).isEqualTo(rows(monolith, PRODUCTS));
        });
    }

    /** A stand-in for one side's HTTP API: answers every request with its name. */
    private HttpServer api(String name) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        started.add(() -> http.stop(0));
        return http;
    }

    private static String url(HttpServer http) {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static String get(HttpClient http, TrafficRouter router) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + router.port() + "/customers/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Database database(DatabaseInfo info) {
        return Database.of(info.jdbcUrl(), info.user(), info.password());
    }

    private static int points(DatabaseInfo db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT loyalty_points FROM customers WHERE id = 1")) {
            assertThat(rs.next()).as("customer 1").isTrue();
            return rs.getInt(1);
        }
    }

    private static List<String> rows(DatabaseInfo db, String query) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private static void execute(DatabaseInfo db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
