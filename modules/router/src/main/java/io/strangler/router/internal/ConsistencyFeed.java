package io.strangler.router.internal;

import io.strangler.schemas.ConsistencyStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the consistency auditor's status topic and keeps the newest overall percentage (newest by the status's
 * emission time, so several partitions are fine). No consumer group: the topic's partitions are assigned and read
 * from a few records before their end, so a starting router knows the current figure as soon as the auditor has
 * published one. A topic that does not exist yet is looked up again every {@link #RETRY_MILLIS}.
 */
public final class ConsistencyFeed implements AutoCloseable {

    /** The newest overall figure. */
    public record Reading(double percent, boolean alert, long emittedMicros) {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsistencyFeed.class);
    static final long RETRY_MILLIS = 2_000;
    private static final int TAIL_RECORDS = 5;

    private final Consumer<String, ConsistencyStatus> consumer;
    private final String topic;
    private final AtomicReference<Reading> latest = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    public ConsistencyFeed(Consumer<String, ConsistencyStatus> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
        this.poller = new Thread(this::pollLoop, "router-consistency");
        poller.setDaemon(true);
        poller.start();
    }

    public String topic() {
        return topic;
    }

    /** The newest status seen; empty until the auditor has published one. */
    public Optional<Reading> latest() {
        return Optional.ofNullable(latest.get());
    }

    private void pollLoop() {
        try {
            while (running && !assign()) {
                synchronized (this) {
                    wait(RETRY_MILLIS);
                }
            }
            while (running) {
                try {
                    for (ConsumerRecord<String, ConsistencyStatus> record : consumer.poll(Duration.ofMillis(200))) {
                        accept(record.value());
                    }
                } catch (SerializationException e) {
                    // one unreadable record must not blind the gate to every later status
                    LOGGER.error("Skipping an unreadable record on {}: {}", topic, e.getMessage());
                    skipUnreadable(e);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOGGER.error("Consistency status consumer woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.error("Consistency status consumer of {} stopped: the ramp consistency gate keeps its last value",
                    topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            LOGGER.debug("Consistency status topic {} does not exist yet; looking again in {} ms", topic,
                    RETRY_MILLIS);
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        // a few records back rather than one: with exactly-once writers the last offsets are transaction markers
        partitions.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - TAIL_RECORDS)));
        LOGGER.info("Following consistency status on {} ({} partitions)", topic, partitions.size());
        return true;
    }

    private void skipUnreadable(SerializationException e) {
        if (e instanceof org.apache.kafka.common.errors.RecordDeserializationException bad) {
            consumer.seek(bad.topicPartition(), bad.offset() + 1);
        }
    }

    private void accept(ConsistencyStatus status) {
        if (status == null || status.getOverall() == null) {
            return;
        }
        Reading next = new Reading(status.getOverall().getConsistencyPercent(), status.getAlert(),
                status.getEmittedMicros());
        latest.accumulateAndGet(next, (old, fresh) -> old == null || fresh.emittedMicros() >= old.emittedMicros()
                ? fresh : old);
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
