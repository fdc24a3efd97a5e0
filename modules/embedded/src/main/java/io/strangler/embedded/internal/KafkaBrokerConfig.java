package io.strangler.embedded.internal;

import kafka.server.KafkaConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The broker settings of the embedded single-node KRaft broker. */
public final class KafkaBrokerConfig {

    public static final String BROKER_LISTENER = "PLAINTEXT";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private KafkaBrokerConfig() {
    }

    /** Defaults for one replica, overridden by {@code overrides}. */
    public static KafkaConfig build(int brokerPort, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort + ","
                + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        // one replica: every internal topic and every transaction must be satisfiable by this node alone
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        // tests and the embedded default want the first consumer group rebalance at once
        props.put("group.initial.rebalance.delay.ms", "0");
        // the cleaner's default 128 MB dedupe buffer dominates the heap of a small broker
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("auto.create.topics.enable", "true");
        props.put("server.max.startup.time.ms", Long.toString(120_000));
        props.putAll(overrides);
        return new KafkaConfig(props, false);
    }
}
