package io.strangler.cli.analyze;

import io.strangler.analyzer.Analyzer;
import io.strangler.analyzer.AnalyzerOptions;
import io.strangler.analyzer.clustering.Constraints;
import io.strangler.analyzer.event.BoundaryRecommendationEvents;
import io.strangler.analyzer.evidence.CdcTransactionsReader;
import io.strangler.analyzer.evidence.LogFormat;
import io.strangler.analyzer.evidence.ParseProgress;
import io.strangler.analyzer.evidence.PgStatStatementsReader;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.SqlLogReader;
import io.strangler.analyzer.evidence.StatementParser;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TableResolver;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.EvidenceWeights;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.JsonReport;
import io.strangler.analyzer.report.ReportWriter;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.BoundaryRecommendation;
import io.strangler.schemas.TransactionEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strangler analyze --jdbc URL [--sql-log FILE] [--stats] [--cdc-transactions SOURCE] --out DIR}: recommends
 * service boundaries from the schema, the workload and the transactions (docs/analyzer.md).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recommend service boundaries: foreign keys, query access patterns and transaction boundaries form"
                + " a weighted table graph, clustered with Leiden. Writes report.json, report.md (with a Mermaid diagram),"
                + " boundaries.dot, boundaries/<service>.boundary.json (for the generator) and"
                + " mappings/<service>-mappings.yaml (for the sync) into --out.",
                "Example: strangler analyze --jdbc jdbc:postgresql://localhost/shop --user shop --password-env PGPASSWORD"
                        + " --sql-log workload.sql --stats --out analysis/ --services 4 --pin orders,payments"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "JDBC URL of the monolith database.")
    String jdbcUrl;

    @Option(names = "--user", description = "Database user.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file (first line).")
    Path passwordFile;

    @Option(names = "--schema", paramLabel = "NAME", description = "Schema (PostgreSQL) or database (MariaDB) to analyse;"
            + " repeatable. Default: the connection's current one.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--sql-log", paramLabel = "FILE", description = "A SQL file (statements ending in ';', BEGIN/COMMIT"
            + " marking transactions), a PostgreSQL statement log, a MySQL general log or one statement per line;"
            + " repeatable.")
    List<Path> sqlLogs = new ArrayList<>();

    @Option(names = "--sql-log-format", paramLabel = "FORMAT", description = "Format of --sql-log files: ${COMPLETION-CANDIDATES};"
            + " default: recognised from the first lines.")
    LogFormat sqlLogFormat;

    @Option(names = "--stats", description = "Read query access patterns from pg_stat_statements.")
    boolean stats;

    @Option(names = "--cdc-transactions", paramLabel = "SOURCE", description = "Read transaction boundaries from capture's"
            + " <prefix>.cdc.<SOURCE>.transactions topic (needs --bootstrap-servers and --schema-registry); repeatable.")
    List<String> cdcSources = new ArrayList<>();

    @Option(names = "--cdc-changes", paramLabel = "SOURCE", description = "Read transaction boundaries from capture's"
            + " change topics <prefix>.cdc.<SOURCE>.<schema>.<table>, grouped by transaction id (when the transactions"
            + " topic is not kept); repeatable.")
    List<String> cdcChangeSources = new ArrayList<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka, for --cdc-transactions and to"
            + " publish the BoundaryRecommendation event on <prefix>.analyzer.boundaries.")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL", description = "Schema registry (Confluent REST API).")
    String schemaRegistry;

    @Option(names = "--topic-prefix", defaultValue = TopicNames.DEFAULT_PREFIX, description = "Topic prefix (default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the reports and files go.")
    Path out;

    @Option(names = "--services", paramLabel = "N", description = "Recommend exactly N services (default: the split the"
            + " evidence supports best).")
    Integer services;

    @Option(names = "--resolution", paramLabel = "R", description = "Leiden resolution instead of a sweep (1 = modularity;"
            + " higher gives more, smaller services).")
    Double resolution;

    @Option(names = "--pin", paramLabel = "T1,T2,...", description = "Keep these tables in one"
            + " service; repeatable.")
    List<String> pins = new ArrayList<>();

    @Option(names = "--apart", paramLabel = "T1,T2,...", description = "Keep these tables in different services; repeatable.")
    List<String> aparts = new ArrayList<>();

    @Option(names = "--assign", paramLabel = "TABLE=SERVICE", description = "Put a table in a named service; repeatable.")
    Map<String, String> assignments = new HashMap<>();

    @Option(names = "--min-tables", defaultValue = "1", description = "Merge smaller services into their neighbour (default ${DEFAULT-VALUE}).")
    int minTables;

    @Option(names = "--max-tables", defaultValue = "0", description = "Split larger services (default ${DEFAULT-VALUE}: no limit).")
    int maxTables;

    @Option(names = "--weight", paramLabel = "KIND=W", description = "Evidence weight: fk, naming, query, transaction"
            + " (defaults 1, 0.25, 1, 1); repeatable.")
    Map<String, Double> weights = new HashMap<>();

    @Option(names = "--seed", defaultValue = "42", description = "Leiden's random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print report.json instead of the summary.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (services != null && resolution != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --services or --resolution, not both");
        }
        PrintWriter err = spec.commandLine().getErr();
        ParseProgress progress = (source, statements, perSecond, done) -> {
            err.printf(Locale.ROOT, "%s: %,d statements%s, %,.0f statements/s%n", source, statements, done ? " (done)" : "",
                    perSecond);
            err.flush();
        };
        SchemaEvidence schema;
        WorkloadEvidence workload = WorkloadEvidence.NONE;
        List<String> searchPath;
        try (Connection connection = connect()) {
            searchPath = schemas.isEmpty() ? List.of(currentSchema(connection)) : List.copyOf(schemas);
            schema = Analyzer.readSchema(connection, searchPath);
            TableResolver resolver = Analyzer.resolver(schema, searchPath);
            StatementParser parser = new StatementParser(resolver);
            for (Path log : sqlLogs) {
                if (!Files.isReadable(log)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --sql-log " + log);
                }
                workload = workload.plus(SqlLogReader.read(log, sqlLogFormat, parser, progress));
            }
            if (stats) {
                workload = workload.plus(PgStatStatementsReader.read(connection, parser, progress));
            }
            for (String source : cdcSources) {
                workload = workload.plus(readCdc(source, resolver));
            }
            for (String source : cdcChangeSources) {
                workload = workload.plus(readCdcChanges(source, schema, resolver));
            }
        }
        TableResolver resolver = Analyzer.resolver(schema, searchPath);
        AnalyzerOptions options = new AnalyzerOptions(weights(), constraints(resolver), seed,
                services == null ? 0 : services, resolution, 2);
        AnalysisResult result = new Analyzer(options).analyze(schema, workload, database());
        List<Path> files = ReportWriter.write(result, out);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.print(JsonReport.render(result));
        } else {
            AnalysisSummary.print(stdout, result);
            stdout.printf(Locale.ROOT, "%nWrote %d files into %s: report.md, report.json, boundaries.dot, boundaries/,"
                    + " mappings/%n", files.size(), out);
        }
        if (bootstrapServers != null) {
            publish(result);
            (json ? err : stdout).println("published the recommendation to " + new TopicNames(topicPrefix).analyzerBoundaries());
        }
        stdout.flush();
        return 0;
    }

    private Connection connect() throws IOException, SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        String password = password();
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private String password() throws IOException {
        if (passwordEnv != null && passwordFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --password-env or --password-file, not both");
        }
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "environment variable " + passwordEnv
                        + " (--password-env) is not set");
            }
            return value;
        }
        if (passwordFile != null) {
            List<String> lines = Files.readAllLines(passwordFile);
            return lines.isEmpty() ? "" : lines.get(0);
        }
        return null;
    }

    private static String currentSchema(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        return schema != null ? schema : connection.getCatalog();
    }

    /** The URL without its query string, which may carry credentials. */
    private String database() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private EvidenceWeights weights() {
        EvidenceWeights d = EvidenceWeights.DEFAULT;
        Set<String> known = Set.of("fk", "naming", "query", "transaction");
        for (String kind : weights.keySet()) {
            if (!known.contains(kind)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown evidence kind '" + kind
                        + "' in --weight (known: fk, naming, query, transaction)");
            }
        }
        try {
            return new EvidenceWeights(weights.getOrDefault("fk", d.foreignKey()), weights.getOrDefault("naming", d.naming()),
                    weights.getOrDefault("query", d.query()), weights.getOrDefault("transaction", d.transaction()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Constraints constraints(TableResolver resolver) {
        Constraints constraints = Constraints.NONE;
        try {
            constraints = constraints.withSizeLimits(minTables, maxTables);
            for (String pin : pins) {
                constraints = constraints.withTogether(tables(resolver, pin, "--pin"));
            }
            for (String apart : aparts) {
                constraints = constraints.withApart(tables(resolver, apart, "--apart"));
            }
            for (Map.Entry<String, String> assignment : assignments.entrySet()) {
                constraints = constraints.withFixed(table(resolver, assignment.getKey(), "--assign"),
                        io.strangler.analyzer.report.DecompositionBuilder.serviceName(assignment.getValue()));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return constraints;
    }

    private Set<TableName> tables(TableResolver resolver, String list, String option) {
        Set<TableName> tables = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                tables.add(table(resolver, name.strip(), option));
            }
        }
        return tables;
    }

    private TableName table(TableResolver resolver, String name, String option) {
        int dot = name.lastIndexOf('.');
        String schema = dot > 0 ? name.substring(0, dot) : null;
        String table = dot > 0 ? name.substring(dot + 1) : name;
        return resolver.resolve(schema, table).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown table '" + name + "' in " + option));
    }

    private WorkloadEvidence readCdc(String source, TableResolver resolver) {
        requireKafka("--cdc-transactions");
        Topics topics = new Topics(new TopicNames(topicPrefix), RestSchemaRegistryClient.create(schemaRegistry));
        Topic<String, TransactionEvent> topic = topics.avro(topics.names().cdcTransactions(source), TransactionEvent.class);
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return CdcTransactionsReader.read(config, topic, resolver, Duration.ofSeconds(60));
    }

    private WorkloadEvidence readCdcChanges(String source, SchemaEvidence schema, TableResolver resolver) {
        requireKafka("--cdc-changes");
        Topics topics = new Topics(new TopicNames(topicPrefix), RestSchemaRegistryClient.create(schemaRegistry));
        List<Topic<String, io.strangler.schemas.RowChange>> changeTopics = new ArrayList<>();
        for (TableName table : schema.tables()) {
            try {
                changeTopics.add(topics.cdc(source, table.schema(), table.name()));
            } catch (IllegalArgumentException e) {
                // a name capture could not have published under (a '.' or space in it): no topic to read
            }
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return CdcTransactionsReader.readRowChanges(config, changeTopics, resolver, Duration.ofSeconds(120));
    }

    private void publish(AnalysisResult result) {
        requireKafka("--bootstrap-servers");
        Topics topics = new Topics(new TopicNames(topicPrefix), RestSchemaRegistryClient.create(schemaRegistry));
        Topic<String, BoundaryRecommendation> topic = topics.avro(topics.names().analyzerBoundaries(),
                BoundaryRecommendation.class);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "strangler-analyzer");
        try (KafkaProducer<String, BoundaryRecommendation> producer = new KafkaProducer<>(props,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            BoundaryRecommendationEvents.publish(result, producer, topic);
        }
    }

    private void requireKafka(String option) {
        if (bootstrapServers == null || schemaRegistry == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), option
                    + " needs --bootstrap-servers and --schema-registry");
        }
    }
}
