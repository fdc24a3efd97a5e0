package io.strangler.capture.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates each topic capture writes to the first time it is needed, so capture works where the broker does not
 * auto-create topics and gets the configured partition count where it does.
 */
final class TopicCreator implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicCreator(Map<String, Object> clientProperties, int partitions, short replicationFactor) {
        this.admin = Admin.create(clientProperties);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void ensure(String topic) throws InterruptedException {
        if (known.contains(topic)) {
            return;
        }
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOGGER.info("Created topic {} ({} partitions)", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s creating topic " + topic, e);
        }
        known.add(topic);
    }

    @Override
    public void close() {
        admin.close();
    }
}
