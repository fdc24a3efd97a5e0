package io.strangler.router;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.router.internal.AdminServer;
import io.strangler.router.internal.ClusterGateStats;
import io.strangler.router.internal.ConfigFlagProvider;
import io.strangler.router.internal.ConnectionStats;
import io.strangler.router.internal.ConsistencyFeed;
import io.strangler.router.internal.EventSink;
import io.strangler.router.internal.GateStats;
import io.strangler.router.internal.HealthChecker;
import io.strangler.router.internal.JitWarmup;
import io.strangler.router.internal.ProxyObserver;
import io.strangler.router.internal.ProxyServer;
import io.strangler.router.internal.RampController;
import io.strangler.router.internal.RouteStore;
import io.strangler.router.internal.RouterCore;
import io.strangler.router.internal.RoutingEngine;
import io.strangler.router.internal.ShadowComparator;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.RouterEvent;
import io.strangler.schemas.RouterEventType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running router instance: the proxy, the admin API, route replication through Kafka, health checks and ramps.
 *
 * <pre>{@code
 * try (StranglerRouter router = StranglerRouter.start(new RouterConfig(props))) {
 *     router.control().setWeight("orders", 10);
 *     ...
 * }
 * }</pre>
 */
public final class StranglerRouter implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(StranglerRouter.class);

    private final String instanceId;
    /** How often every instance shares its traffic for the ramps' gates (a ramp's own instance counts its own at once). */
    private static final long GATE_STATS_PUBLISH_MS = 1_000;

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final ConnectionStats stats = new ConnectionStats();
    private final RoutingEngine engine;
    private final RouterCore core;
    private final EventSink events;
    private final ProxyServer proxy;
    private final AdminServer admin;
    private final OpenFeatureAPI openFeature;

    private StranglerRouter(RouterConfig config, RouteTable initial) throws Exception {
        this.instanceId = config.instanceId();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            this.engine = new RoutingEngine(meters, config.getInt(RouterConfig.PASSIVE_FAILURES),
                    config.getInt(RouterConfig.EJECTION_MS));
            Map<String, Object> kafka = kafkaProps(config);
            String routesTopic = config.topicNames().routerRoutes();
            this.events = events(config, kafka);
            closeables.push(events);
            RouteStore store;
            if (kafka != null) {
                RouteStore.ensureTopic(kafka, routesTopic);
                store = new RouteStore(engine, stringProducer(kafka, "routes"), stringConsumer(kafka, "routes"),
                        routesTopic);
            } else {
                store = new RouteStore(engine);
            }
            closeables.push(store);
            store.start(initial);
            this.core = new RouterCore(store, events);
            ConsistencyFeed consistency = consistencyFeed(config, kafka);
            if (consistency != null) {
                closeables.push(consistency);
            }
            GateStats gateStats = GateStats.local(engine);
            if (kafka != null) {
                String statsTopic = config.topicNames().routerStats();
                ClusterGateStats.ensureTopic(kafka, statsTopic);
                ClusterGateStats cluster = new ClusterGateStats(engine, instanceId, statsTopic,
                        statsProducer(kafka), stringConsumer(kafka, "gate-stats"),
                        GATE_STATS_PUBLISH_MS);
                closeables.push(cluster);
                gateStats = cluster;
            }
            RampController ramps = new RampController(engine, core, events,
                    consistency == null ? null : consistency::latest, config.getInt(RouterConfig.GATE_CHECK_MS),
                    instanceId, store::saveRamp, gateStats);
            closeables.push(ramps);
            core.ramps(ramps);
            // an instance restarted under the same instance.id goes on with the ramps it was running
            ramps.resumeAfterRestart(store.rampCheckpoints());
            this.openFeature = OpenFeatureAPI.createIsolated();
            openFeature.setProviderAndWait(new ConfigFlagProvider(() -> engine.table().flags()));
            Client flags = openFeature.getClient();
            engine.flagEvaluator((flag, key, method, path) -> flags.getBooleanValue(flag, false,
                    new ImmutableContext(key, Map.of("path", new Value(path), "method", new Value(method)))));
            closeables.push(new HealthChecker(engine, events, config.getInt(RouterConfig.HEALTH_INTERVAL_MS),
                    config.getInt(RouterConfig.HEALTH_TIMEOUT_MS)));
            ShadowComparator shadows = new ShadowComparator(events, config.getInt(RouterConfig.SHADOW_MAX_IN_FLIGHT));
            closeables.push(shadows);
            ProxyObserver observer = (backend, cause) -> events.emit(RouterEventType.BACKEND_EJECTED, null, backend,
                    null, cause, null);
            ProxyServer.Settings settings = new ProxyServer.Settings(config.getString(RouterConfig.LISTEN_HOST),
                    config.getInt(RouterConfig.LISTEN_PORT), config.getInt(RouterConfig.IO_THREADS),
                    config.getInt(RouterConfig.MAX_IDLE_PER_LOOP), config.getInt(RouterConfig.MAX_HEADER_BYTES),
                    config.getInt(RouterConfig.CLIENT_IDLE_TIMEOUT_MS),
                    config.getInt(RouterConfig.IO_POLL_SPIN_MICROS));
            int warmupRequests = config.getInt(RouterConfig.WARMUP_REQUESTS);
            if (warmupRequests > 0) {
                // before the port listens: the first user requests then meet compiled code, not the interpreter
                JitWarmup.run(warmupRequests, settings);
            }
            this.proxy = new ProxyServer(settings, engine, observer, shadows, stats);
            closeables.push(proxy);
            registerGauges(meters);
            this.admin = new AdminServer(config.getString(RouterConfig.ADMIN_HOST),
                    config.getInt(RouterConfig.ADMIN_PORT), config.getPassword(RouterConfig.ADMIN_TOKEN).value(),
                    core, meters, events);
            closeables.push(admin);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Starts with the routes file named by {@code routes.file} (or no routes). */
    public static StranglerRouter start(RouterConfig config) {
        String file = config.getString(RouterConfig.ROUTES_FILE);
        return start(config, file.isBlank() ? RouteTable.empty() : RoutesFile.load(Path.of(file)));
    }

    /** Starts with {@code initial} as the local table; with Kafka, what the routes topic holds overrides it. */
    public static StranglerRouter start(RouterConfig config, RouteTable initial) {
        try {
            return new StranglerRouter(config, initial);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted starting the router", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the router: " + e.getMessage(), e);
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** Port of the proxy. */
    public int port() {
        return proxy.port();
    }

    public int adminPort() {
        return admin.port();
    }

    public RouterControl control() {
        return core;
    }

    public RouteTable routes() {
        return engine.table();
    }

    /** The last events of this instance, oldest first. */
    public List<RouterEvent> recentEvents() {
        return events.recent();
    }

    /** Open connections to backends (busy plus idle in the pools). */
    public int backendConnections() {
        return stats.backendConnections();
    }

    /** Backend connections serving a request right now; 0 when the router is quiet. */
    public int busyBackendConnections() {
        return stats.busyBackendConnections();
    }

    public int clientConnections() {
        return stats.clientConnections();
    }

    /** Exchanges in progress; 0 when the router is quiet. */
    public int activeExchanges() {
        return stats.activeExchanges();
    }

    private void registerGauges(PrometheusMeterRegistry meters) {
        Gauge.builder("strangler.router.client.connections", stats, ConnectionStats::clientConnections)
                .register(meters);
        Gauge.builder("strangler.router.backend.connections", stats, ConnectionStats::backendConnections)
                .register(meters);
        Gauge.builder("strangler.router.backend.connections.idle", stats, ConnectionStats::idleBackendConnections)
                .register(meters);
        Gauge.builder("strangler.router.exchanges.active", stats, ConnectionStats::activeExchanges)
                .register(meters);
    }

    private static Map<String, Object> kafkaProps(RouterConfig config) {
        if (!config.kafkaEnabled()) {
            return null;
        }
        Map<String, Object> props = new HashMap<>(config.originalsWithPrefix("kafka."));
        props.put("bootstrap.servers", config.getString(RouterConfig.KAFKA_BOOTSTRAP));
        return props;
    }

    private EventSink events(RouterConfig config, Map<String, Object> kafka) {
        String registryUrl = config.getString(RouterConfig.REGISTRY_URL);
        if (kafka == null || registryUrl.isBlank()) {
            if (kafka != null) {
                LOGGER.warn("{} is empty: router events stay in memory and are not published",
                        RouterConfig.REGISTRY_URL);
            }
            return new EventSink(instanceId, null, null);
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-events");
        KafkaProducer<String, RouterEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerdes.value(RouterEvent.class, RestSchemaRegistryClient.create(registryUrl)).serializer());
        return new EventSink(instanceId, producer, config.topicNames().routerEvents());
    }

    /** The consistency gate's input, or null without Kafka and a schema registry (the statuses are Avro). */
    private ConsistencyFeed consistencyFeed(RouterConfig config, Map<String, Object> kafka) {
        String registryUrl = config.getString(RouterConfig.REGISTRY_URL);
        if (kafka == null || registryUrl.isBlank()) {
            return null;
        }
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-consistency-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // the auditor writes with exactly-once: only committed statuses count
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        KafkaConsumer<String, ConsistencyStatus> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerdes.value(ConsistencyStatus.class, RestSchemaRegistryClient.create(registryUrl))
                        .deserializer());
        return new ConsistencyFeed(consumer, config.topicNames().consistencyStatus());
    }

    private KafkaProducer<String, String> stringProducer(Map<String, Object> kafka, String use) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-" + use);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Best effort: statistics must not hold a ramp's check for long while the broker is away. */
    private KafkaProducer<String, String> statsProducer(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-gate-stats");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> stringConsumer(Map<String, Object> kafka, String use) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-" + use + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        AutoCloseable next;
        while ((next = closeables.poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                LOGGER.warn("Error closing {}", next.getClass().getSimpleName(), e);
            }
        }
        if (openFeature != null) {
            openFeature.shutdown();
        }
    }
}
