package io.strangler.validator.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.core.mapping.Mappings;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedMariaDb;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.TableValidation;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * perf/04-validator: the sample monolith's largest table (order_items: composite key, numerics) with N rows on a
 * monolith and a service database (two PostgreSQL databases on one embedded server), 0.1 % of the rows in each of four
 * discrepancy kinds, validated by streaming merge and by checksum push-down, next to the physical baseline (one
 * sequential scan hashing every row inside PostgreSQL). Prints one JSON object on stdout.
 *
 * <p>Arguments: {@code sizes...} (default 1000000); system properties {@code parallelism} (default 2) and
 * {@code serviceEngine} ({@code postgresql}, or {@code mariadb} for a cross-engine run with the service on MariaDB).
 */
public final class ValidatorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Long.parseLong(arg.replace("_", "")));
        }
        if (sizes.isEmpty()) {
            sizes.add(1_000_000L);
        }
        int parallelism = Integer.getInteger("parallelism", 2);
        ObjectNode out = JSON.createObjectNode();
        out.put("scenario", "04-validator").put("cores", Runtime.getRuntime().availableProcessors())
                .put("parallelism", parallelism).put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
        ArrayNode runs = out.putArray("runs");
        boolean mariaDbService = "mariadb".equalsIgnoreCase(System.getProperty("serviceEngine", "postgresql"));
        out.put("serviceEngine", mariaDbService ? "mariadb" : "postgresql");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
             EmbeddedMariaDb mariaDb = mariaDbService ? EmbeddedMariaDb.start() : null) {
            warmUp(postgres, parallelism);
            int round = 0;
            for (long rows : sizes) {
                round++;
                DatabaseInfo monolith = postgres.createDatabase("bench_monolith_" + round);
                DatabaseInfo service = mariaDb != null ? mariaDb.createDatabase("bench_service_" + round)
                        : postgres.createDatabase("bench_service_" + round);
                long generateStart = System.nanoTime();
                generate(monolith, rows);
                generate(service, rows);
                long injected = inject(monolith, service);
                double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
                ObjectNode run = runs.addObject();
                run.put("rowsPerSide", rows).put("injectedPerKind", injected).put("generateSeconds", round3(generateSeconds));
                double baseline = baseline(monolith);
                // the baseline is PostgreSQL's; with a MariaDB service the monolith's scan counts twice
                double baselineService = mariaDb != null ? baseline : baseline(service);
                run.put("baselineSeconds", round3(baseline)).put("baselineBothSidesSeconds", round3(baseline + baselineService))
                        .put("baselineRowsPerSecond", Math.round(rows / baseline));
                Validator validator = validator(monolith, service);
                for (ValidationMode mode : List.of(ValidationMode.MERGE, ValidationMode.CHECKSUM)) {
                    ObjectNode result = run.putObject(mode.label());
                    measure(validator, mode, parallelism, rows, baseline, result);
                }
                // the checksum mode's case: a few scattered differences, most segments never leave the database
                try (Connection c = connect(monolith); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE order_items");
                }
                generate(monolith, rows);
                try (Connection c = connect(service); Statement s = c.createStatement()) {
                    s.execute("DROP TABLE order_items");
                }
                generate(service, rows);
                try (Connection c = connect(service); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE order_items SET quantity = quantity + 1 WHERE line_no = 2 AND order_id IN ("
                            + (rows / 3 / 7) + ", " + (rows / 3 / 3) + ", " + (rows / 3 / 2) + ", " + (rows / 3 - 5) + ")");
                }
                ObjectNode sparse = run.putObject("sparse4Differences");
                for (ValidationMode mode : List.of(ValidationMode.CHECKSUM, ValidationMode.MERGE)) {
                    measure(validator, mode, parallelism, rows, baseline, sparse.putObject(mode.label()));
                }
            }
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    /** JIT and class loading happen here, on 100,000 rows, not in the measured runs. */
    private static void warmUp(EmbeddedPostgres postgres, int parallelism) throws SQLException {
        DatabaseInfo monolith = postgres.createDatabase("bench_warm_monolith");
        DatabaseInfo service = postgres.createDatabase("bench_warm_service");
        generate(monolith, 100_000);
        generate(service, 100_000);
        inject(monolith, service);
        Validator validator = validator(monolith, service);
        for (ValidationMode mode : List.of(ValidationMode.MERGE, ValidationMode.CHECKSUM, ValidationMode.MERGE)) {
            validator.validate(List.of(), ValidationOptions.defaults().withMode(mode).withParallelism(parallelism));
        }
    }

    private static Validator validator(DatabaseInfo monolith, DatabaseInfo service) {
        return Validator.create(source("monolith", monolith), source("service", service),
                Mappings.parse("bench.yaml", """
                        mappings:
                          - name: order_items
                            monolith: public.order_items
                            service: %s.order_items
                        """.formatted(service.engine().equals("mariadb") ? service.database() : "public")));
    }

    private static void measure(Validator validator, ValidationMode mode, int parallelism, long rows, double baseline,
                                ObjectNode out) throws InterruptedException {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        ValidationResult result = validator.validate(List.of(), ValidationOptions.defaults().withMode(mode)
                .withParallelism(parallelism));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed(); // the result (with its discrepancy details) is still live
        TableValidation table = result.tables().get(0);
        out.put("discrepancyDetailsKept", table.discrepancies().size());
        out.put("seconds", round3(seconds)).put("rowsPerSecondPerSide", Math.round(rows / seconds))
                .put("ratioToBaseline", round3(seconds / baseline)).put("segments", table.segments())
                .put("rowsStreamedIntoJvm", table.rowsMerged()).put("peakHeapMb", peak.get() >> 20)
                .put("heapBeforeMb", before >> 20).put("heapRetainedAfterGcMb", retained >> 20)
                .put("missingOnService", table.missingOnService()).put("missingOnMonolith", table.missingOnMonolith())
                .put("differing", table.differingRows()).put("matching", table.matchingRows())
                .put("consistencyPercent", table.consistencyPercent());
    }

    /** order_items as in the sample monolith (foreign keys left out): order ids 1..n/3, lines 1..3. */
    private static void generate(DatabaseInfo db, long rows) throws SQLException {
        if (db.engine().equals("mariadb")) {
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE order_items (order_id BIGINT NOT NULL, line_no SMALLINT NOT NULL,"
                        + " product_id BIGINT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(12,2) NOT NULL,"
                        + " discount_rate DECIMAL(5,4), PRIMARY KEY (order_id, line_no))");
                s.execute("INSERT INTO order_items SELECT 1 + (seq - 1) DIV 3, 1 + (seq - 1) % 3, 1 + (seq * 7919) % 100000,"
                        + " 1 + seq % 5, (seq % 10000) / 100.0, (seq % 50) / 100.0 FROM seq_1_to_" + rows);
                s.execute("ANALYZE TABLE order_items");
            }
            return;
        }
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE order_items (order_id bigint NOT NULL, line_no smallint NOT NULL,"
                    + " product_id bigint NOT NULL, quantity integer NOT NULL, unit_price numeric(12,2) NOT NULL,"
                    + " discount_rate numeric(5,4), PRIMARY KEY (order_id, line_no))");
            s.execute("INSERT INTO order_items SELECT 1 + (i - 1) / 3, 1 + (i - 1) % 3, 1 + (i::bigint * 7919) % 100000,"
                    + " 1 + i % 5, ((i % 10000) / 100.0)::numeric(12,2), ((i % 50) / 100.0)::numeric(5,4)"
                    + " FROM generate_series(1, " + rows + ") i");
            s.execute("VACUUM ANALYZE order_items");
        }
    }

    /** 0.1 % of rows per kind, chosen by a hash of the key: missing on each side, one column different, NULL vs value. */
    private static long inject(DatabaseInfo monolith, DatabaseInfo service) throws SQLException {
        String pick = "(order_id * 7 + line_no * 131) % 1000 = ";
        long count;
        try (Connection c = connect(service); Statement s = c.createStatement()) {
            count = s.executeUpdate("DELETE FROM order_items WHERE " + pick + "0");
            s.executeUpdate("UPDATE order_items SET quantity = quantity + 1 WHERE " + pick + "2");
            s.executeUpdate("UPDATE order_items SET discount_rate = NULL WHERE " + pick + "3");
            s.execute(service.engine().equals("mariadb") ? "ANALYZE TABLE order_items" : "VACUUM ANALYZE order_items");
        }
        try (Connection c = connect(monolith); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM order_items WHERE " + pick + "1");
            s.execute("VACUUM ANALYZE order_items");
        }
        return count;
    }

    private static double baseline(DatabaseInfo db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("SELECT sum(hashtext(t::text)) FROM order_items t"); // warm the cache like the validator's runs
            long start = System.nanoTime();
            try (ResultSet rs = s.executeQuery("SELECT sum(hashtext(t::text)) FROM order_items t")) {
                rs.next();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static ConnectionSource source(String name, DatabaseInfo db) {
        return ConnectionSource.of(name, db.jdbcUrl(), db.user(), db.password());
    }

    private static Connection connect(DatabaseInfo db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
