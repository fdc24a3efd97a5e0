package io.strangler.apply;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedMariaDbExtension.class})
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
}
