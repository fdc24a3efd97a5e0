package io.strangler.embedded;

import io.strangler.embedded.internal.Dirs;
import io.strangler.embedded.internal.FatalFaultGuard;
import io.strangler.embedded.internal.KafkaBrokerConfig;
import io.strangler.embedded.internal.PortInUseException;
import io.strangler.embedded.internal.Ports;
import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process, single-node Apache Kafka broker in KRaft combined mode (broker + controller), configured so
 * that transactions and Kafka Streams {@code exactly_once_v2} work with one replica.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults())) {
 *     kafka.createTopic("orders", 3, Map.of("cleanup.policy", "compact"));
 *     Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *     // ... producers, consumers, Kafka Streams
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int CONTROLLER_BIND_ATTEMPTS = 5;
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How to start the broker.
     *
     * @param port             client listener port; 0 picks a random free port
     * @param dataDir          log directory to use and keep; {@code null} means a temp dir deleted on close
     * @param brokerProperties extra broker settings that override the embedded defaults
     */
    public record Options(int port, Path dataDir, Map<String, String> brokerProperties) {

        public Options {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (random) or 1..65535, was " + port);
            }
            brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties"));
        }

        public static Options defaults() {
            return new Options(0, null, Map.of());
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDir, brokerProperties);
        }

        public Options withDataDir(Path newDataDir) {
            return new Options(port, newDataDir, brokerProperties);
        }

        public Options withBrokerProperty(String key, String value) {
            Map<String, String> merged = new HashMap<>(brokerProperties);
            merged.put(key, value);
            return new Options(port, dataDir, merged);
        }
    }

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final int port;
    private final long startupMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Admin admin;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteLogDirOnClose, int port,
                          long startupMillis) {
        this.server = server;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.port = port;
        this.startupMillis = startupMillis;
    }

    /** Starts a broker with default options (random port, temp dir). */
    public static EmbeddedKafka start() {
        return start(Options.defaults());
    }

    /** Formats the storage (if new), starts the broker and returns once it accepts clients. */
    public static EmbeddedKafka start(Options options) {
        Objects.requireNonNull(options, "options");
        FatalFaultGuard.install();
        long started = System.nanoTime();
        if (options.port() != 0) {
            Ports.requireAvailable(options.port(), "embedded Kafka");
        }
        boolean temporary = options.dataDir() == null;
        Path logDir = temporary
                ? Dirs.createUnique(Path.of(System.getProperty("java.io.tmpdir")), "strangler-kafka-",
                        "the embedded Kafka temp directory")
                : Dirs.ensureWritable(options.dataDir(), "the embedded Kafka data directory");
        try {
            KafkaRaftServer server = startWithFreeControllerPort(options, logDir);
            int boundPort = brokerServer(server).boundPort(ListenerName.normalised(KafkaBrokerConfig.BROKER_LISTENER));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            EmbeddedKafka kafka = new EmbeddedKafka(server, logDir, temporary, boundPort, millis);
            LOGGER.info("Embedded Kafka {} (KRaft) ready on {} in {} ms, log dir {}",
                    org.apache.kafka.common.utils.AppInfoParser.getVersion(), kafka.bootstrapServers(), millis, logDir);
            return kafka;
        } catch (RuntimeException e) {
            if (temporary) {
                Dirs.deleteQuietly(logDir);
            }
            throw e;
        }
    }

    private static KafkaRaftServer startWithFreeControllerPort(Options options, Path logDir) {
        // a kept data dir keeps its cluster id: a broker refuses a log dir formatted for another cluster
        String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        for (int attempt = 1; ; attempt++) {
            int controllerPort = Ports.freePort();
            KafkaConfig config = KafkaBrokerConfig.build(options.port(), controllerPort, logDir, options.brokerProperties());
            format(config, clusterId, logDir);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                return server;
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                if (!Ports.isBindFailure(e)) {
                    throw new EmbeddedServerException("embedded Kafka failed to start (log dir " + logDir + "): "
                            + e.getMessage(), e);
                }
                if (options.port() != 0 && !portFree(options.port())) {
                    throw new PortInUseException(options.port(), "embedded Kafka", e);
                }
                if (attempt >= CONTROLLER_BIND_ATTEMPTS) {
                    throw new EmbeddedServerException("embedded Kafka could not bind a controller port after "
                            + attempt + " attempts", e);
                }
                LOGGER.debug("Controller port {} was taken before the broker bound it, retrying", controllerPort);
            }
        }
    }

    private static java.util.Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!java.nio.file.Files.isRegularFile(meta)) {
            return java.util.Optional.empty();
        }
        java.util.Properties properties = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(meta)) {
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new EmbeddedServerException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        return java.util.Optional.ofNullable(properties.getProperty("cluster.id"));
    }

    private static boolean portFree(int port) {
        try {
            Ports.requireAvailable(port, "embedded Kafka");
            return true;
        } catch (PortInUseException e) {
            return false;
        }
    }

    private static void format(KafkaConfig config, String clusterId, Path logDir) {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(new LoggingOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                // a kept data dir is reused as is: formatting again would fail
                .setIgnoreFormatted(true);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new EmbeddedServerException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * KafkaRaftServer does not expose its broker, and the bound port is only known after start-up when port 0
     * is requested. The field is stable across the 4.x line; a change is reported clearly.
     */
    private static BrokerServer brokerServer(KafkaRaftServer server) {
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            scala.Option<?> broker = (scala.Option<?>) field.get(server);
            return (BrokerServer) broker.get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            shutdownQuietly(server);
            throw new EmbeddedServerException("cannot read the broker port from KafkaRaftServer"
                    + " (unsupported Kafka version " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ")", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOGGER.warn("Error while shutting down the embedded Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:port} of the client listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client listener port. */
    public int port() {
        return port;
    }

    /** The log directory (data and metadata). */
    public Path dataDir() {
        return logDir;
    }

    /** Milliseconds from {@link #start} to a broker that accepts clients. */
    public long startupMillis() {
        return startupMillis;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader.
     *
     * @throws EmbeddedServerException if the topic exists already or is not ready within 30 s
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for topic " + name + ", was " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(configs));
        try {
            admin().createTopics(List.of(topic)).all().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(name, partitions);
        } catch (ExecutionException e) {
            throw new EmbeddedServerException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedServerException("topic " + name + " was not created within " + TOPIC_READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServerException("interrupted while creating topic " + name, e);
        }
    }

    private void awaitLeaders(String name, int partitions) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin().describeTopics(List.of(name)).allTopicNames()
                        .get(5, TimeUnit.SECONDS).get(name);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(Objects::nonNull)) {
                    return;
                }
            } catch (ExecutionException e) {
                LOGGER.debug("Topic {} not described yet: {}", name, e.getCause().toString());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new TimeoutException("topic " + name + " has no leader for all partitions");
    }

    /**
     * The fatal fault an embedded broker of this JVM met, if any: it no longer serves and the owner should stop (a
     * broker alone in its process would have halted the JVM; see {@link FatalFaultGuard}).
     */
    public static Optional<String> fatalFault() {
        return FatalFaultGuard.fault();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (closed.get()) {
                    throw new IllegalStateException("embedded Kafka is closed");
                }
                current = admin;
                if (current == null) {
                    current = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
                    admin = current;
                }
            }
        }
        return current;
    }

    /** Stops the broker and deletes the temp log dir (a given data dir is kept). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
        shutdownQuietly(server);
        if (deleteLogDirOnClose) {
            IOException failure = Dirs.deleteQuietly(logDir);
            if (failure != null) {
                LOGGER.warn("Could not delete the embedded Kafka log dir {}", logDir, failure);
            }
        }
        LOGGER.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Routes the Formatter's console output to the debug log. */
    private static final class LoggingOutputStream extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                LOGGER.debug("Kafka storage: {}", line);
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }
}
