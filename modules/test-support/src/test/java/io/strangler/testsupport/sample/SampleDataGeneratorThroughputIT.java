package io.strangler.testsupport.sample;

import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures the generator at n = 10,000 on PostgreSQL (about 190,000 rows) and guards against a collapse. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SampleDataGeneratorThroughputIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(SampleDataGeneratorThroughputIT.class);
    private static final int N = 10_000;

    @Test
    void shouldGenerateTenThousandRowsPerTableQuickly(@Postgres TestDatabase db) throws SQLException {
        // Given an empty sample schema
        try (Connection connection = db.connect()) {
            SampleMonolith.createSchema(connection);

            // When generating n = 10,000
            long started = System.nanoTime();
            Map<String, Long> counts = new SampleDataGenerator(8L, N).generate(connection);
            double seconds = (System.nanoTime() - started) / 1e9;

            // Then all rows arrived, at a rate far above a row-at-a-time insert
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            double rate = rows / seconds;
            LOGGER.info("sample generator, PostgreSQL, n={}: {} rows in {} s = {} rows/s", N, rows,
                    String.format(Locale.ROOT, "%.2f", seconds), Math.round(rate));
            assertThat(SampleChecks.rowCounts(connection)).containsExactlyEntriesOf(counts);
            assertThat(rate).isGreaterThan(2_000); // ~35,000 alone on 2 cores; a floor, not a benchmark
        }
    }
}
