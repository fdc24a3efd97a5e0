package io.strangler.embedded.internal;

import io.strangler.embedded.EmbeddedServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** One PostgreSQL cluster: initdb into {@code <instance>/data}, then the postmaster as a child process. */
public final class PostgresProcess {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresProcess.class);
    private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, String> ENV = Map.of("LC_ALL", "C", "TZ", "UTC");

    /** The server could not bind its port (another process took it). */
    public static final class BindFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        BindFailedException(String message) {
            super(message);
        }
    }

    private final Path install;
    private final Path instanceDir;
    private final Path dataDir;
    private final Path log;
    private volatile Process process;
    private volatile int port;

    private PostgresProcess(Path install, Path instanceDir) {
        this.install = install;
        this.instanceDir = instanceDir;
        this.dataDir = instanceDir.resolve("data");
        this.log = instanceDir.resolve("postgres.log");
    }

    /** Runs initdb (UTF-8, builtin C.UTF-8 collation: no dependency on the host's locales). */
    public static PostgresProcess initialise(Path install, Path instanceDir) {
        PostgresProcess postgres = new PostgresProcess(install, instanceDir);
        try {
            postgres.prepareDirectories();
            List<String> command = List.of(postgres.binary("initdb"), "-D", postgres.dataDir.toString(),
                    "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--locale-provider=builtin",
                    "--builtin-locale=C.UTF-8", "--no-sync", "--no-instructions");
            Process initdb = ProcessLauncher.start(command, instanceDir, postgres.log, ENV, null);
            if (!initdb.waitFor(INITDB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new EmbeddedServerException("initdb did not finish within " + INITDB_TIMEOUT + "; log "
                        + postgres.log + ":\n" + postgres.logTail());
            }
            if (initdb.exitValue() != 0) {
                throw new EmbeddedServerException("initdb failed with exit code " + initdb.exitValue() + " for "
                        + postgres.dataDir + ":\n" + postgres.logTail());
            }
            postgres.writeHba();
            return postgres;
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot initialise PostgreSQL in " + instanceDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("interrupted while initialising PostgreSQL in " + instanceDir, e);
        }
    }

    private void prepareDirectories() throws IOException {
        if (ProcessLauncher.runningAsRoot()) {
            requireTraversableByOthers(instanceDir.getParent());
        }
        // nobody must reach the data dir; the log is opened by the JVM, so only the data dir changes owner
        Dirs.chmod(instanceDir, "rwxr-xr-x");
        Files.createDirectory(dataDir);
        Dirs.chmod(dataDir, "rwx------");
        ProcessLauncher.giveToServerUser(dataDir);
    }

    private static void requireTraversableByOthers(Path dir) throws IOException {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            if (perms.charAt(8) != 'x') {
                throw new EmbeddedServerException("PostgreSQL runs as user nobody when the JVM runs as root, but "
                        + p + " (mode " + perms + ") is not traversable by others: choose a base directory such as"
                        + " /tmp or chmod o+x " + p);
            }
        }
    }

    private void writeHba() throws IOException {
        // the superuser logs in without a password on loopback (tests, admin); every created user needs one
        String hba = String.join("\n",
                "host all postgres 127.0.0.1/32 trust",
                "host replication postgres 127.0.0.1/32 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host replication all 127.0.0.1/32 scram-sha-256", "");
        Path file = dataDir.resolve("pg_hba.conf");
        Files.writeString(file, hba);
        ProcessLauncher.giveToServerUser(file);
    }

    /**
     * Starts the postmaster and waits until it accepts connections.
     *
     * @throws BindFailedException if the port was taken
     */
    public void start(String host, int requestedPort, Map<String, String> overrides) throws BindFailedException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", host);
        config.put("port", Integer.toString(requestedPort));
        config.put("unix_socket_directories", "");
        config.put("wal_level", "logical");
        config.put("max_replication_slots", "20");
        config.put("max_wal_senders", "20");
        // zonky turns this off; CDC latency and durability expectations need it on
        config.put("synchronous_commit", "on");
        config.put("timezone", "UTC");
        config.put("log_timezone", "UTC");
        config.put("max_connections", "200");
        config.put("shared_buffers", "64MB");
        config.putAll(overrides);
        List<String> command = new ArrayList<>(List.of(binary("postgres"), "-D", dataDir.toString()));
        config.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
        try {
            long logOffset = Files.exists(log) ? Files.size(log) : 0;
            process = ProcessLauncher.start(command, instanceDir, log, ENV, "QUIT");
            port = requestedPort;
            awaitReady(host, logOffset);
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot start postgres from " + install + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(String host, long logOffset) throws BindFailedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        while (true) {
            if (!process.isAlive()) {
                String tail = logTail();
                String newLog = logSince(logOffset);
                if (newLog.contains("could not bind") || newLog.contains("Address already in use")) {
                    throw new BindFailedException("postgres could not bind port " + port + ":\n" + newLog);
                }
                throw new EmbeddedServerException("postgres exited with code " + process.exitValue()
                        + " during start-up; log " + log + ":\n" + tail);
            }
            try (Connection ignored = DriverManager.getConnection(url, props)) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new EmbeddedServerException("postgres did not accept connections within " + START_TIMEOUT
                            + "; log " + log + ":\n" + logTail(), e);
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new EmbeddedServerException("interrupted while waiting for postgres", e);
            }
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Fast shutdown (SIGINT: disconnects clients, including replication), then SIGKILL after a timeout. */
    public void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        ProcessLauncher.signal(current.pid(), "INT");
        try {
            if (!current.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOGGER.warn("postgres (pid {}) did not stop within {}, killing it", current.pid(), STOP_TIMEOUT);
                current.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
    }

    private String binary(String name) {
        return install.resolve("bin").resolve(name).toString();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private String logSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
