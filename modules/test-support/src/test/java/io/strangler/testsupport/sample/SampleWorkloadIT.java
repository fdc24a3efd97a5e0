package io.strangler.testsupport.sample;

import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.embedded.sample.SampleWorkload.Operation;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class SampleWorkloadIT {

    private static final int N = 200;
    private static final int OPERATIONS = 600;

    private static TestDatabase postgres;
    private static TestDatabase mariadb;

    @BeforeAll
    static void createAndFillBothEngines(@Postgres TestDatabase pg, @MariaDb TestDatabase maria) throws SQLException {
        postgres = pg;
        mariadb = maria;
        for (TestDatabase db : new TestDatabase[] {pg, maria}) {
            try (Connection connection = db.connect()) {
                SampleMonolith.createSchema(connection);
                new SampleDataGenerator(1L, N).generate(connection);
            }
        }
    }

    @Test
    void shouldRunOperationsOnBothEnginesAtOnceWithoutConstraintViolations() throws Exception {
        // Given two workloads with different seeds and disjoint id ranges, one per engine
        SampleWorkload onPostgres = new SampleWorkload(SampleWorkload.Config.of(101L, N, 1_000_000_000L));
        SampleWorkload onMariaDb = new SampleWorkload(SampleWorkload.Config.of(202L, N, 2_000_000_000L));

        // When both run at the same time
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<SampleWorkload.Result> pg = CompletableFuture.supplyAsync(
                    () -> run(onPostgres, postgres), executor);
            CompletableFuture<SampleWorkload.Result> maria = CompletableFuture.supplyAsync(
                    () -> run(onMariaDb, mariadb), executor);

            // Then every operation committed, all kinds ran, and no foreign key is broken
            for (SampleWorkload.Result result : new SampleWorkload.Result[] {pg.get(), maria.get()}) {
                assertThat(result.failures()).isEmpty();
                assertThat(result.failedOperations()).isZero();
                assertThat(result.committedOperations()).isEqualTo(OPERATIONS);
                assertThat(result.operations()).containsKeys(Operation.values());
                assertThat(result.rowsInserted()).isPositive();
                assertThat(result.rowsUpdated()).isPositive();
                assertThat(result.rowsDeleted()).isPositive();
            }
        } finally {
            executor.shutdownNow();
        }
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            assertThat(SampleChecks.orphanCounts(pg)).allSatisfy((fk, n) -> assertThat(n).as(fk).isZero());
            assertThat(SampleChecks.orphanCounts(maria)).allSatisfy((fk, n) -> assertThat(n).as(fk).isZero());
            assertThat(SampleChecks.count(pg, "SELECT COUNT(*) FROM orders WHERE id > 1000000000")).isPositive();
            assertThat(SampleChecks.count(maria, "SELECT COUNT(*) FROM orders WHERE id > 2000000000")).isPositive();
        }
    }

    @Test
    void shouldPaceOperationsAtTheConfiguredRate() throws SQLException {
        // Given a workload limited to 100 operations per second
        SampleWorkload workload = new SampleWorkload(
                SampleWorkload.Config.of(303L, N, 3_000_000_000L).withOperationsPerSecond(100));

        // When running 30 operations
        SampleWorkload.Result result;
        try (Connection connection = postgres.connect()) {
            result = workload.run(connection, 30, Duration.ofSeconds(30));
        }

        // Then they took at least the 29 intervals between them
        assertThat(result.committedOperations()).isEqualTo(30);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void shouldStopAtTheDeadline() throws SQLException {
        // Given a slow workload and a short deadline
        SampleWorkload workload = new SampleWorkload(
                SampleWorkload.Config.of(404L, N, 4_000_000_000L).withOperationsPerSecond(20));

        // When it may run a million operations for 300 ms
        SampleWorkload.Result result;
        try (Connection connection = mariadb.connect()) {
            result = workload.run(connection, 1_000_000, Duration.ofMillis(300));
        }

        // Then it stopped on time after a handful
        assertThat(result.committedOperations()).isBetween(1L, 10L);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    }

    private static SampleWorkload.Result run(SampleWorkload workload, TestDatabase db) {
        try (Connection connection = db.connect()) {
            return workload.run(connection, OPERATIONS, Duration.ofMinutes(2));
        } catch (SQLException e) {
            throw new IllegalStateException("workload on " + db + " failed", e);
        }
    }
}
