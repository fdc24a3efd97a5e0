package io.strangler.sync;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.Engine;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * The one file {@code strangler sync --config FILE} reads: the sync's keys ({@link SyncConfig}: Kafka, registry, topic
 * prefix, mappings file, {@code application.id}, {@code monolith.database.*}, {@code service.database.*},
 * {@code sync.*}, {@code streams.*}) and, optionally, overrides for the four processors it runs beside the sync under
 * {@code monolith.capture.}, {@code service.capture.}, {@code monolith.apply.} and {@code service.apply.}. Everything
 * a processor needs and the file leaves out is derived from the sync's keys, so a minimal file names only Kafka, the
 * registry, the mappings and the two databases:
 *
 * <ul>
 *   <li>capture of a side: source name ({@code sync.<side>.source}), engine, host, port, database, user and password
 *       from {@code <side>.database.*}, the mapped tables of that side as {@code table.include.list}, Kafka,
 *       registry, topic prefix, and {@code sync.partitions} as the partition count of the cdc topics it creates;</li>
 *   <li>apply sink of a side: target ({@code sync.<side>.source}), {@code <side>.database.*}, Kafka, registry,
 *       topic prefix.</li>
 * </ul>
 */
public final class SyncPipelineConfig {

    private static final List<String> PROCESSOR_PREFIXES = List.of("monolith.capture.", "service.capture.",
            "monolith.apply.", "service.apply.");

    private final Map<String, String> values;
    private final SyncConfig sync;

    public SyncPipelineConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        Map<String, String> syncValues = new HashMap<>(values);
        syncValues.keySet().removeIf(key -> PROCESSOR_PREFIXES.stream().anyMatch(key::startsWith));
        this.sync = new SyncConfig(syncValues);
        if (sync.mappingsFile().isEmpty()) {
            throw new ConfigException(StranglerConfig.MAPPINGS_FILE, null,
                    "is required: name the mappings file (YAML) that pairs the monolith's tables with the service's");
        }
    }

    /** Reads a {@code .properties} file; errors start with the file name and name the key. */
    public static SyncPipelineConfig fromProperties(Path file) {
        return ConfigFiles.load(file, SyncPipelineConfig::new);
    }

    public SyncConfig sync() {
        return sync;
    }

    public DatabaseConfig database(Side side) {
        return side == Side.MONOLITH ? sync.monolithDatabase() : sync.serviceDatabase();
    }

    /** The capture of {@code side}'s database, for the tables {@code mappings} name on that side. */
    public CaptureConfig captureConfig(Side side, List<ResolvedMapping> mappings) {
        String prefix = side.label() + ".capture.";
        DatabaseConfig database = database(side);
        String databaseKey = side.label() + ".database." + DatabaseConfig.URL;
        JdbcAddress address = JdbcAddress.parse(databaseKey, database.url());
        Map<String, String> capture = ConfigFiles.withoutPrefix(values, prefix);
        String source = sync.settings().source(side);
        capture.putIfAbsent(CaptureConfig.SOURCE_NAME, source);
        capture.putIfAbsent(CaptureConfig.ENGINE, database.engine() == Engine.POSTGRESQL ? "postgresql" : "mariadb");
        capture.putIfAbsent(CaptureConfig.BOOTSTRAP_SERVERS, String.join(",", sync.bootstrapServers()));
        capture.putIfAbsent(CaptureConfig.SCHEMA_REGISTRY_URL, sync.schemaRegistryUrl().toString());
        capture.putIfAbsent(CaptureConfig.TOPIC_PREFIX, sync.topicPrefix());
        capture.putIfAbsent(CaptureConfig.TOPIC_PARTITIONS, Integer.toString(sync.settings().rekey().partitions()));
        capture.putIfAbsent("database.hostname", address.host());
        capture.putIfAbsent("database.port", Integer.toString(address.port()));
        capture.putIfAbsent("database.user", database.user());
        if (database.password() != null) {
            capture.putIfAbsent("database.password", database.password().value());
        }
        Set<TableRef> tables = new LinkedHashSet<>();
        mappings.forEach(mapping -> tables.add(mapping.mapping().table(side)));
        capture.putIfAbsent("table.include.list", tables.stream().map(TableRef::toString)
                .collect(Collectors.joining(",")));
        if (database.engine() == Engine.POSTGRESQL) {
            if (address.database().isEmpty() && !capture.containsKey("database.dbname")) {
                throw new ConfigException(databaseKey, database.url(), "names no database: capture needs one");
            }
            capture.putIfAbsent("database.dbname", address.database());
        } else {
            capture.putIfAbsent("database.include.list",
                    tables.stream().map(TableRef::schema).distinct().collect(Collectors.joining(",")));
        }
        if (!source.equals(capture.get(CaptureConfig.SOURCE_NAME))) {
            throw new ConfigException(prefix + CaptureConfig.SOURCE_NAME, capture.get(CaptureConfig.SOURCE_NAME),
                    "differs from sync." + side.label() + ".source (" + source
                            + "): the sync would read topics this capture does not write");
        }
        return new CaptureConfig(capture);
    }

    /** The apply sink writing into {@code side}'s database. */
    public ApplySinkConfig applyConfig(Side side) {
        String prefix = side.label() + ".apply.";
        DatabaseConfig database = database(side);
        Map<String, String> apply = ConfigFiles.withoutPrefix(values, prefix);
        String target = sync.settings().source(side);
        apply.putIfAbsent(ApplySinkConfig.TARGET, target);
        apply.putIfAbsent(ApplySinkConfig.JDBC_URL, database.url());
        apply.putIfAbsent(ApplySinkConfig.JDBC_USER, database.user());
        if (database.password() != null) {
            apply.putIfAbsent(ApplySinkConfig.JDBC_PASSWORD, database.password().value());
        }
        apply.putIfAbsent(ApplySinkConfig.BOOTSTRAP_SERVERS, String.join(",", sync.bootstrapServers()));
        apply.putIfAbsent(ApplySinkConfig.SCHEMA_REGISTRY_URL, sync.schemaRegistryUrl().toString());
        apply.putIfAbsent(ApplySinkConfig.TOPIC_PREFIX, sync.topicPrefix());
        if (!target.equals(apply.get(ApplySinkConfig.TARGET))) {
            throw new ConfigException(prefix + ApplySinkConfig.TARGET, apply.get(ApplySinkConfig.TARGET),
                    "differs from sync." + side.label() + ".source (" + target
                            + "): the sink would read a topic the sync does not write");
        }
        return new ApplySinkConfig(apply);
    }


    /** Host, port and database of a {@code jdbc:postgresql:} or {@code jdbc:mariadb:}/{@code jdbc:mysql:} URL. */
    record JdbcAddress(String host, int port, String database) {

        static JdbcAddress parse(String key, String url) {
            URI uri;
            try {
                uri = URI.create(url.substring("jdbc:".length()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, url, "is not a JDBC URL of the form jdbc:<engine>://host[:port]/database");
            }
            if (uri.getHost() == null) {
                throw new ConfigException(key, url, "names no host: write jdbc:<engine>://host[:port]/database");
            }
            int defaultPort = "postgresql".equals(uri.getScheme()) ? 5432 : 3306;
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            return new JdbcAddress(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), path);
        }
    }
}
