package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.internal.ApplyHooks;
import io.strangler.embedded.EmbeddedMariaDb;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.MariaDbAdmin;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedMariaDbExtension.class, MariaDbAdmin.class})
class MariaDbApplyIT extends ApplyBehaviour {

    @MariaDb
    TestDatabase db;
    private TestKafka kafka;

    @BeforeEach
    void kafka(TestKafka kafka) {
        this.kafka = kafka;
    }

    @Override
    protected TestDatabase db() {
        return db;
    }

    @Override
    protected TestKafka kafka() {
        return kafka;
    }

    @Override
    protected String schema() {
        return db.database();
    }

    @Override
    protected String itemsDdl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(50), qty INT)";
    }

    @Override
    protected String parentChildDdl(String parent, String child) {
        return "CREATE TABLE " + parent + " (id BIGINT PRIMARY KEY, name TEXT) ENGINE = InnoDB;"
                + "CREATE TABLE " + child + " (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL, "
                + "FOREIGN KEY (parent_id) REFERENCES " + parent + "(id)) ENGINE = InnoDB";
    }

    @Override
    protected String checkedDdl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, qty INT CHECK (qty >= 0))";
    }

    @Override
    protected List<String> constraintStates() {
        return List.of("23000", "22004", "HY000");
    }

    /**
     * Pins docs/apply.md "Replication session" and docs/sync.md (triggers, cascades): MariaDB has no switch for
     * triggers, so they fire in the sink's session, and their writes belong to the apply's transaction (invisible to
     * others until the sink commits, which is why the capture of that side tags them as the sync's own).
     */
    @Test
    void shouldFireTriggersInsideTheApplyTransaction(EmbeddedMariaDb server) throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "triggers", 1)) {
            // Given parent 1 with cascading children 10 and 11, and an audit trigger on the parent
            execute("CREATE TABLE trg_parent (id BIGINT PRIMARY KEY, name TEXT) ENGINE = InnoDB;"
                    + "CREATE TABLE trg_child (id BIGINT PRIMARY KEY, parent_id BIGINT, FOREIGN KEY (parent_id)"
                    + " REFERENCES trg_parent (id) ON DELETE CASCADE) ENGINE = InnoDB;"
                    + "CREATE TABLE trg_audit (row_id BIGINT, fk_checks INT) ENGINE = InnoDB;"
                    + "INSERT INTO trg_parent VALUES (1, 'one'), (3, 'three');"
                    + "INSERT INTO trg_child VALUES (10, 1), (11, 1), (30, 3)");
            try (Connection admin = server.adminConnection(); Statement s = admin.createStatement()) {
                // with binary logging on, only an administrator may create triggers
                s.execute("USE " + db.database());
                s.execute("CREATE TRIGGER trg_parent_audit AFTER INSERT ON trg_parent FOR EACH ROW"
                        + " INSERT INTO trg_audit VALUES (NEW.id, @@session.foreign_key_checks)");
            }
            fixture.produce(List.of(
                    fixture.upsert(schema(), "trg_parent", Map.of("id", 2L), Map.of("id", 2L, "name", "two")),
                    fixture.delete(schema(), "trg_parent", Map.of("id", 1L))));
            // what another session sees just before the sink commits its batch
            List<Long> seenBeforeCommit = new CopyOnWriteArrayList<>();
            ApplyHooks peek = new ApplyHooks() {
                @Override
                public void beforeCommit() {
                    try {
                        seenBeforeCommit.add(count("trg_audit"));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };

            // When the sink applies an insert of parent 2 and the delete of parent 1
            try (ApplySink sink = fixture.sink(fixture.config(db()), peek)) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(names("trg_parent")).containsOnlyKeys(2L, 3L));
            }

            // Then the trigger fired once, in the sink's session (foreign key checks off), its row invisible to others
            // until the sink's commit
            assertThat(rows("SELECT CONCAT(row_id, ' fk_checks=', fk_checks) FROM trg_audit")).containsExactly("2 fk_checks=0");
            assertThat(seenBeforeCommit).isNotEmpty().containsOnly(0L);
            // and with foreign key checks off the cascade did not run: parent 1's children are orphans
            assertThat(rows("SELECT CONCAT(id, '->', parent_id) FROM trg_child ORDER BY id")).containsExactly("10->1", "11->1", "30->3");
            // while in the application's session it does: the test can tell
            execute("DELETE FROM trg_parent WHERE id = 3");
            assertThat(rows("SELECT CONCAT(id, '->', parent_id) FROM trg_child ORDER BY id")).containsExactly("10->1", "11->1");
        }
    }

    private List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
