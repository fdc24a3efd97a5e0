package io.strangler.apply;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
}
