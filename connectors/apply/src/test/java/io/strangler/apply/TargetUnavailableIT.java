package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.schemas.ApplyCommand;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The target database goes away while the sink runs and comes back on the same port: the sink reports a named
 * error, dead-letters nothing, and applies everything once the database is back. Uses its own PostgreSQL server so
 * that it can stop it.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TargetUnavailableIT {

    @Test
    void shouldReportUnreachableDatabaseAndRecoverWhenItReturns(TestKafka kafka) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        int port = postgres.port();
        try (ApplyFixture fixture = new ApplyFixture(kafka, "down", 1)) {
            // Given a running sink writing to its own server
            createTarget(postgres);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/appdb";
            Map<String, Object> config = fixture.config(url, "postgres", "");
            fixture.produce(commands(fixture, 1, 50));
            try (ApplySink sink = fixture.sink(config)) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.status().recordsCommitted() == 50);

                // When the server stops and commands keep coming
                postgres.close();
                fixture.produce(commands(fixture, 51, 100));

                // Then the sink names the problem, keeps running and dead-letters nothing
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    ApplySink.Status status = sink.status();
                    assertThat(status.targetReachable()).isFalse();
                    assertThat(status.lastError()).contains("target '" + fixture.target + "'")
                            .contains("is unreachable").contains("SQLState 08").contains(":" + port + "/appdb");
                });
                assertThat(sink.state()).isEqualTo(ApplySink.State.RUNNING);
                assertThat(sink.status().commandsDeadLettered()).isZero();

                // and when a server is back on the same port (a fresh cluster: its offsets table is empty too)
                postgres = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults().withPort(port));
                createTarget(postgres);

                // every command is applied, the error is cleared, and still nothing was dead-lettered
                await().atMost(Duration.ofSeconds(60)).until(() -> count(url) == 100);
                assertThat(sink.status().targetReachable()).isTrue();
                assertThat(sink.status().lastError()).isEmpty();
                assertThat(sink.status().commandsDeadLettered()).isZero();
                assertThat(fixture.readDeadLetters(1, Duration.ofSeconds(2))).isEmpty();
            }
        } finally {
            postgres.close();
        }
    }

    private static List<ApplyCommand> commands(ApplyFixture fixture, long from, long to) {
        List<ApplyCommand> commands = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            commands.add(fixture.upsert("public", "items", Map.of("id", id), Map.of("id", id, "name", "n" + id)));
        }
        return commands;
    }

    /** The table goes into template1 first, so appdb has it from the instant the sink can connect to it. */
    private static void createTarget(EmbeddedPostgres postgres) throws SQLException {
        String template = postgres.superuserJdbcUrl().replace("/postgres?", "/template1?");
        try (Connection c = DriverManager.getConnection(template); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text)");
        }
        try (Connection c = DriverManager.getConnection(postgres.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE appdb");
        }
    }

    private static long count(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
