package io.strangler.testsupport;

import java.util.Map;

/**
 * The shared in-process Kafka broker, as one test class sees it. Topics created through {@link #uniqueTopic}
 * are unique to the caller, so test classes can run in parallel on one broker.
 */
public interface TestKafka {

    /** {@code host:port} of the broker's client listener. */
    String bootstrapServers();

    /** A topic name no other test uses, e.g. {@code prefix + "-" + counter}; the topic is not created. */
    String uniqueTopic(String prefix);

    /** Creates a topic and waits until it is ready; configs are topic-level configs such as cleanup.policy. */
    void createTopic(String name, int partitions, Map<String, String> configs);

    /** Common client properties (bootstrap.servers) to start producer/consumer/admin configs from. */
    Map<String, Object> clientProperties();
}
