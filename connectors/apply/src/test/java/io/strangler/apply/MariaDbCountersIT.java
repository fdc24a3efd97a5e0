package io.strangler.apply;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedMariaDbExtension.class})
class MariaDbCountersIT extends CountersBehaviour {

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
    protected String accountsDdl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(50), bal BIGINT, amt DECIMAL(14,2), note TEXT) ENGINE = InnoDB";
    }
}
