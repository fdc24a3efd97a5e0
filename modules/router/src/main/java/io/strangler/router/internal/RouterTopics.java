package io.strangler.router.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the router's own topics when missing: one partition each (their order matters), broker's replication. */
final class RouterTopics {

    private RouterTopics() {
    }

    /**
     * @param what    the topic's role, for the error ("routes topic")
     * @param configs topic configuration (cleanup policy, retention)
     */
    static void ensure(Map<String, Object> adminProps, String topic, Map<String, String> configs, String what) {
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(configs)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + what + " " + topic + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating " + what + " " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating " + what + " " + topic, e);
        }
    }
}
