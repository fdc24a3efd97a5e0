package io.strangler.router;

import io.strangler.core.topic.TopicNames;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Process-level settings of a router instance, Kafka {@link ConfigDef} style: every key typed, defaulted, validated
 * and documented. Routes themselves live in the routes file and on the routes topic, not here.
 *
 * <pre>{@code
 * listen.port=8080
 * admin.port=8081
 * admin.token=change-me-to-a-long-secret
 * routes.file=routes.yaml
 * kafka.bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8085
 * }</pre>
 */
public final class RouterConfig extends AbstractConfig {

    public static final String LISTEN_HOST = "listen.host";
    public static final String LISTEN_PORT = "listen.port";
    public static final String ADMIN_HOST = "admin.host";
    public static final String ADMIN_PORT = "admin.port";
    public static final String ADMIN_TOKEN = "admin.token";
    public static final String ROUTES_FILE = "routes.file";
    public static final String INSTANCE_ID = "instance.id";
    public static final String IO_THREADS = "io.threads";
    public static final String IO_POLL_SPIN_MICROS = "io.poll.spin.micros";
    public static final String WARMUP_REQUESTS = "warmup.requests";
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap.servers";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String REGISTRY_URL = "schema.registry.url";
    public static final String MAX_IDLE_PER_LOOP = "backend.max.idle.connections.per.thread";
    public static final String CLIENT_IDLE_TIMEOUT_MS = "client.idle.timeout.ms";
    public static final String MAX_HEADER_BYTES = "max.header.bytes";
    public static final String HEALTH_INTERVAL_MS = "health.check.interval.ms";
    public static final String HEALTH_TIMEOUT_MS = "health.check.timeout.ms";
    public static final String PASSIVE_FAILURES = "health.passive.consecutive.failures";
    public static final String EJECTION_MS = "health.passive.ejection.ms";
    public static final String GATE_CHECK_MS = "ramp.gate.check.interval.ms";
    public static final String SHADOW_MAX_IN_FLIGHT = "shadow.max.in.flight";

    public static final int MIN_TOKEN_LENGTH = 16;

    private static final ConfigDef DEF = new ConfigDef()
            .define(LISTEN_HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Address the proxy listens on.")
            .define(LISTEN_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
                    "Port the proxy listens on; 0 picks a free port.")
            .define(ADMIN_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Address of the admin API (routes, ramps, rollback, Prometheus metrics). Loopback by default.")
            .define(ADMIN_PORT, Type.INT, 8081, Range.between(0, 65535), Importance.HIGH,
                    "Port of the admin API; 0 picks a free port. Never the proxy port.")
            .define(ADMIN_TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Bearer token the admin API requires (Authorization: Bearer <token>); at least "
                            + MIN_TOKEN_LENGTH + " characters.")
            .define(ROUTES_FILE, Type.STRING, "", Importance.HIGH,
                    "YAML routes file (backends, routes, flags) loaded at start. Changes on the routes topic "
                            + "override it.")
            .define(INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
                    "Name of this router instance in events; empty = router-<random>.")
            .define(IO_THREADS, Type.INT, 0, Range.between(0, 256), Importance.MEDIUM,
                    "Event-loop threads; 0 = number of CPU cores.")
            .define(IO_POLL_SPIN_MICROS, Type.INT, 0, Range.between(0, 100_000), Importance.LOW,
                    "How long an event loop keeps polling for I/O after its last event before it sleeps, in "
                            + "microseconds (native epoll only). On virtual machines a sleeping CPU can take "
                            + "longer to wake than a backend takes to answer; polling through that gap lowers "
                            + "tail latency at the cost of CPU (up to one core per event loop while traffic "
                            + "flows), like HAProxy's busy-polling. 0 = sleep at once.")
            .define(WARMUP_REQUESTS, Type.INT, 20_000, Range.between(0, 10_000_000), Importance.MEDIUM,
                    "Requests sent through a throwaway copy of the proxy (own loopback backend, routes and "
                            + "meters) at start, before the proxy port listens, so that the first user requests "
                            + "meet compiled code rather than the interpreter: a cold JVM proxy answers its first "
                            + "seconds far slower. Adds about a second to start-up. 0 = none.")
            .define(KAFKA_BOOTSTRAP, Type.STRING, "", Importance.HIGH,
                    "Kafka bootstrap servers for the routes and events topics; empty = standalone (file only).")
            .define(TOPIC_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Prefix of Strangler's topic names (<prefix>.router.routes, ...).")
            .define(REGISTRY_URL, Type.STRING, "", Importance.MEDIUM,
                    "Schema registry URL for Avro router events; empty = events kept in memory only.")
            .define(MAX_IDLE_PER_LOOP, Type.INT, 256, Range.between(0, 100_000), Importance.MEDIUM,
                    "Idle keep-alive connections kept per backend and event-loop thread.")
            .define(CLIENT_IDLE_TIMEOUT_MS, Type.INT, 60_000, Range.between(1_000, 3_600_000), Importance.MEDIUM,
                    "A client connection idle this long is closed.")
            .define(MAX_HEADER_BYTES, Type.INT, 16_384, Range.between(1_024, 1 << 20), Importance.LOW,
                    "Largest request line plus headers accepted (431 above).")
            .define(HEALTH_INTERVAL_MS, Type.INT, 1_000, Range.between(50, 600_000), Importance.MEDIUM,
                    "Interval of active health probes of backends that have a healthPath.")
            .define(HEALTH_TIMEOUT_MS, Type.INT, 500, Range.between(10, 60_000), Importance.LOW,
                    "Timeout of one active health probe.")
            .define(PASSIVE_FAILURES, Type.INT, 5, Range.between(1, 10_000), Importance.MEDIUM,
                    "Consecutive 5xx answers or connection errors that eject a backend (passive health).")
            .define(EJECTION_MS, Type.INT, 10_000, Range.between(100, 3_600_000), Importance.MEDIUM,
                    "How long a passively ejected backend stays out before it is tried again.")
            .define(GATE_CHECK_MS, Type.INT, 250, Range.between(10, 60_000), Importance.LOW,
                    "How often a running ramp evaluates its health gates.")
            .define(SHADOW_MAX_IN_FLIGHT, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
                    "Shadow requests in flight at once; beyond that mirrors are skipped, never queued.");

    public RouterConfig(Map<?, ?> props) {
        super(DEF, props);
        Password token = getPassword(ADMIN_TOKEN);
        if (token == null || token.value().length() < MIN_TOKEN_LENGTH) {
            throw new org.apache.kafka.common.config.ConfigException(ADMIN_TOKEN, "[hidden]",
                    "must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        int port = getInt(LISTEN_PORT);
        if (port != 0 && port == getInt(ADMIN_PORT)) {
            throw new org.apache.kafka.common.config.ConfigException(ADMIN_PORT, port,
                    "must differ from " + LISTEN_PORT);
        }
    }

    public static ConfigDef configDef() {
        return new ConfigDef(DEF);
    }

    public String instanceId() {
        String id = getString(INSTANCE_ID);
        return id.isBlank() ? "router-" + UUID.randomUUID().toString().substring(0, 8) : id;
    }

    public boolean kafkaEnabled() {
        return !getString(KAFKA_BOOTSTRAP).isBlank();
    }

    public TopicNames topicNames() {
        return new TopicNames(getString(TOPIC_PREFIX));
    }
}
