package io.strangler.analyzer.perf;

import io.strangler.analyzer.Analyzer;
import io.strangler.analyzer.AnalyzerOptions;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.metrics.PartitionAgreement;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.ReportWriter;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * perf/07-analyzer: {@code TABLES} tables in {@code DOMAINS} domains of foreign-key trees (a few keys cross domains),
 * and a PostgreSQL statement log of {@code STATEMENTS} statements from 40 sessions: joins within a domain, now and
 * then across, and multi-statement transactions. Times the whole {@code strangler analyze} path — catalogue read,
 * log parse, graph, Leiden sweep, reports — after a warm-up on a smaller log, next to the baseline of reading the
 * log's lines without parsing. Prints one JSON object.
 */
public final class AnalyzerBenchmark {

    static final int DOMAINS = 50;
    static final int SESSIONS = 40;

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int statements = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createTempDirectory("strangler-perf-analyzer");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            DatabaseInfo db = postgres.createDatabase("perf_analyzer");
            int perDomain = tables / DOMAINS;
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int d = 0; d < DOMAINS; d++) {
                    for (int t = 0; t < perDomain; t++) {
                        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name(d, t))
                                .append(" (id bigint PRIMARY KEY, payload text");
                        if (t > 0) {
                            ddl.append(", parent_id bigint REFERENCES ").append(name(d, (t - 1) / 2)).append(" (id)");
                        }
                        if (t == perDomain - 1 && d > 0 && d % 5 == 0) {
                            ddl.append(", other_id bigint REFERENCES ").append(name(d - 1, 0)).append(" (id)");
                        }
                        s.execute(ddl.append(")").toString());
                    }
                }
                c.commit();
            }
            Path log = work.resolve("postgresql.log");
            long generated = writeLog(log, statements, perDomain, 1L);
            Path warmLog = work.resolve("warmup.log");
            writeLog(warmLog, Math.max(1, statements / 10), perDomain, 2L);

            run(db, warmLog, work.resolve("warmup-out")); // JIT warm-up
            long baselineStart = System.nanoTime();
            long lines = 0;
            try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                while (reader.readLine() != null) {
                    lines++;
                }
            }
            double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9;
            Result r = run(db, log, work.resolve("out"));

            List<String> truth = new ArrayList<>();
            List<String> found = new ArrayList<>();
            r.result.recommended().assignment().forEach((table, service) -> {
                truth.add(table.name().substring(0, table.name().indexOf('_')));
                found.add(service);
            });
            System.out.printf(Locale.ROOT, "{\"tables\": %d, \"statements\": %d, \"logLines\": %d, \"logMegabytes\": %.1f,"
                            + " \"baselineReadSeconds\": %.3f, \"catalogSeconds\": %.3f, \"parseSeconds\": %.3f,"
                            + " \"statementsPerSecond\": %.0f, \"analyseSeconds\": %.3f, \"reportSeconds\": %.3f,"
                            + " \"totalSeconds\": %.3f, \"ratioToBaseline\": %.1f, \"services\": %d,"
                            + " \"adjustedRandIndexVsDomains\": %.3f, \"unparseable\": %d, \"heapUsedMegabytes\": %d,"
                            + " \"cores\": %d}%n",
                    tables, generated, lines, Files.size(log) / 1e6, baselineSeconds, r.catalogSeconds, r.parseSeconds,
                    generated / r.parseSeconds, r.analyseSeconds, r.reportSeconds, r.totalSeconds,
                    r.totalSeconds / baselineSeconds, r.result.recommended().services().size(),
                    PartitionAgreement.adjustedRandIndex(truth, found), r.workload.stats().unparseable(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Result(AnalysisResult result, WorkloadEvidence workload, double catalogSeconds, double parseSeconds,
            double analyseSeconds, double reportSeconds, double totalSeconds) {
    }

    private static Result run(DatabaseInfo db, Path log, Path out) throws Exception {
        long t0 = System.nanoTime();
        SchemaEvidence schema;
        try (Connection c = db.connect()) {
            schema = Analyzer.readSchema(c, List.of("public"));
        }
        long t1 = System.nanoTime();
        WorkloadEvidence workload = SqlLogReader.read(log, null,
                new StatementParser(Analyzer.resolver(schema, List.of("public"))), ParseProgress.NONE);
        long t2 = System.nanoTime();
        AnalysisResult result = new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, "perf");
        long t3 = System.nanoTime();
        ReportWriter.write(result, out);
        long t4 = System.nanoTime();
        return new Result(result, workload, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                (t4 - t0) / 1e9);
    }

    static String name(int domain, int table) {
        return "d" + domain + "_t" + table;
    }

    /** A PostgreSQL stderr log (default log_line_prefix '%m [%p] '), sessions interleaved. */
    private static long writeLog(Path file, int statements, int perDomain, long seed) throws Exception {
        Random random = new Random(seed);
        long written = 0;
        long micros = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < statements) {
                int pid = 1000 + random.nextInt(SESSIONS);
                int domain = random.nextInt(DOMAINS);
                List<String> unit = new ArrayList<>();
                int t = 1 + random.nextInt(perDomain - 1);
                int parent = (t - 1) / 2;
                switch (random.nextInt(4)) {
                    case 0 -> { // a write transaction on a parent and its child
                        long id = random.nextInt(1_000_000);
                        unit.add("BEGIN");
                        unit.add("UPDATE " + name(domain, parent) + " SET payload = 'p" + id + "' WHERE id = " + id);
                        unit.add("INSERT INTO " + name(domain, t) + " (id, payload, parent_id) VALUES (" + (id + 1)
                                + ", 'x', " + id + ")");
                        if (random.nextInt(10) == 0) { // now and then a write across domains
                            int other = (domain + 1) % DOMAINS;
                            unit.add("UPDATE " + name(other, 0) + " SET payload = 'y' WHERE id = " + id);
                        }
                        unit.add("COMMIT");
                    }
                    case 1 -> unit.add("SELECT c.id, p.payload FROM " + name(domain, t) + " c JOIN " + name(domain, parent)
                            + " p ON p.id = c.parent_id WHERE c.id = " + random.nextInt(1_000_000));
                    case 2 -> unit.add("SELECT * FROM " + name(domain, t) + " WHERE parent_id IN (SELECT id FROM "
                            + name(domain, parent) + " WHERE payload = 'k" + random.nextInt(1000) + "') LIMIT 20");
                    default -> unit.add("SELECT id, payload FROM " + name(domain, t) + " WHERE id = "
                            + random.nextInt(1_000_000));
                }
                for (String sql : unit) {
                    micros += 37;
                    out.write(String.format(Locale.ROOT, "2026-12-07 01:%02d:%02d.%06d UTC [%d] LOG:  statement: %s%n",
                            (micros / 60_000_000) % 60, (micros / 1_000_000) % 60, micros % 1_000_000, pid, sql));
                    written++;
                }
            }
        }
        return written;
    }
}
