package io.strangler.consistency;

import io.strangler.consistency.internal.AuditRow;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver around the auditor with one mapping, {@code customers}: monolith {@code public.customers(id,
 * name, email, legacy_flag)} and service {@code crm.customer(id, full_name, email, tenant)}, {@code name} renamed to
 * {@code full_name}, {@code legacy_flag} and {@code tenant} one-side-only. Grace 5 s, checks every 1 s, status
 * every 2 s, alert threshold 90 %, tombstones kept 60 s.
 */
final class AuditFixture implements AutoCloseable {

    static final String MAPPING = "customers";
    static final Duration GRACE = Duration.ofSeconds(5);
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(2);
    static final Duration TOMBSTONE_RETENTION = Duration.ofSeconds(60);
    static final List<String> LOGICAL_COLUMNS = List.of("id", "name", "email");

    static final ResolvedMapping CUSTOMERS = resolved("""
            mappings:
              - name: customers
                monolith: public.customers
                service: crm.customer
                columns: { name: full_name }
                monolith-only: [legacy_flag]
                service-only: [tenant]
            """, List.of(new MappedColumn("id", "id", "id"), new MappedColumn("name", "name", "full_name"),
            new MappedColumn("email", "email", "email")));

    static final ResolvedMapping ORDERS = resolved("""
            mappings:
              - name: orders
                monolith: public.orders
                service: sales.purchase
                exclude: { monolith: [internal_note] }
            """, List.of(new MappedColumn("id", "id", "id"), new MappedColumn("total", "total", "total")));

    /** Keyed by the unique, non-primary {@code email} (the primary key is {@code id}); both sides spell it alike. */
    static final ResolvedMapping CONTACTS = new ResolvedMapping(Mappings.parse("test.yaml", """
            mappings:
              - name: contacts
                monolith: public.contacts
                service: crm.contact
                key: [email]
            """).mappings().get(0), List.of("email"), List.of(new MappedColumn("id", "id", "id"),
            new MappedColumn("email", "email", "email"), new MappedColumn("name", "name", "name")));

    final ConsistencySettings settings = ConsistencySettings.defaults()
            .withGrace(GRACE)
            .withIntervals(Duration.ofSeconds(1), STATUS_INTERVAL)
            .withAlertThreshold(90.0)
            .withTombstoneRetention(TOMBSTONE_RETENTION);
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, RowChange>> inputs = new LinkedHashMap<>();
    private final TestOutputTopic<String, Discrepancy> discrepancies;
    private final TestOutputTopic<String, ConsistencyStatus> status;
    private long commitMicros = 1_000_000;

    AuditFixture(ResolvedMapping... mappings) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        ConsistencySerdes serdes = ConsistencySerdes.avro(registry);
        try {
            stateDir = Files.createTempDirectory("consistency-test");
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "consistency-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ConsistencyTopology.build(settings, List.of(mappings), serdes), props,
                Instant.parse("2026-11-25T12:00:00Z"));
        for (ResolvedMapping mapping : mappings) {
            for (Side side : Side.values()) {
                var table = mapping.mapping().table(side);
                String topic = settings.topicNames().cdc(settings.source(side), table.schema(), table.table());
                inputs.put(mapping.name() + "/" + side, driver.createInputTopic(topic, Serdes.String().serializer(),
                        serdes.rowChange().serializer()));
            }
        }
        discrepancies = driver.createOutputTopic(settings.topicNames().consistencyDiscrepancies(),
                Serdes.String().deserializer(), serdes.discrepancy().deserializer());
        status = driver.createOutputTopic(settings.topicNames().consistencyStatus(), Serdes.String().deserializer(),
                serdes.status().deserializer());
    }

    /** Writes a customers row as {@code side} spells it (renamed and one-side-only columns included). */
    void customer(Side side, Operation op, long id, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put(side == Side.MONOLITH ? "name" : "full_name", name);
        row.put("email", email);
        row.put(side == Side.MONOLITH ? "legacy_flag" : "tenant", side == Side.MONOLITH ? "N" : "acme");
        change(CUSTOMERS, side, op, Map.of("id", id), op == Operation.DELETE ? null : row, List.of());
    }

    void change(ResolvedMapping mapping, Side side, Operation op, Map<String, Object> key, Map<String, Object> after,
            List<String> unavailable) {
        change(mapping, side, op, key, op == Operation.DELETE ? key : null, after, unavailable);
    }

    /** An UPDATE with a full before image, as capture sends it under REPLICA IDENTITY FULL / binlog_row_image=FULL. */
    void update(ResolvedMapping mapping, Side side, Map<String, Object> key, Map<String, Object> before,
            Map<String, Object> after) {
        change(mapping, side, Operation.UPDATE, key, before, after, List.of());
    }

    private void change(ResolvedMapping mapping, Side side, Operation op, Map<String, Object> key,
            Map<String, Object> before, Map<String, Object> after, List<String> unavailable) {
        var table = mapping.mapping().table(side);
        commitMicros += 1_000;
        RowChange change = RowChange.newBuilder()
                .setSource(settings.source(side))
                .setSchema$(table.schema())
                .setTable(table.table())
                .setOp(op)
                .setKey(new LinkedHashMap<>(key))
                .setBefore(before == null ? null : new LinkedHashMap<>(before))
                .setAfter(after == null ? null : new LinkedHashMap<>(after))
                .setUnavailableColumns(unavailable)
                .setSourceCommitMicros(commitMicros)
                .setSourcePosition("0/" + commitMicros)
                .setTransactionId(null)
                .setCaptureMicros(commitMicros + 500)
                .build();
        inputs.get(mapping.name() + "/" + side).pipeInput(CanonicalKey.of(key).encode(), change);
    }

    /** Publishes {@code side}'s capture progress watermark, as capture does on its progress topic. */
    void progress(Side side, long micros) {
        driver.createInputTopic(settings.topicNames().captureProgress(settings.source(side)),
                Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(settings.source(side), Long.toString(micros).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The commit time of the latest change written. */
    long lastCommitMicros() {
        return commitMicros;
    }

    /** The next change commits 1 ms after {@code micros}. */
    void commitClock(long micros) {
        commitMicros = micros;
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<Discrepancy> discrepancies() {
        return discrepancies.readValuesToList();
    }

    List<String> discrepancyKeys() {
        List<String> keys = new ArrayList<>();
        discrepancies.readKeyValuesToList().forEach(kv -> keys.add(kv.key));
        return keys;
    }

    /** Lets two status intervals pass (the status step sums the partial counts of the previous one) and returns the last status. */
    ConsistencyStatus latestStatus() {
        advance(STATUS_INTERVAL);
        advance(STATUS_INTERVAL);
        List<ConsistencyStatus> all = status.readValuesToList();
        return all.get(all.size() - 1);
    }

    KeyValueStore<String, AuditRow> rows() {
        return driver.getKeyValueStore(ConsistencyTopology.ROWS_STORE);
    }

    /** Row keys of the timers store's entries, in due order. */
    List<String> timers() {
        KeyValueStore<String, String> store = driver.getKeyValueStore(ConsistencyTopology.TIMERS_STORE);
        List<String> rowKeys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> rowKeys.add(entry.value));
        }
        return rowKeys;
    }

    AuditRow row(String mapping, long id) {
        return rows().get(rowKey(mapping, id));
    }

    static String rowKey(String mapping, long id) {
        return mapping + ":{\"id\":" + id + "}";
    }

    /** The row key of a mapping keyed by one column. */
    static String rowKey(String mapping, String column, Object value) {
        return mapping + ":" + CanonicalKey.of(Map.of(column, value)).encode();
    }

    static RowHash hash(long id, String name, String email) {
        return RowHash.of(CanonicalRow.builder().put("id", id).put("name", name).put("email", email).build(),
                LOGICAL_COLUMNS);
    }

    double metric(String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && entry.getKey().group().equals("strangler-consistency-metrics")) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }

    @Override
    public void close() {
        driver.close();
    }

    private static ResolvedMapping resolved(String yaml, List<MappedColumn> columns) {
        Mapping mapping = Mappings.parse("test.yaml", yaml).mappings().get(0);
        return new ResolvedMapping(mapping, List.of("id"), columns);
    }
}
