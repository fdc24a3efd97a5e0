package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class PostgresApplyIT extends ApplyBehaviour {

    @Postgres
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
        return "public";
    }

    @Override
    protected String itemsDdl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, name varchar(50), qty integer)";
    }

    @Override
    protected String parentChildDdl(String parent, String child) {
        return "CREATE TABLE " + parent + " (id bigint PRIMARY KEY, name text);"
                + "CREATE TABLE " + child + " (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES " + parent + "(id))";
    }

    @Override
    protected String checkedDdl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, qty integer CHECK (qty >= 0))";
    }

    /** The documented way for a non-superuser: PostgreSQL 15+ lets a superuser grant this one parameter. */
    @Override
    protected void allowReplicationSession() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO " + db.user());
        }
    }

    @Override
    protected List<String> constraintStates() {
        return List.of("23514", "23502");
    }

    /**
     * Pins docs/apply.md "Replication session" and docs/sync.md (triggers, cascades): in the sink's replica session an
     * ordinary trigger and an ON DELETE CASCADE do not fire, an ENABLE ALWAYS trigger does.
     */
    @Test
    void shouldFireOnlyAlwaysTriggersAndNoCascadeInTheReplicaSession() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "triggers", 1)) {
            // Given parent 1 with children 10 and 11 (cascading), and an ordinary and an ENABLE ALWAYS audit trigger
            allowReplicationSession();
            statements("CREATE TABLE trg_parent (id bigint PRIMARY KEY, name text)",
                    "CREATE TABLE trg_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES trg_parent (id) ON DELETE CASCADE)",
                    "CREATE TABLE trg_audit (trigger_name text, row_id bigint, role text)",
                    "INSERT INTO trg_parent VALUES (1, 'one'), (3, 'three')",
                    "INSERT INTO trg_child VALUES (10, 1), (11, 1), (30, 3)",
                    "CREATE FUNCTION trg_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " INSERT INTO trg_audit VALUES (TG_NAME, NEW.id, current_setting('session_replication_role'));"
                            + " RETURN NEW; END $$",
                    "CREATE TRIGGER ordinary AFTER INSERT ON trg_parent FOR EACH ROW EXECUTE FUNCTION trg_audit_row()",
                    "CREATE TRIGGER always AFTER INSERT ON trg_parent FOR EACH ROW EXECUTE FUNCTION trg_audit_row()",
                    "ALTER TABLE trg_parent ENABLE ALWAYS TRIGGER always");
            fixture.produce(List.of(
                    fixture.upsert(schema(), "trg_parent", Map.of("id", 2L), Map.of("id", 2L, "name", "two")),
                    fixture.delete(schema(), "trg_parent", Map.of("id", 1L))));

            // When the sink applies an insert of parent 2 and the delete of parent 1
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(names("trg_parent")).containsOnlyKeys(2L, 3L));
                assertThat(sink.status().replicationSession()).isTrue();
            }

            // Then only the ALWAYS trigger ran, in the replica session, and parent 1's children stay (orphans)
            assertThat(rows("SELECT trigger_name || ' ' || row_id || ' ' || role FROM trg_audit"))
                    .containsExactly("always 2 replica");
            assertThat(rows("SELECT id || '->' || parent_id FROM trg_child ORDER BY id")).containsExactly("10->1", "11->1", "30->3");

            // and outside it (the application's session) both triggers and the cascade do fire: the test can tell
            statements("INSERT INTO trg_parent VALUES (4, 'four')", "DELETE FROM trg_parent WHERE id = 3");
            assertThat(rows("SELECT trigger_name || ' ' || row_id || ' ' || role FROM trg_audit WHERE row_id = 4"))
                    .containsExactlyInAnyOrder("always 4 origin", "ordinary 4 origin");
            assertThat(rows("SELECT id || '->' || parent_id FROM trg_child ORDER BY id")).containsExactly("10->1", "11->1");
        }
    }

    /** Runs each statement as it is (bodies of functions may hold semicolons). */
    private void statements(String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private List<String> rows(String query) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
