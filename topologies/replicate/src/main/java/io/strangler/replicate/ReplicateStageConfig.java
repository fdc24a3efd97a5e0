package io.strangler.replicate;

import io.strangler.core.config.ConfigDefs;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.StaticMembership;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.Side;
import io.strangler.core.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the replicate stage (the Kafka Streams app): the common settings ({@link StranglerConfig}: Kafka,
 * registry, topic prefix, mappings file) and the keys below; keys under {@code streams.} go to Kafka Streams with the
 * prefix removed (e.g. {@code streams.num.stream.threads=2}).
 *
 * <pre>{@code
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * strangler.mappings.file=mappings.yaml
 * strangler.replicate.from=monolith
 * }</pre>
 */
public final class ReplicateStageConfig extends StranglerConfig {

    public static final String FROM = "strangler.replicate.from";
    public static final String SOURCE_NAME = "strangler.replicate.source.name";
    public static final String TARGET = "strangler.replicate.target";
    public static final String APPLICATION_ID = "strangler.replicate.application.id";
    public static final String INSTANCE_ID = "strangler.replicate.instance.id";
    public static final String COMMIT_INTERVAL_MS = "strangler.replicate.commit.interval.ms";
    public static final String TOPIC_PARTITIONS = "strangler.replicate.topic.partitions";
    public static final String STATE_DIR = "strangler.replicate.state.dir";
    public static final String STREAMS_PREFIX = "streams.";

    private static final Pattern NAME_PART = Pattern.compile("[a-zA-Z0-9_-]+");

    private static final ConfigDef REPLICATE_DEF = StaticMembership.define(new ConfigDef(), INSTANCE_ID)
            .define(FROM, Type.STRING, "monolith", ConfigDef.ValidString.in("monolith", "service"), Importance.HIGH,
                    "Side whose changes are replicated: monolith (to the service) or service (to the monolith). Every"
                            + " mapping's direction must allow that flow.")
            .define(SOURCE_NAME, Type.STRING, "", Importance.HIGH, "Capture source name of the 'from' side, as in"
                    + " <prefix>.cdc.<source>.<schema>.<table> (the capture's strangler.source.name). Empty: the side's"
                    + " name, monolith or service.")
            .define(TARGET, Type.STRING, "", Importance.HIGH, "Target name of the other side, as in"
                    + " <prefix>.apply.<target> (the apply sink's strangler.target). Empty: the side's name.")
            .define(APPLICATION_ID, Type.STRING, "", Importance.MEDIUM, "Kafka Streams application.id (consumer"
                    + " group and transactional id prefix). Empty: strangler-replicate-<source>-to-<target>.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, ConfigDef.Range.between(1, 600_000), Importance.MEDIUM,
                    "Kafka Streams commit.interval.ms. Under exactly-once, commands become visible to the apply sink"
                            + " only at a commit, so this bounds the stage's share of the latency.")
            .define(TOPIC_PARTITIONS, Type.INT, 1, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                    "Partitions of the change, apply and dead-letter topics the stage creates when they do not exist"
                            + " yet (existing topics are left as they are).")
            .define(STATE_DIR, Type.STRING, null, ConfigDefs.optionalNonBlank(), Importance.LOW,
                    "Kafka Streams state.dir. Unset: <java.io.tmpdir>/strangler-replicate. The stage keeps no state"
                            + " stores; Streams still locks task directories there.");

    public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(StranglerConfig.configDef(), REPLICATE_DEF);

    public ReplicateStageConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        requireNamePart(SOURCE_NAME, sourceName());
        requireNamePart(TARGET, target());
    }

    /** Reads a {@code .properties} file; errors start with the file name and name the key. */
    public static ReplicateStageConfig fromProperties(Path file) {
        return ConfigFiles.load(file, ReplicateStageConfig::new);
    }

    /** A copy of the stage's own definitions (without the common keys), for the reference docs. */
    public static ConfigDef replicateDef() {
        return new ConfigDef(REPLICATE_DEF);
    }

    public Side from() {
        return Side.fromLabel(FROM, getString(FROM));
    }

    public String sourceName() {
        String name = getString(SOURCE_NAME);
        return name.isEmpty() ? from().label() : name;
    }

    public String target() {
        String name = getString(TARGET);
        return name.isEmpty() ? from().other().label() : name;
    }

    /** The static member name ({@value #INSTANCE_ID}, else the host name), or empty for dynamic membership. */
    public Optional<String> instanceId() {
        return StaticMembership.instanceId(INSTANCE_ID, getString(INSTANCE_ID));
    }

    public String applicationId() {
        String id = getString(APPLICATION_ID);
        return id.isEmpty() ? "strangler-replicate-" + sourceName() + "-to-" + target() : id;
    }

    public Duration commitInterval() {
        return getDuration(COMMIT_INTERVAL_MS);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public Optional<Path> stateDir() {
        return getPath(STATE_DIR);
    }

    public TopicNames topicNames() {
        return new TopicNames(topicPrefix());
    }

    /** The {@code streams.*} keys without their prefix. */
    public Map<String, Object> streamsOverrides() {
        return new HashMap<>(originalsWithPrefix(STREAMS_PREFIX));
    }

    private static void requireNamePart(String key, String value) {
        if (!NAME_PART.matcher(value).matches()) {
            throw new ConfigException(key, value, "must be ASCII letters, digits, '_' or '-' (it is part of a topic name)");
        }
    }
}
