package io.strangler.router.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.router.Side;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gate statistics of the whole cluster: every instance publishes its traffic per route and side on the stats topic
 * each interval (counts and a compressed latency histogram, so that p99s combine exactly), and reads everyone's, so
 * that the instance running a ramp judges its gates on all of the route's traffic, not on the share that happens to
 * pass through it. An instance's own windows are counted at once; the others' as they arrive (one interval and a
 * fetch later). Windows are kept only for the routes whose ramp runs here (those {@link #take} was asked about in the
 * last {@link #WATCH_MILLIS}): a window holds a latency histogram of some 26 KB.
 */
public final class ClusterGateStats implements GateStats, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ClusterGateStats.class);
    private static final long WATCH_MILLIS = 10_000;
    private static final long RETENTION_MILLIS = 600_000;

    /** One instance's traffic of one side of one route over one interval, ending at {@code endMillis}. */
    private record Stamped(long endMillis, SideStats.Window window) {
    }

    private final RoutingEngine engine;
    private final String instanceId;
    private final String topic;
    private final Producer<String, String> producer;
    private final Consumer<String, String> consumer;
    private final Map<String, ArrayDeque<Stamped>> windows = new HashMap<>();
    /** Routes with a ramp on this instance, and when their ramp last took its traffic. */
    private final Map<String, Long> watched = new HashMap<>();
    private final ScheduledExecutorService publisher;
    private final Thread reader;
    private volatile boolean running = true;

    public ClusterGateStats(RoutingEngine engine, String instanceId, String topic, Producer<String, String> producer,
            Consumer<String, String> consumer, long intervalMillis) {
        this.engine = engine;
        this.instanceId = instanceId;
        this.topic = topic;
        this.producer = producer;
        this.consumer = consumer;
        // only what is published from now on matters: a ramp judges the traffic of its current step
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        this.reader = new Thread(this::readLoop, "router-gate-stats");
        reader.setDaemon(true);
        reader.start();
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-gate-stats-publisher");
            t.setDaemon(true);
            return t;
        });
        publisher.scheduleWithFixedDelay(this::publishSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Creates the stats topic when missing: one partition, deleted after {@link #RETENTION_MILLIS}. */
    public static void ensureTopic(Map<String, Object> adminProps, String topic) {
        RouterTopics.ensure(adminProps, topic, Map.of("cleanup.policy", "delete", "retention.ms",
                Long.toString(RETENTION_MILLIS)), "gate statistics topic");
    }

    @Override
    public synchronized SideStats.Window take(String routeId, Side side, long sinceEpochMillis) {
        watched.put(routeId, System.currentTimeMillis());
        collectLocal();
        ArrayDeque<Stamped> queue = windows.remove(key(routeId, side));
        SideStats.Window sum = SideStats.Window.EMPTY;
        if (queue != null) {
            for (Stamped stamped : queue) {
                if (stamped.endMillis() >= sinceEpochMillis) {
                    sum = sum.plus(stamped.window());
                }
            }
        }
        return sum;
    }

    private void publishSafely() {
        try {
            synchronized (this) {
                collectLocal();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Cannot collect this instance's gate statistics: {}", e.toString());
        }
    }

    /** Takes this instance's new traffic of every route, counts it here and publishes it for the others. */
    private void collectLocal() {
        long now = System.currentTimeMillis();
        for (io.strangler.router.RouteSpec route : engine.table().routes()) {
            String routeId = route.id();
            RouteRuntime runtime = engine.runtime(routeId);
            for (Side side : Side.values()) {
                SideStats stats = runtime.stats(side);
                if (!stats.hasNewTraffic()) {
                    // an idle route costs no histogram copy (some 26 KB) per second
                    continue;
                }
                SideStats.Window window = stats.interval();
                add(routeId, side, new Stamped(now, window));
                try {
                    producer.send(new ProducerRecord<>(topic, instanceId, encode(routeId, side, now, window)));
                } catch (RuntimeException e) {
                    // the others' ramps miss this window; this instance's own ramps have counted it already
                    LOGGER.warn("Cannot share gate statistics of route {}: {}", routeId, e.toString());
                }
            }
        }
        expire(now);
    }

    private void add(String routeId, Side side, Stamped stamped) {
        if (watched.containsKey(routeId)) {
            windows.computeIfAbsent(key(routeId, side), k -> new ArrayDeque<>()).addLast(stamped);
        }
    }

    /** Forgets the routes whose ramp has not asked for a while (it ended, or runs elsewhere now). */
    private void expire(long now) {
        watched.values().removeIf(lastTake -> lastTake < now - WATCH_MILLIS);
        windows.keySet().removeIf(key -> !watched.containsKey(key.substring(0, key.indexOf('\u0000'))));
    }

    private void readLoop() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!instanceId.equals(record.key()) && record.value() != null) {
                        received(record);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOGGER.warn("Cannot read gate statistics from {}: {}", topic, e.toString());
                }
            }
        }
    }

    private void received(ConsumerRecord<String, String> record) {
        try {
            JsonNode node = RouteStore.JSON.readTree(record.value());
            Side side = Side.valueOf(node.get("side").asText());
            Histogram latency = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(node.get("latency").asText())), 2);
            SideStats.Window window = new SideStats.Window(node.get("requests").asLong(), node.get("errors").asLong(),
                    latency);
            synchronized (this) {
                add(node.get("route").asText(), side, new Stamped(node.get("endMillis").asLong(), window));
            }
        } catch (JsonProcessingException | java.util.zip.DataFormatException | RuntimeException e) {
            LOGGER.warn("Skipping unreadable gate statistics from instance {} at {}-{}@{}: {}", record.key(), topic,
                    record.partition(), record.offset(), e.toString());
        }
    }

    private static String encode(String routeId, Side side, long endMillis, SideStats.Window window) {
        Histogram latency = window.latency();
        ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int length = latency.encodeIntoCompressedByteBuffer(buffer);
        ObjectNode node = RouteStore.JSON.createObjectNode().put("route", routeId).put("side", side.name())
                .put("endMillis", endMillis).put("requests", window.requests()).put("errors", window.errors())
                .put("latency", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        return node.toString();
    }

    private static String key(String routeId, Side side) {
        return routeId + '\u0000' + side.name();
    }

    @Override
    public void close() {
        running = false;
        publisher.shutdown();
        try {
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        producer.close(Duration.ofSeconds(2));
    }
}
