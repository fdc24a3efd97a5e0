package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.embedded.EmbeddedMariaDb;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.MariaDbAdmin;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a trigger on the target writes while the apply sink writes there is the sync's own write, not the application's:
 * capture tags it APPLY because it is part of the sink's transaction (whose first write is the offsets row), so the
 * sync suppresses it as an echo and never copies it back to the side the change came from (docs/sync.md, "Guarantees
 * and limits": triggers). The same trigger fired by the application's own transaction is LOCAL and is synced.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class,
        MariaDbAdmin.class})
class TriggerOriginIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void shouldTagAMariaDbTriggersWriteInsideAnApplyTransactionAsTheSyncsOwn(TestKafka kafka,
            @MariaDb TestDatabase db, EmbeddedMariaDb server) throws Exception {
        db.execute("CREATE TABLE trg_order (id BIGINT PRIMARY KEY, total INT) ENGINE = InnoDB",
                "CREATE TABLE trg_audit (order_id BIGINT PRIMARY KEY, total INT) ENGINE = InnoDB");
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            // with binary logging on, only an administrator may create triggers
            statement.execute("USE " + db.database());
            statement.execute("CREATE TRIGGER trg_order_audit AFTER INSERT ON trg_order FOR EACH ROW"
                    + " INSERT INTO trg_audit VALUES (NEW.id, NEW.total)");
        }

        Map<String, String> origins = captureOrigins(kafka, db,
                registry -> CaptureFixtures.mariadb(db, kafka, registry, kafka.uniqueTopic("strangler"),
                        "trg_order", "trg_audit"),
                "INSERT INTO strangler_apply_offsets (consumer_group, topic, partition_id, next_offset)"
                        + " VALUES ('g', 't', 0, 1) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset)");

        assertThat(origins).containsExactlyInAnyOrderEntriesOf(Map.of(
                "trg_order/1", "APPLY", "trg_audit/1", "APPLY",
                "trg_order/2", "LOCAL", "trg_audit/2", "LOCAL"));
    }

    @Test
    void shouldTagAPostgresAlwaysTriggersWriteInsideAnApplyTransactionAsTheSyncsOwn(TestKafka kafka,
            @Postgres TestDatabase db) throws Exception {
        // an ordinary trigger does not fire in the sink's replica session; one enabled ALWAYS does
        // the documented way for a non-superuser (PostgreSQL 15+): a superuser grants this one parameter
        try (Connection superuser = DriverManager.getConnection(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres?user=postgres");
             Statement statement = superuser.createStatement()) {
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO " + db.user());
        }
        db.execute("CREATE TABLE trg_order (id BIGINT PRIMARY KEY, total INT)",
                "CREATE TABLE trg_audit (order_id BIGINT PRIMARY KEY, total INT)",
                "CREATE FUNCTION trg_order_audit() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO trg_audit VALUES (NEW.id, NEW.total); RETURN NEW; END $$",
                "CREATE TRIGGER trg_order_audit AFTER INSERT ON trg_order FOR EACH ROW"
                        + " EXECUTE FUNCTION trg_order_audit()",
                "ALTER TABLE trg_order ENABLE ALWAYS TRIGGER trg_order_audit");

        Map<String, String> origins = captureOrigins(kafka, db,
                registry -> CaptureFixtures.postgres(db, kafka, registry, kafka.uniqueTopic("strangler"),
                        "trg_order", "trg_audit"),
                "SET LOCAL session_replication_role = replica",
                "INSERT INTO strangler_apply_offsets (consumer_group, topic, partition_id, next_offset)"
                        + " VALUES ('g', 't', 0, 1) ON CONFLICT (consumer_group, topic, partition_id)"
                        + " DO UPDATE SET next_offset = EXCLUDED.next_offset");

        assertThat(origins).containsExactlyInAnyOrderEntriesOf(Map.of(
                "trg_order/1", "APPLY", "trg_audit/1", "APPLY",
                "trg_order/2", "LOCAL", "trg_audit/2", "LOCAL"));
    }

    /**
     * Captures order 1 inserted in a transaction shaped as the apply sink's ({@code applyPrologue} first) and order 2
     * inserted by the application, and returns each captured row's origin by "table/id".
     */
    private static Map<String, String> captureOrigins(TestKafka kafka, TestDatabase db,
            Function<String, Map<String, String>> captureConfig, String... applyPrologue) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            Map<String, String> props = captureConfig.apply(registry.url());
            try (CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props));
                 ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                         RestSchemaRegistryClient.create(registry.url()), props.get(CaptureConfig.TOPIC_PREFIX))) {
                // order 0, written before capture starts, comes as a snapshot row: once it is there, capture streams
                db.execute("INSERT INTO trg_order VALUES (0, 0)");
                capture.start();
                await().atMost(TIMEOUT).until(() -> collector.changesOf("trg_order").size() >= 1
                        && collector.changesOf("trg_audit").size() >= 1);

                // Given the sink's transaction: its prologue (offsets row first), then its write of order 1
                try (Connection connection = db.connect()) {
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : applyPrologue) {
                            statement.execute(sql);
                        }
                        statement.execute("INSERT INTO trg_order VALUES (1, 10)");
                    }
                    connection.commit();
                }
                // and the application's own write of order 2
                db.execute("INSERT INTO trg_order VALUES (2, 20)");

                // Then both orders and both audit rows the trigger wrote arrive, each with its transaction's origin
                await().atMost(TIMEOUT).until(() -> collector.changesOf("trg_order").size() >= 3
                        && collector.changesOf("trg_audit").size() >= 3);
                return Stream.concat(collector.changesOf("trg_order").stream(),
                                collector.changesOf("trg_audit").stream()).map(ChangeCollector.Received::value)
                        .filter(change -> change.getOp() != Operation.READ)
                        .collect(Collectors.toMap(TriggerOriginIT::tableAndId,
                                change -> String.valueOf(change.getOrigin())));
            }
        }
    }

    private static String tableAndId(RowChange change) {
        Object id = change.getAfter().containsKey("id") ? change.getAfter().get("id") : change.getAfter().get("order_id");
        return change.getTable() + "/" + id;
    }
}
