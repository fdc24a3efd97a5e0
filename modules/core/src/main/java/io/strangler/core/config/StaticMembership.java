package io.strangler.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka static membership ({@code group.instance.id}) for the Kafka Streams processors, configured alike in all of
 * them: one key per processor, empty meaning the host name (the pod name of a StatefulSet), {@value #DYNAMIC}
 * meaning none. A restarted instance with the same name takes its tasks back at once instead of after a session
 * timeout and a rebalance of every instance.
 *
 * <pre>{@code
 * ConfigDef def = StaticMembership.define(new ConfigDef(), "sync.instance.id");
 * StaticMembership.instanceId("sync.instance.id", config.getString("sync.instance.id"))
 *         .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
 * }</pre>
 */
public final class StaticMembership {

    /** The value that turns static membership off. */
    public static final String DYNAMIC = "dynamic";

    private StaticMembership() {}

    /** Adds {@code key} (string, default empty) with the shared documentation to {@code definition}. */
    public static ConfigDef define(ConfigDef definition, String key) {
        return definition.define(key, Type.STRING, "", Importance.MEDIUM,
                "This instance's name in its consumer group (Kafka static membership, group.instance.id; each"
                        + " stream thread adds -<n>). A restarted instance with the same name takes its tasks back"
                        + " at once instead of after a session timeout and a rebalance of every instance; give"
                        + " every instance its own, stable name, e.g. the StatefulSet pod name. Empty: the host"
                        + " name. 'dynamic': no static membership (a stopped instance leaves the group at once).");
    }

    /** The member name {@code configured} under {@code key} (else the host name), or empty for dynamic membership. */
    public static Optional<String> instanceId(String key, String configured) {
        String name = configured == null ? "" : configured.trim();
        if (name.equalsIgnoreCase(DYNAMIC)) {
            return Optional.empty();
        }
        return Optional.of(name.isEmpty() ? hostName(key) : name);
    }

    private static String hostName(String key) {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "", "cannot tell the host name (" + e.getMessage() + "): name this instance");
        }
    }
}
