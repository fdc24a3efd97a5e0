package io.strangler.core.registry;

import com.sun.net.httpserver.HttpServer;
import io.strangler.core.registry.internal.InMemorySchemaStore;
import io.strangler.core.registry.internal.KafkaSchemaStore;
import io.strangler.core.registry.internal.RegistryHttpHandler;
import io.strangler.core.registry.internal.RegistryService;
import io.strangler.core.registry.internal.SchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Confluent-compatible schema registry (Avro only) served over HTTP, storing its schemas in a compacted Kafka
 * topic so that a restarted registry keeps ids and versions. Meant for development, tests and single-instance
 * deployments where running a separate registry is not worth it; any standard client or serde can use {@link #url()}.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start("localhost:9092")) {
 *     SchemaRegistryClient client = RestSchemaRegistryClient.create(registry.url());
 *     int id = client.register("orders-value", RowChange.getClassSchema());
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** Topic holding the schemas unless another is given. */
    public static final String DEFAULT_TOPIC = "_strangler_schemas";

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final SchemaStore store;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSchemaRegistry(SchemaStore store, String host, int port) {
        this.store = store;
        RegistryService service = new RegistryService(store);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "schema-registry-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            store.close();
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port + " for the schema registry", e);
        }
        server.createContext("/", new RegistryHttpHandler(service));
        server.setExecutor(executor);
        server.start();
        LOGGER.info("Embedded schema registry listening on {} (store: {})", url(), store.description());
    }

    /** Starts on a random port of localhost, storing schemas in {@value #DEFAULT_TOPIC}. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), DEFAULT_TOPIC, 0);
    }

    /**
     * @param kafkaClientProperties Kafka client properties: bootstrap.servers and any security settings
     * @param topic                 compacted topic holding the schemas, created if missing
     * @param port                  port to listen on (all interfaces when not 0), or 0 for a random localhost port
     */
    public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientProperties, String topic, int port) {
        return start(new KafkaSchemaStore(kafkaClientProperties, topic, STORE_TIMEOUT), port);
    }

    /** Starts on a random localhost port with schemas kept in memory only: lost on close. */
    public static EmbeddedSchemaRegistry startInMemory() {
        return start(new InMemorySchemaStore(), 0);
    }

    static EmbeddedSchemaRegistry start(SchemaStore store, int port) {
        try {
            return new EmbeddedSchemaRegistry(store, port == 0 ? "127.0.0.1" : "0.0.0.0", port);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://" + (server.getAddress().getAddress().isAnyLocalAddress() ? "localhost"
                : server.getAddress().getHostString()) + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            store.close();
            LOGGER.info("Embedded schema registry on port {} stopped", port());
        }
    }

    /**
     * Runs a registry until the JVM is stopped. Arguments: {@code <bootstrap.servers> [port] [topic]}; the port
     * defaults to 8081 and the topic to {@value #DEFAULT_TOPIC}.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("Usage: EmbeddedSchemaRegistry <bootstrap.servers> [port] [topic]");
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8081;
        String topic = args.length > 2 ? args[2] : DEFAULT_TOPIC;
        EmbeddedSchemaRegistry registry =
                start(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0]), topic, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "schema-registry-shutdown"));
        stopped.await();
    }
}
