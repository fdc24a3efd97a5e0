package io.strangler.apply;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class PostgresCountersIT extends CountersBehaviour {

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
    protected String accountsDdl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, name varchar(50), bal bigint, amt numeric(14,2), note text)";
    }
}
