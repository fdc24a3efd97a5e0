package io.strangler.cli.env;

import io.strangler.cli.internal.StartedResources;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack of {@code env up} and {@code demo}: one KRaft Kafka broker, the schema registry (kept in a
 * compacted topic on that broker), and two PostgreSQL servers, "monolith" (sample shop schema and data) and
 * "service" (empty). Starts in dependency order and closes in reverse, also when start-up fails half-way.
 */
public final class EmbeddedEnvironment implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedEnvironment.class);

    /**
     * How to start the stack; ports of 0 pick free ones. {@code seedService} fills the service database with the
     * same seeded data as the monolith (what the sync's bootstrap copy produces) instead of leaving it empty.
     */
    public record Settings(Path workDir, int kafkaPort, int registryPort, int monolithPort, int servicePort,
                           int sampleRows, long seed, boolean seedService) {
        public Settings {
            Objects.requireNonNull(workDir, "workDir");
            requirePort("kafka-port", kafkaPort);
            requirePort("registry-port", registryPort);
            requirePort("monolith-port", monolithPort);
            requirePort("service-port", servicePort);
            if (sampleRows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, got " + sampleRows);
            }
        }

        private static void requirePort(String name, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
            }
        }
    }

    private final StartedResources started = new StartedResources();
    private final Map<String, Long> startupMillis = new LinkedHashMap<>();
    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private DatabaseInfo monolith;
    private DatabaseInfo service;
    private Map<String, Long> sampleCounts = Map.of();

    private EmbeddedEnvironment() {
    }

    /** Starts everything, reporting each step to {@code progress}; on failure stops what had started. */
    public static EmbeddedEnvironment start(Settings settings, Consumer<String> progress) {
        EmbeddedEnvironment environment = new EmbeddedEnvironment();
        try {
            environment.startAll(settings, progress);
            return environment;
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
    }

    private void startAll(Settings settings, Consumer<String> progress) {
        long begin = System.nanoTime();
        progress.accept("starting Kafka (KRaft, in-process)...");
        kafka = track(EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(settings.kafkaPort())));
        startupMillis.put("kafka", kafka.startupMillis());

        progress.accept("starting the schema registry...");
        long registryBegin = System.nanoTime();
        registry = track(EmbeddedSchemaRegistry.start(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), EmbeddedSchemaRegistry.DEFAULT_TOPIC,
                settings.registryPort()));
        startupMillis.put("registry", millisSince(registryBegin));

        progress.accept("starting PostgreSQL \"monolith\"...");
        EmbeddedPostgres monolithServer =
                track(EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults().withPort(settings.monolithPort())));
        startupMillis.put("monolith", monolithServer.startupMillis());
        monolith = monolithServer.createDatabase("monolith");
        allowReplicationSession(monolithServer, monolith);

        progress.accept("starting PostgreSQL \"service\"...");
        EmbeddedPostgres serviceServer =
                track(EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults().withPort(settings.servicePort())));
        startupMillis.put("service", serviceServer.startupMillis());
        service = serviceServer.createDatabase("service");
        allowReplicationSession(serviceServer, service);

        progress.accept("loading the sample monolith (" + settings.sampleRows() + " rows per main table)...");
        long sampleBegin = System.nanoTime();
        sampleCounts = loadSample(settings);
        startupMillis.put("sample", millisSince(sampleBegin));
        startupMillis.put("total", millisSince(begin));
        LOGGER.info("embedded environment ready in {} ms: {}", startupMillis.get("total"), startupMillis);
    }

    /**
     * Lets the database's user turn off foreign-key triggers for its session, as the apply sink does so that a
     * child row replicated before its parent is accepted (PostgreSQL 15+: SET ON PARAMETER, no superuser needed).
     */
    private static void allowReplicationSession(EmbeddedPostgres server, DatabaseInfo database) {
        try (Connection superuser = java.sql.DriverManager.getConnection(server.superuserJdbcUrl());
             java.sql.Statement statement = superuser.createStatement()) {
            statement.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + database.user() + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant session_replication_role to " + database.user()
                    + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Long> loadSample(Settings settings) {
        try (Connection monolithConnection = monolith.connect();
             Connection serviceConnection = service.connect()) {
            SampleMonolith.createSchema(monolithConnection);
            // the service starts with the same tables; empty unless asked, as the sync's bootstrap fills it
            SampleMonolith.createSchema(serviceConnection);
            SampleDataGenerator generator = new SampleDataGenerator(settings.seed(), settings.sampleRows());
            Map<String, Long> counts = generator.generate(monolithConnection);
            if (settings.seedService()) {
                generator.generate(serviceConnection);
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the sample monolith into " + monolith.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        return started.track(resource);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public DatabaseInfo monolith() {
        return monolith;
    }

    public DatabaseInfo service() {
        return service;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Rows the sample generator wrote, per table. */
    public Map<String, Long> sampleCounts() {
        return sampleCounts;
    }

    /** Start-up time of each part and in total, in milliseconds. */
    public Map<String, Long> startupMillis() {
        return Map.copyOf(startupMillis);
    }

    /**
     * Writes every address, including the generated database passwords, to a properties file only the owner
     * can read, so that secrets never go to the terminal or the logs.
     */
    public Path writeConnectionFile(Path file) {
        Properties properties = new Properties();
        properties.setProperty("bootstrap.servers", bootstrapServers());
        properties.setProperty("schema.registry.url", registryUrl());
        putDatabase(properties, "monolith", monolith);
        putDatabase(properties, "service", service);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "strangler env up: connection details (contains passwords)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connection file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void putDatabase(Properties properties, String name, DatabaseInfo database) {
        properties.setProperty(name + ".url", database.jdbcUrl());
        properties.setProperty(name + ".user", database.user());
        properties.setProperty(name + ".password", database.password());
    }

    @Override
    public void close() {
        started.close();
    }
}
