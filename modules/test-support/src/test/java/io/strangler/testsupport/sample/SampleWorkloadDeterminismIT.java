package io.strangler.testsupport.sample;

import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleTable;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class SampleWorkloadDeterminismIT {

    private static final int N = 100;

    @Test
    void shouldLeaveBothEnginesIdenticalAfterTheSameSeededWorkload(@Postgres TestDatabase postgres,
                                                                  @MariaDb TestDatabase mariadb) throws SQLException {
        // Given the same generated data and the same workload (seed, ids, fixed clock) on both engines
        Clock clock = Clock.fixed(Instant.parse("2025-03-30T01:30:00.123456Z"), ZoneOffset.UTC);
        SampleWorkload.Config config = SampleWorkload.Config.of(77L, N, 5_000_000_000L).withClock(clock);
        SampleWorkload.Result onPostgres;
        SampleWorkload.Result onMariaDb;

        // When running 400 operations on each
        try (Connection connection = postgres.connect()) {
            SampleMonolith.createSchema(connection);
            new SampleDataGenerator(3L, N).generate(connection);
            onPostgres = new SampleWorkload(config).run(connection, 400, Duration.ofMinutes(2));
        }
        try (Connection connection = mariadb.connect()) {
            SampleMonolith.createSchema(connection);
            new SampleDataGenerator(3L, N).generate(connection);
            onMariaDb = new SampleWorkload(config).run(connection, 400, Duration.ofMinutes(2));
        }

        // Then they did the same things and the databases hold the same canonical data
        assertThat(onMariaDb.operations()).isEqualTo(onPostgres.operations());
        assertThat(onMariaDb.rowsInserted()).isEqualTo(onPostgres.rowsInserted());
        assertThat(onMariaDb.rowsUpdated()).isEqualTo(onPostgres.rowsUpdated());
        assertThat(onMariaDb.rowsDeleted()).isEqualTo(onPostgres.rowsDeleted());
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            for (SampleTable table : SampleMonolith.tables()) {
                assertThat(CanonicalReader.read(maria, SampleEngine.MARIADB, table)).as(table.name())
                        .containsExactlyElementsOf(CanonicalReader.read(pg, SampleEngine.POSTGRESQL, table));
            }
        }
    }
}
