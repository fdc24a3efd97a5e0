package io.strangler.embedded;

import io.strangler.embedded.internal.DatabaseNames;
import io.strangler.embedded.internal.Dirs;
import io.strangler.embedded.internal.PortInUseException;
import io.strangler.embedded.internal.Ports;
import io.strangler.embedded.internal.PostgresBinaries;
import io.strangler.embedded.internal.PostgresProcess;
import io.strangler.embedded.internal.StaleServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded PostgreSQL 17 server (zonky's binaries) with logical decoding enabled, listening on loopback only.
 * Works as root: the server then runs as {@code nobody} via {@code setpriv}, without user namespaces.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults())) {
 *     DatabaseInfo db = pg.createDatabase("orders");
 *     try (Connection c = db.connect()) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final String INSTANCE_PREFIX = "strangler-pg-";
    private static final int BIND_ATTEMPTS = 5;

    /**
     * How to start the server.
     *
     * @param port         listen port; 0 picks a random free port
     * @param baseDir      where the instance directory (data + log) and the unpacked binaries go;
     *                     {@code null} means {@code java.io.tmpdir}. Must be traversable by nobody when root.
     * @param serverConfig extra {@code postgresql.conf} settings that override the embedded defaults
     */
    public record Options(int port, Path baseDir, Map<String, String> serverConfig) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (random) or 1..65535, was " + port);
            }
            serverConfig = Map.copyOf(Objects.requireNonNull(serverConfig, "serverConfig"));
        }

        public static Options defaults() {
            return new Options(0, null, Map.of());
        }

        public Options withPort(int newPort) {
            return new Options(newPort, baseDir, serverConfig);
        }

        public Options withBaseDir(Path newBaseDir) {
            return new Options(port, newBaseDir, serverConfig);
        }

        public Options withServerConfig(String key, String value) {
            Map<String, String> merged = new HashMap<>(serverConfig);
            merged.put(key, value);
            return new Options(port, baseDir, merged);
        }

        Path effectiveBaseDir() {
            return baseDir != null ? baseDir : Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    private final PostgresProcess process;
    private final Path instanceDir;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(PostgresProcess process, Path instanceDir, long startupMillis) {
        this.process = process;
        this.instanceDir = instanceDir;
        this.startupMillis = startupMillis;
    }

    public static EmbeddedPostgres start() {
        return start(Options.defaults());
    }

    /** Initialises a fresh cluster in a new instance directory and starts it; returns once it accepts clients. */
    public static EmbeddedPostgres start(Options options) {
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        if (options.port() != 0) {
            Ports.requireAvailable(options.port(), "embedded PostgreSQL");
        }
        Path base = Dirs.ensureWritable(options.effectiveBaseDir(), "the embedded PostgreSQL base directory");
        StaleServers.clean(base, INSTANCE_PREFIX, "data/postmaster.pid", "postgres");
        Path install = PostgresBinaries.install(base);
        Path instanceDir = Dirs.createUnique(base, StaleServers.instancePrefix(INSTANCE_PREFIX),
                "the embedded PostgreSQL instance directory");
        try {
            PostgresProcess process = PostgresProcess.initialise(install, instanceDir);
            startWithPort(process, options);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            EmbeddedPostgres postgres = new EmbeddedPostgres(process, instanceDir, millis);
            LOGGER.info("Embedded PostgreSQL {} ready on {}:{} in {} ms (pid {}, dir {})", postgres.serverVersion(),
                    HOST, process.port(), millis, process.pid(), instanceDir);
            return postgres;
        } catch (RuntimeException e) {
            Dirs.deleteQuietly(instanceDir);
            throw e;
        }
    }

    private static void startWithPort(PostgresProcess process, Options options) {
        for (int attempt = 1; ; attempt++) {
            int port = options.port() != 0 ? options.port() : Ports.freePort();
            try {
                process.start(HOST, port, options.serverConfig());
                return;
            } catch (PostgresProcess.BindFailedException e) {
                if (options.port() != 0) {
                    throw new PortInUseException(port, "embedded PostgreSQL", e);
                }
                if (attempt >= BIND_ATTEMPTS) {
                    throw new EmbeddedServerException("embedded PostgreSQL could not bind a free port after "
                            + attempt + " attempts", e);
                }
                LOGGER.debug("Port {} was taken before PostgreSQL bound it, retrying", port);
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return process.port();
    }

    /** pid of the postmaster, e.g. to read its memory use. */
    public long pid() {
        return process.pid();
    }

    /** Milliseconds from {@link #start} to a server that accepts connections (including initdb). */
    public long startupMillis() {
        return startupMillis;
    }

    /** URL of the {@code postgres} database as superuser; loopback superuser logins need no password. */
    public String superuserJdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/postgres?user=" + SUPERUSER;
    }

    /**
     * Creates a database and a same-named owner role with LOGIN and REPLICATION and a random password.
     *
     * @param name a lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}, at most 48 characters)
     */
    public DatabaseInfo createDatabase(String name) {
        DatabaseNames.requireValid(name);
        String password = DatabaseNames.randomPassword();
        try (Connection connection = DriverManager.getConnection(superuserJdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN REPLICATION PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
        } catch (SQLException e) {
            throw new EmbeddedServerException("cannot create PostgreSQL database " + name + ": " + e.getMessage(), e);
        }
        LOGGER.debug("Created PostgreSQL database {} owned by role {}", name, name);
        return new DatabaseInfo("postgresql", HOST, port(), name, name, password);
    }

    private String serverVersion() {
        try (Connection connection = DriverManager.getConnection(superuserJdbcUrl())) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "17";
        }
    }

    /** Stops the server (fast shutdown) and deletes its instance directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        process.stop();
        IOException failure = Dirs.deleteQuietly(instanceDir);
        if (failure != null) {
            LOGGER.warn("Could not delete the PostgreSQL instance dir {}", instanceDir, failure);
        }
        LOGGER.info("Embedded PostgreSQL on {}:{} stopped in {} ms", HOST, port(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
