package io.strangler.api;

import io.strangler.analyzer.Analyzer;
import io.strangler.analyzer.AnalyzerOptions;
import io.strangler.analyzer.evidence.LogFormat;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.PgStatStatementsReader;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The service boundary analyzer ({@code strangler analyze}): the monolith's foreign keys and, when given, its query
 * access patterns (SQL logs, {@code pg_stat_statements}) clustered into recommended services, with the same
 * {@link Analyzer} and {@link ReportWriter} the CLI uses.
 *
 * <pre>{@code
 * AnalysisResult result = ServiceBoundaryAnalyzer.builder()
 *         .database(monolith)
 *         .sqlLog(Path.of("workload.sql"))
 *         .services(3)
 *         .reportDir(Path.of("analysis"))       // report.md, boundaries/, mappings/ as the CLI writes them
 *         .run();
 * result.recommended().services();
 * }</pre>
 * See docs/analyzer.md for the evidence and the clustering.
 */
public final class ServiceBoundaryAnalyzer {

    /**
     * What the builder validated.
     *
     * @param schemas   schemas (PostgreSQL) or databases (MariaDB) to analyse; empty: the connection's current one
     * @param services  how many services to aim for; 0 lets the clustering decide
     * @param reportDir null: no files written
     */
    public record Settings(Database database, List<String> schemas, List<Path> sqlLogs, boolean pgStatStatements,
            int services, long seed, Path reportDir) {

        public Settings {
            InvalidSettingException.require("analyzer.database", database, "call database(Database)");
            schemas = List.copyOf(schemas);
            sqlLogs = List.copyOf(sqlLogs);
            for (Path log : sqlLogs) {
                if (!Files.isReadable(log)) {
                    throw new InvalidSettingException("analyzer.sqlLog", "cannot read " + log);
                }
            }
            if (services < 0) {
                throw new InvalidSettingException("analyzer.services", "must be 0 (automatic) or more, got "
                        + services);
            }
        }
    }

    private final Settings settings;

    private ServiceBoundaryAnalyzer(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Reads the evidence, recommends the services and, with a report directory, writes the reports.
     *
     * @throws SQLException when the monolith's catalogue or statistics cannot be read
     */
    public AnalysisResult analyze() throws SQLException {
        Database database = settings.database();
        SchemaEvidence schema;
        WorkloadEvidence workload = WorkloadEvidence.NONE;
        List<String> searchPath;
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password())) {
            searchPath = settings.schemas().isEmpty() ? List.of(currentSchema(connection)) : settings.schemas();
            schema = Analyzer.readSchema(connection, searchPath);
            StatementParser parser = new StatementParser(Analyzer.resolver(schema, searchPath));
            for (Path log : settings.sqlLogs()) {
                workload = workload.plus(SqlLogReader.read(log, (LogFormat) null, parser, ParseProgress.NONE));
            }
            if (settings.pgStatStatements()) {
                workload = workload.plus(PgStatStatementsReader.read(connection, parser, ParseProgress.NONE));
            }
        }
        AnalyzerOptions options = AnalyzerOptions.defaults().withSeed(settings.seed());
        if (settings.services() > 0) {
            options = options.withServices(settings.services());
        }
        String url = database.jdbcUrl();
        AnalysisResult result = new Analyzer(options).analyze(schema, workload,
                url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?')));
        if (settings.reportDir() != null) {
            ReportWriter.write(result, settings.reportDir());
        }
        return result;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        return schema != null ? schema : connection.getCatalog();
    }

    /** Collects the analyzer's settings. */
    public static final class Builder {

        private Database database;
        private final List<String> schemas = new ArrayList<>();
        private final List<Path> sqlLogs = new ArrayList<>();
        private boolean pgStatStatements;
        private int services;
        private long seed = AnalyzerOptions.DEFAULT_SEED;
        private Path reportDir;

        private Builder() {
        }

        /** The monolith. */
        public Builder database(Database value) {
            this.database = value;
            return this;
        }

        /** A schema (PostgreSQL) or database (MariaDB) to analyse; repeatable. */
        public Builder schema(String value) {
            schemas.add(InvalidSettingException.require("analyzer.schema", value, "a schema name"));
            return this;
        }

        /** A SQL file, PostgreSQL statement log, MySQL general log or one statement per line; repeatable. */
        public Builder sqlLog(Path file) {
            sqlLogs.add(InvalidSettingException.require("analyzer.sqlLog", file, "a log file"));
            return this;
        }

        /** Also read query access patterns from {@code pg_stat_statements}. */
        public Builder pgStatStatements(boolean value) {
            this.pgStatStatements = value;
            return this;
        }

        /** How many services to aim for; default 0, the clustering decides. */
        public Builder services(int value) {
            this.services = value;
            return this;
        }

        /** The clustering's seed: the same evidence and seed give the same recommendation. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Write report.md, report.json, boundaries and mappings files here, as {@code strangler analyze --out}. */
        public Builder reportDir(Path value) {
            this.reportDir = value;
            return this;
        }

        public ServiceBoundaryAnalyzer build() {
            return new ServiceBoundaryAnalyzer(new Settings(database, schemas, sqlLogs, pgStatStatements, services,
                    seed, reportDir));
        }

        /** {@link #build()}, then {@link ServiceBoundaryAnalyzer#analyze()}. */
        public AnalysisResult run() throws SQLException {
            return build().analyze();
        }
    }
}
