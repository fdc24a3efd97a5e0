package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.ApplySink;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.topic.TopicNames;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot-row invariant of issue #15: a bank of {@value #ACCOUNTS} accounts in a PostgreSQL monolith and the same
 * tables in a PostgreSQL service, synchronised both ways with {@code counters: [balance, credit]} (last-write-wins for
 * the rest of the row). Two writers per database run transfer-style transactions on the same hot rows (debit one
 * account, credit another, insert both ledger rows), deposits (one account, one ledger row) and renames of the owner
 * (a plain column), while the sync is SIGKILLed and restarted on its dirty state, one capture is SIGKILLed and
 * restarted and one apply sink is closed and restarted, at moments drawn from the seed.
 *
 * <p>While they run, a sampler on each database checks in every snapshot it reads that each account's balance and
 * credit equal the sums of its ledger rows: the invariant every source transaction keeps, so it holds at every
 * moment only if the apply sink writes each transaction the other side committed whole (issue #16 item 4), never
 * the account updates without their ledger rows or one account of a transfer without the other.
 *
 * <p>Then, after quiescence: both databases identical (accounts and ledger), every ledger row written on either side
 * present once on both, and on each side every account's balance and credit equal the sum of its ledger deltas. With
 * {@code -Dledger.it.counters=false} the mapping leaves {@code counters} out: the balances then follow last-write-wins
 * as whole values and the ledger check fails (concurrent increments on both sides overwrite each other), which is what
 * this test exists to catch.
 *
 * <p>Seeds as for {@link SampleMonolithSyncIT}: {@code -Dsync.it.seeds=<n>} (default 2; {@code -Pconvergence}: 50),
 * {@code -Dsync.it.seed=<seed>} replays one. Child JVM logs go to {@code target/ledger-sync/run-*}.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerCountersSyncIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(LedgerCountersSyncIT.class);
    private static final int ACCOUNTS = 6;
    private static final Duration QUIESCENCE = Duration.ofSeconds(180);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<String> TABLES = List.of("account", "ledger");
    private static final Path EXAMPLE = Path.of("examples", "ledger-counters-mappings.yaml");

    private TestKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private SyncPipelineProcesses processes;
    private String prefix;
    private Path dir;
    private final Map<Side, ChildJvm> captures = new EnumMap<>(Side.class);
    private final Map<Side, ApplySink> applies = new EnumMap<>(Side.class);
    private ChildJvm sync;
    private int syncStarts;
    /** Ledger rows of the runs before this one. */
    private long ledgerCountBefore;

    @BeforeAll
    void startPipeline(TestKafka kafka, @Postgres TestDatabase monolith, EmbeddedPostgres server) throws Exception {
        this.kafka = kafka;
        DatabaseInfo info = server.createDatabase("ledger_svc_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet());
        TestDatabase service = new TestDatabase(info.engine(), info.host(), info.port(), info.database(), info.user(),
                info.password());
        try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO " + monolith.user());
            s.execute("GRANT SET ON PARAMETER session_replication_role TO " + service.user());
        }
        for (TestDatabase db : List.of(monolith, service)) {
            execute(db, "CREATE TABLE account (id bigint PRIMARY KEY, owner text NOT NULL, balance bigint NOT NULL,"
                    + " credit numeric(14,2) NOT NULL)");
            // a counter's delta is after - before: every update must log its old row
            execute(db, "ALTER TABLE account REPLICA IDENTITY FULL");
            execute(db, "CREATE TABLE ledger (id text PRIMARY KEY, account_id bigint NOT NULL, delta bigint NOT NULL,"
                    + " credit_delta numeric(14,2) NOT NULL)");
        }
        for (long id = 1; id <= ACCOUNTS; id++) {
            execute(monolith, "INSERT INTO account VALUES (" + id + ", 'opened', 0, 0.00)");
        }

        registry = EmbeddedSchemaRegistry.startInMemory();
        prefix = kafka.uniqueTopic("ledger-sync").replace('_', '-');
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "ledger-sync")), "run-").toAbsolutePath();
        TopicNames names = new TopicNames(prefix);
        for (String table : TABLES) {
            kafka.createTopic(names.cdc("monolith", "public", table), 3, Map.of());
            kafka.createTopic(names.cdc("service", "public", table), 3, Map.of());
        }
        kafka.createTopic(names.apply("monolith"), 3, Map.of());
        kafka.createTopic(names.apply("service"), 3, Map.of());
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        Path mappingsFile = dir.resolve("mappings.yaml");
        boolean counters = Boolean.parseBoolean(System.getProperty("ledger.it.counters", "true"));
        // the example users read; without counters, the same file with the counters line left out
        String example = Files.readString(EXAMPLE);
        Files.writeString(mappingsFile, counters ? example : example.replaceAll("(?m)^\\s*counters:.*\\n", ""));
        processes = new SyncPipelineProcesses(kafka, registry.url(), prefix, dir, mappingsFile, monolith, service, 3);

        for (Side side : Side.values()) {
            captures.put(side, processes.startCapture(side));
            applies.put(side, processes.startApply(side));
        }
        sync = startSync();
        await().atMost(QUIESCENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertChildrenAlive();
            assertThat(accounts(Side.SERVICE)).hasSize(ACCOUNTS).isEqualTo(accounts(Side.MONOLITH));
        });
    }

    @AfterAll
    void stopEverything() {
        if (sync != null) {
            sync.kill();
        }
        captures.values().forEach(ChildJvm::kill);
        applies.values().forEach(ApplySink::close);
        if (registry != null) {
            registry.close();
        }
    }

    static Stream<Arguments> seeds() {
        return ConvergenceSeeds.of(2);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldKeepEveryBalanceEqualToItsLedgerOnBothSidesUnderHotTransfersAndRestarts(long seed, int run)
            throws Exception {
        LOGGER.info("LedgerCountersSyncIT run {} seed {} (replay with -Dsync.it.seed={})", run, seed, seed);
        try {
            run(seed, run);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("ledger sync failed with seed " + seed + " (replay with -Dsync.it.seed=" + seed
                    + "; child logs in " + dir + "): " + e.getMessage(), e);
        }
    }

    private void run(long seed, int run) throws Exception {
        Random random = new Random(seed);
        Side captureSide = random.nextBoolean() ? Side.MONOLITH : Side.SERVICE;
        Side applySide = random.nextBoolean() ? Side.MONOLITH : Side.SERVICE;
        List<Event> events = new ArrayList<>();
        ChildJvm[] killed = new ChildJvm[1];
        long syncKill = 100 + random.nextInt(500);
        events.add(new Event(syncKill, "sync killed", () -> sync.kill()));
        // the restarted instance finds the killed one's state directory: dirty state under exactly-once
        events.add(new Event(syncKill + 100 + random.nextInt(300), "sync restarted", () -> sync = startSync()));
        long captureKill = 100 + random.nextInt(500);
        events.add(new Event(captureKill, captureSide.label() + " capture killed",
                () -> captures.remove(captureSide).kill()));
        events.add(new Event(captureKill + 100 + random.nextInt(300), captureSide.label() + " capture restarted",
                () -> captures.put(captureSide, processes.startCapture(captureSide))));
        long applyClose = 100 + random.nextInt(500);
        events.add(new Event(applyClose, applySide.label() + " apply closed", () -> applies.remove(applySide).close()));
        events.add(new Event(applyClose + 50 + random.nextInt(250), applySide.label() + " apply restarted",
                () -> applies.put(applySide, processes.startApply(applySide))));
        events.sort(Comparator.comparingLong(Event::atTransactions));
        long end = events.get(events.size() - 1).atTransactions() + 200;

        // When: two writers per database move money between the same hot accounts while processors die
        List<BankWriter> writers = new ArrayList<>();
        for (Side side : Side.values()) {
            for (int thread = 0; thread < 2; thread++) {
                writers.add(new BankWriter(processes.database(side), side.label().charAt(0) + "-" + run + "-" + thread,
                        new Random(seed * 31 + side.ordinal() * 7L + thread)));
            }
        }
        List<InvariantSampler> samplers = new ArrayList<>();
        for (Side side : Side.values()) {
            samplers.add(new InvariantSampler(processes.database(side), side));
        }
        samplers.forEach(Thread::start);
        writers.forEach(BankWriter::start);
        try {
            for (Event event : events) {
                await().atMost(Duration.ofSeconds(120)).until(() -> committed(writers) >= event.atTransactions());
                LOGGER.info("Run {} at {} transactions: {}", run, committed(writers), event.name());
                event.action().run();
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> committed(writers) >= end);
        } finally {
            for (BankWriter writer : writers) {
                writer.stopAndJoin();
            }
        }
        long ledgerRows = writers.stream().mapToLong(BankWriter::ledgerRows).sum();
        long failed = writers.stream().mapToLong(BankWriter::failed).sum();
        LOGGER.info("Run {}: {} transactions committed ({} ledger rows), {} rolled back (capture {}, apply {})", run,
                committed(writers), ledgerRows, failed, captureSide.label(), applySide.label());

        // Then: after quiescence both databases are identical and hold every ledger row once
        try {
            await().atMost(QUIESCENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertChildrenAlive();
                assertThat(ledgerCount(Side.MONOLITH)).as("ledger rows on the monolith")
                        .isEqualTo(ledgerCount(Side.SERVICE));
                assertThat(accounts(Side.SERVICE)).isEqualTo(accounts(Side.MONOLITH));
                assertThat(ledgerSums(Side.SERVICE)).isEqualTo(ledgerSums(Side.MONOLITH));
            });
        } finally {
            // sampled until here: the sinks write the last transactions while the pipeline catches up
            for (InvariantSampler sampler : samplers) {
                sampler.stopAndJoin();
            }
        }
        for (InvariantSampler sampler : samplers) {
            LOGGER.info("Run {}: {} {} snapshots sampled, {} with an account off its ledger", run,
                    sampler.side.label(), sampler.samples, sampler.violations.size());
            assertThat(sampler.samples).as("%s snapshots sampled", sampler.side.label()).isPositive();
            assertThat(sampler.violations).as("%s snapshots where an account's balance or credit was not the sum of its"
                    + " ledger (a source transaction applied in parts)", sampler.side.label()).isEmpty();
        }
        assertThat(ledgerCount(Side.MONOLITH) - ledgerCountBefore).as("ledger rows written in this run, once each")
                .isEqualTo(ledgerRows);

        // And: on each side every balance and credit is the sum of its ledger: no increment lost or added twice
        for (Side side : Side.values()) {
            Map<Long, Money> accounts = accounts(side);
            Map<Long, Money> ledger = ledgerSums(side);
            Map<Long, Money> balances = new TreeMap<>();
            accounts.forEach((id, account) -> balances.put(id, new Money(account.balance(), account.credit(), "")));
            assertThat(balances).as("%s: balances (owner left out) against the sums of the ledger", side.label())
                    .isEqualTo(ledger);
        }
        assertThat(CommittedRecords.count(kafka, new TopicNames(prefix).syncDlq())).as("dead letters").isZero();
        ledgerCountBefore = ledgerCount(Side.MONOLITH);
        LOGGER.info("Run {} converged: {} ledger rows, balances {}", run, ledgerCountBefore, accounts(Side.MONOLITH));
    }

    private static long committed(List<BankWriter> writers) {
        return writers.stream().mapToLong(BankWriter::committed).sum();
    }

    /** Balance and credit of an account, or the sums of its ledger deltas (owner empty). */
    private record Money(long balance, BigDecimal credit, String owner) {
        Money {
            credit = credit.setScale(2);
        }
    }

    private record Event(long atTransactions, String name, CheckedRunnable action) {
    }

    private interface CheckedRunnable {
        void run() throws Exception;
    }

    /**
     * One application thread on one database: transfers (debit and credit in id order, as applications lock to avoid
     * deadlocks), deposits and owner renames of the hot accounts, about 60 transactions a second. A transaction the
     * database rolls back (a deadlock with the apply sink, a lock timeout) is counted as failed and its ledger rows
     * are not counted, as they never existed.
     */
    private static final class BankWriter extends Thread {

        private final TestDatabase db;
        private final String tag;
        private final Random random;
        private final AtomicLong committed = new AtomicLong();
        private final AtomicLong ledgerRows = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private volatile boolean running = true;
        private volatile Throwable error;
        private long sequence;

        BankWriter(TestDatabase db, String tag, Random random) {
            super("bank-writer-" + tag);
            this.db = db;
            this.tag = tag;
            this.random = random;
        }

        @Override
        public void run() {
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                while (running) {
                    try {
                        int rows = transaction(connection);
                        connection.commit();
                        committed.incrementAndGet();
                        ledgerRows.addAndGet(rows);
                    } catch (SQLException e) {
                        connection.rollback();
                        failed.incrementAndGet();
                    }
                    Thread.sleep(15);
                }
            } catch (Throwable e) {
                error = e;
            }
        }

        /** One transaction; returns the ledger rows it inserted. */
        private int transaction(Connection connection) throws SQLException {
            int kind = random.nextInt(10);
            long a = 1 + random.nextInt(ACCOUNTS);
            if (kind == 0) {
                try (PreparedStatement rename = connection.prepareStatement("UPDATE account SET owner = ? WHERE id = ?")) {
                    rename.setString(1, tag + "-" + sequence++);
                    rename.setLong(2, a);
                    rename.executeUpdate();
                }
                return 0;
            }
            long amount = 1 + random.nextInt(500);
            BigDecimal credit = BigDecimal.valueOf(random.nextInt(10_000), 2);
            if (kind < 3) {
                move(connection, a, amount, credit);
                return 1;
            }
            long b = 1 + (a + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            if (a < b) {
                move(connection, a, -amount, credit.negate());
                move(connection, b, amount, credit);
            } else {
                move(connection, b, amount, credit);
                move(connection, a, -amount, credit.negate());
            }
            return 2;
        }

        private void move(Connection connection, long account, long amount, BigDecimal credit) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE account SET balance = balance + ?, credit = credit + ? WHERE id = ?");
                 PreparedStatement entry = connection.prepareStatement(
                         "INSERT INTO ledger (id, account_id, delta, credit_delta) VALUES (?, ?, ?, ?)")) {
                update.setLong(1, amount);
                update.setBigDecimal(2, credit);
                update.setLong(3, account);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("account " + account + " missing on " + db.database());
                }
                entry.setString(1, tag + "-" + sequence++);
                entry.setLong(2, account);
                entry.setLong(3, amount);
                entry.setBigDecimal(4, credit);
                entry.executeUpdate();
            }
        }

        long committed() {
            return committed.get();
        }

        long ledgerRows() {
            return ledgerRows.get();
        }

        long failed() {
            return failed.get();
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join(30_000);
            if (error != null) {
                throw new AssertionError("writer " + getName() + " failed", error);
            }
        }
    }

    /**
     * Reads, in one statement (one snapshot), the accounts whose balance or credit differs from the sums of their
     * ledger rows, over and over until stopped; remembers the first few such snapshots.
     */
    private static final class InvariantSampler extends Thread {

        private static final String OFF_LEDGER = "SELECT a.id, a.balance, a.credit, coalesce(l.delta, 0),"
                + " coalesce(l.credit_delta, 0) FROM account a LEFT JOIN (SELECT account_id, sum(delta) AS delta,"
                + " sum(credit_delta) AS credit_delta FROM ledger GROUP BY account_id) l ON l.account_id = a.id"
                + " WHERE a.balance <> coalesce(l.delta, 0) OR a.credit <> coalesce(l.credit_delta, 0)";

        private final TestDatabase db;
        private final Side side;
        private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile long samples;
        private volatile boolean running = true;
        private volatile Throwable error;

        InvariantSampler(TestDatabase db, Side side) {
            super("ledger-sampler-" + side.label());
            setDaemon(true);
            this.db = db;
            this.side = side;
        }

        @Override
        public void run() {
            try (Connection connection = db.connect(); PreparedStatement query = connection.prepareStatement(OFF_LEDGER)) {
                while (running) {
                    try (ResultSet rs = query.executeQuery()) {
                        if (rs.next() && violations.size() < 5) {
                            violations.add("account " + rs.getLong(1) + ": balance " + rs.getLong(2) + ", credit "
                                    + rs.getBigDecimal(3) + " but ledger sums " + rs.getLong(4) + ", "
                                    + rs.getBigDecimal(5) + " (snapshot " + samples + ")");
                        }
                    }
                    samples++;
                    Thread.sleep(5); // pacing: the samplers share the machine with the writers and the pipeline
                }
            } catch (Throwable e) {
                error = e;
            }
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join(30_000);
            if (error != null) {
                throw new AssertionError("sampler " + getName() + " failed", error);
            }
        }
    }

    private ChildJvm startSync() {
        return processes.startSync("sync-" + syncStarts++, dir.resolve("state"));
    }

    private void assertChildrenAlive() {
        Stream.concat(Stream.of(sync), captures.values().stream()).forEach(child ->
                assertThat(child.isAlive()).as("child process %s", child).isTrue());
    }

    private Map<Long, Money> accounts(Side side) throws SQLException {
        Map<Long, Money> out = new TreeMap<>();
        try (Connection c = processes.database(side).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, balance, credit, owner FROM account")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Money(rs.getLong(2), rs.getBigDecimal(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** account → sums of its ledger deltas; an account without entries sums to zero. */
    private Map<Long, Money> ledgerSums(Side side) throws SQLException {
        Map<Long, Money> out = new TreeMap<>();
        for (long id = 1; id <= ACCOUNTS; id++) {
            out.put(id, new Money(0, BigDecimal.ZERO, ""));
        }
        try (Connection c = processes.database(side).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT account_id, sum(delta), sum(credit_delta) FROM ledger GROUP BY account_id")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Money(rs.getLong(2), rs.getBigDecimal(3), ""));
            }
        }
        return out;
    }

    private long ledgerCount(Side side) throws SQLException {
        try (Connection c = processes.database(side).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ledger")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
