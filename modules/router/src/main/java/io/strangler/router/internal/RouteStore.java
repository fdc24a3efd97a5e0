package io.strangler.router.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.router.BackendSpec;
import io.strangler.router.FlagSpec;
import io.strangler.router.RouteConfigException;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table of this instance and, with Kafka, its replication through the compacted routes topic: keys
 * {@code route:<id>}, {@code backend:<name>}, {@code flag:<key>}, values JSON (a tombstone removes); and
 * {@code ramp:<route id>}, where a ramp is (see {@link RampCheckpoint}). A local change is
 * written to the topic first and installed at once; every instance (this one included) applies what it reads, so all
 * converge on the topic's order. One partition keeps that order total.
 */
public final class RouteStore implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(RouteStore.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RoutingEngine engine;
    private final Producer<String, String> producer;
    private final Consumer<String, String> consumer;
    private final String topic;
    private final Thread poller;
    /** The newest checkpoint of every ramp on the topic, by route id; not part of the route table. */
    private final Map<String, RampCheckpoint> ramps = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Standalone: no Kafka. */
    public RouteStore(RoutingEngine engine) {
        this(engine, null, null, null);
    }

    public RouteStore(RoutingEngine engine, Producer<String, String> producer, Consumer<String, String> consumer,
            String topic) {
        this.engine = engine;
        this.producer = producer;
        this.consumer = consumer;
        this.topic = topic;
        this.poller = consumer == null ? null : new Thread(this::pollLoop, "router-routes");
        if (poller != null) {
            poller.setDaemon(true);
        }
    }

    /** Creates the compacted topic when missing (one partition: the order of changes matters). */
    public static void ensureTopic(Map<String, Object> adminProps, String topic) {
        RouterTopics.ensure(adminProps, topic, Map.of("cleanup.policy", "compact"), "routes topic");
    }

    /** Loads the file table, then everything on the topic (the topic wins), then follows the topic. */
    public void start(RouteTable initial) {
        engine.install(initial);
        if (consumer == null) {
            return;
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        while (consumer.position(partition) < end) {
            consumer.poll(Duration.ofMillis(100)).forEach(this::applyRemote);
        }
        poller.start();
    }

    public RouteTable table() {
        return engine.table();
    }

    public synchronized void upsertRoute(RouteSpec route) {
        change("route:" + route.id(), route, t -> t.withRoute(route));
    }

    public synchronized void removeRoute(String id) {
        change("route:" + id, null, t -> t.withoutRoute(id));
    }

    public synchronized void upsertBackend(BackendSpec backend) {
        change("backend:" + backend.name(), backend, t -> t.withBackend(backend));
    }

    public synchronized void upsertFlag(FlagSpec flag) {
        change("flag:" + flag.key(), flag, t -> t.withFlag(flag));
    }

    /** Applies {@code update} to the current route atomically with respect to other local changes. */
    public synchronized RouteSpec updateRoute(String id, UnaryOperator<RouteSpec> update) {
        RouteSpec next = update.apply(engine.table().route(id));
        upsertRoute(next);
        return next;
    }

    /** Publishes where a ramp is, so that its instance can go on with it after a restart. */
    public synchronized void saveRamp(String routeId, RampCheckpoint checkpoint) {
        publish("ramp:" + routeId, checkpoint);
        ramps.put(routeId, checkpoint);
    }

    /** The ramps as the topic had them when this instance started, and as they changed since. */
    public Map<String, RampCheckpoint> rampCheckpoints() {
        return Map.copyOf(ramps);
    }

    private void change(String key, Object value, UnaryOperator<RouteTable> op) {
        RouteTable next = op.apply(engine.table());
        publish(key, value);
        engine.install(next);
    }

    private void publish(String key, Object value) {
        if (producer != null) {
            try {
                String json = value == null ? null : JSON.writeValueAsString(value);
                producer.send(new ProducerRecord<>(topic, key, json)).get(10, TimeUnit.SECONDS);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot encode " + key, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted publishing " + key, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Cannot publish " + key + " to " + topic + ": " + e, e);
            }
        }
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    applyRemote(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOGGER.error("Routes consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOGGER.error("Routes consumer of {} stopped: routes no longer follow the topic", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private synchronized void applyRemote(ConsumerRecord<String, String> record) {
        String key = record.key();
        try {
            RouteTable current = engine.table();
            RouteTable next;
            if (key == null || key.indexOf(':') < 0) {
                throw new RouteConfigException("record key '" + key + "' is not route:/backend:/flag:/ramp:<name>");
            }
            String kind = key.substring(0, key.indexOf(':'));
            String name = key.substring(key.indexOf(':') + 1);
            String value = record.value();
            if (kind.equals("ramp")) {
                if (value == null) {
                    ramps.remove(name);
                } else {
                    ramps.put(name, JSON.readValue(value, RampCheckpoint.class));
                }
                return;
            }
            next = switch (kind) {
                case "route" -> value == null ? current.withoutRoute(name)
                        : current.withRoute(JSON.readValue(value, RouteSpec.class));
                case "backend" -> value == null ? current.withoutBackend(name)
                        : current.withBackend(JSON.readValue(value, BackendSpec.class));
                case "flag" -> value == null ? current.withoutFlag(name)
                        : current.withFlag(JSON.readValue(value, FlagSpec.class));
                default -> throw new RouteConfigException("unknown record kind '" + kind + "'");
            };
            if (!next.equals(current)) {
                engine.install(next);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOGGER.error("Ignoring invalid routes record {} at {}-{}@{}: {}", key, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
