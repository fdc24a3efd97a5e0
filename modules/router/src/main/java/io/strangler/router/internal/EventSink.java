package io.strangler.router.internal;

import io.strangler.schemas.RouterEvent;
import io.strangler.schemas.RouterEventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Router events: kept in memory (the last {@value #KEEP}, for the admin API) and, with Kafka, published to
 * strangler.router.events. Never blocks the caller: Kafka sends run on a dedicated thread.
 */
public final class EventSink implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EventSink.class);
    private static final int KEEP = 1_000;

    private final String instanceId;
    private final Producer<String, RouterEvent> producer;
    private final String topic;
    private final ArrayDeque<RouterEvent> recent = new ArrayDeque<>();
    private final ExecutorService sender;

    /** @param producer null to keep events in memory only */
    public EventSink(String instanceId, Producer<String, RouterEvent> producer, String topic) {
        this.instanceId = instanceId;
        this.producer = producer;
        this.topic = topic;
        this.sender = producer == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "router-events");
            t.setDaemon(true);
            return t;
        });
    }

    public void emit(RouterEventType type, String routeId, String backend, Double weight, String reason,
            String details) {
        Instant now = Instant.now();
        RouterEvent event = RouterEvent.newBuilder().setType(type).setInstanceId(instanceId).setRouteId(routeId)
                .setBackend(backend).setWeightPercent(weight).setReason(reason).setDetails(details)
                .setTimestampMicros(ChronoUnit.MICROS.between(Instant.EPOCH, now)).build();
        LOGGER.info("Router event {} route={} backend={} weight={}: {}", type, routeId, backend, weight, reason);
        synchronized (recent) {
            if (recent.size() == KEEP) {
                recent.pollFirst();
            }
            recent.addLast(event);
        }
        if (producer != null) {
            String key = routeId != null ? routeId : instanceId;
            sender.execute(() -> producer.send(new ProducerRecord<>(topic, key, event), (meta, error) -> {
                if (error != null) {
                    LOGGER.warn("Could not publish router event {} to {}: {}", type, topic, error.toString());
                }
            }));
        }
    }

    public List<RouterEvent> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            sender.shutdown();
            try {
                sender.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
