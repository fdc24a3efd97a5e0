package io.strangler.sync;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.topic.ReplayedRecords;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.sync.internal.LogicalChange;
import io.strangler.sync.internal.RowState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A TopologyTestDriver around the sync topology with one mapping, {@code customers}: monolith
 * {@code public.customer(id, name, email, legacy_code)} and service {@code crm.client(id, full_name, email, tier)},
 * {@code name} renamed to {@code full_name}, {@code legacy_code} monolith-only, {@code tier} service-only with default
 * {@code basic}.
 */
final class SyncFixture implements AutoCloseable {

    static final String MAPPING = "customers";
    static final TableRef MONOLITH_TABLE = new TableRef("public", "customer");
    static final TableRef SERVICE_TABLE = new TableRef("crm", "client");
    static final List<String> LOGICAL = List.of("id", "name", "email");
    /** The wall clock starts at the epoch, so any commit time in the tests is later than every apply sent. */
    static final long START_MILLIS = 0;

    final SyncSettings settings;
    final ResolvedMapping mapping;
    final TopologyTestDriver driver;
    final SyncSerdes serdes;
    private final TestInputTopic<String, RowChange> monolithIn;
    private final TestInputTopic<String, RowChange> serviceIn;
    private final TestInputTopic<byte[], byte[]> monolithRaw;
    private final TestOutputTopic<String, ApplyCommand> monolithOut;
    private final TestOutputTopic<String, ApplyCommand> serviceOut;
    private final TestOutputTopic<String, Conflict> conflicts;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private long position;
    private long wallClockMillis = START_MILLIS;

    SyncFixture(ConflictStrategy strategy) {
        this(strategy, Direction.BOTH, SyncSettings.defaults());
    }

    SyncFixture(ConflictStrategy strategy, Direction direction, SyncSettings settings) {
        this(strategy, direction, settings, SyncTopology.Stores.ROCKSDB);
    }

    SyncFixture(ConflictStrategy strategy, Direction direction, SyncSettings settings, SyncTopology.Stores stores) {
        this(customers(strategy, direction), settings, stores);
    }

    /** The sync topology with {@code mapping} alone; {@link #change} and {@link #pipe} then speak of its tables. */
    SyncFixture(ResolvedMapping mapping, SyncSettings settings, SyncTopology.Stores stores) {
        this.settings = settings;
        this.mapping = mapping;
        this.serdes = SyncSerdes.avro(new InMemorySchemaRegistryClient());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sync-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/streams-state/" + UUID.randomUUID());
        this.driver = new TopologyTestDriver(SyncTopology.build(settings, List.of(mapping), serdes, stores), props,
                Instant.ofEpochMilli(START_MILLIS));
        var names = settings.topicNames();
        TableRef monolithTable = mapping.mapping().table(Side.MONOLITH);
        TableRef serviceTable = mapping.mapping().table(Side.SERVICE);
        monolithIn = driver.createInputTopic(names.cdc(settings.monolithSource(), monolithTable.schema(),
                monolithTable.table()), Serdes.String().serializer(), serdes.rowChange().serializer());
        serviceIn = driver.createInputTopic(names.cdc(settings.serviceSource(), serviceTable.schema(),
                serviceTable.table()), Serdes.String().serializer(), serdes.rowChange().serializer());
        monolithRaw = driver.createInputTopic(names.cdc(settings.monolithSource(), monolithTable.schema(),
                monolithTable.table()),
                Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        monolithOut = driver.createOutputTopic(names.apply(settings.monolithSource()), Serdes.String().deserializer(),
                serdes.applyCommand().deserializer());
        serviceOut = driver.createOutputTopic(names.apply(settings.serviceSource()), Serdes.String().deserializer(),
                serdes.applyCommand().deserializer());
        conflicts = driver.createOutputTopic(names.syncConflicts(), Serdes.String().deserializer(),
                serdes.conflict().deserializer());
        deadLetters = driver.createOutputTopic(names.syncDlq(), Serdes.String().deserializer(),
                serdes.deadLetter().deserializer());
    }

    static ResolvedMapping customers(ConflictStrategy strategy, Direction direction) {
        Mapping mapping = new Mapping(MAPPING, MONOLITH_TABLE, SERVICE_TABLE, List.of("id"), Map.of("name", "full_name"),
                List.of(new OneSidedColumn("legacy_code", null)), List.of(new OneSidedColumn("tier", "basic")),
                List.of(), List.of(), direction, strategy);
        return new ResolvedMapping(mapping, List.of("id"), List.of(new MappedColumn("id", "id", "id"),
                new MappedColumn("name", "name", "full_name"), new MappedColumn("email", "email", "email")));
    }

    /**
     * The customers mapping keyed by {@code email}, a unique column that is not the primary key: each side numbers its
     * rows itself ({@code id} excluded on both sides), so an update of the email moves the logical row.
     */
    static ResolvedMapping customersByEmail(ConflictStrategy strategy, Direction direction) {
        Mapping mapping = new Mapping(MAPPING, MONOLITH_TABLE, SERVICE_TABLE, List.of("email"),
                Map.of("name", "full_name"), List.of(new OneSidedColumn("legacy_code", null)),
                List.of(new OneSidedColumn("tier", "basic")), List.of("id"), List.of("id"), direction, strategy);
        return new ResolvedMapping(mapping, List.of("email"), List.of(new MappedColumn("name", "name", "full_name"),
                new MappedColumn("email", "email", "email")));
    }

    /** A row in the monolith's column names. */
    static Map<String, Object> monolithRow(long id, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("email", email);
        row.put("legacy_code", "L" + id);
        return row;
    }

    /** A row in the service's column names. */
    static Map<String, Object> serviceRow(long id, String name, String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("full_name", name);
        row.put("email", email);
        row.put("tier", "gold");
        return row;
    }

    static Map<String, Object> row(Side side, long id, String name, String email) {
        return side == Side.MONOLITH ? monolithRow(id, name, email) : serviceRow(id, name, email);
    }

    RowChange change(Side side, Operation op, long id, Map<String, Object> after, long commitMicros) {
        return change(side, op, id, null, after, commitMicros);
    }

    /** A change with its before image, as REPLICA IDENTITY FULL / binlog_row_image=FULL log it. */
    RowChange change(Side side, Operation op, long id, Map<String, Object> before, Map<String, Object> after,
                     long commitMicros) {
        TableRef table = mapping.mapping().table(side);
        return RowChange.newBuilder()
                .setSource(settings.source(side))
                .setSchema$(table.schema())
                .setTable(table.table())
                .setOp(op)
                .setKey(new LinkedHashMap<>(Map.of("id", id)))
                .setBefore(before == null ? null : CanonicalRow.of(before).toAvro())
                .setAfter(after == null ? null : CanonicalRow.of(after).toAvro())
                .setUnavailableColumns(List.of())
                .setSourceCommitMicros(commitMicros)
                .setSourcePosition(side.label() + "-" + (++position))
                .setTransactionId(null)
                .setCaptureMicros(commitMicros + 10)
                .build();
    }

    /** Delivers a change; the sync's wall clock first moves up to the change's commit time, as it would in real life. */
    void pipe(Side side, RowChange change) {
        long commitMillis = change.getSourceCommitMicros() / 1_000;
        if (commitMillis > wallClockMillis) {
            advance(Duration.ofMillis(commitMillis - wallClockMillis));
        }
        long id = (Long) change.getKey().get("id");
        (side == Side.MONOLITH ? monolithIn : serviceIn).pipeInput("{\"id\":" + id + "}", change);
    }

    /** Delivers a change as {@code strangler dlq replay} sends a dead letter again: with its replay header. */
    void pipeReplayed(Side side, RowChange change) {
        RecordHeaders headers = new RecordHeaders();
        ReplayedRecords.mark(headers, "0:0");
        long id = (Long) change.getKey().get("id");
        (side == Side.MONOLITH ? monolithIn : serviceIn).pipeInput(
                new TestRecord<>("{\"id\":" + id + "}", change, headers));
    }

    /** A local write on {@code side}: insert, update or delete of customer {@code id}. */
    void write(Side side, Operation op, long id, String name, String email, long commitMicros) {
        pipe(side, change(side, op, id, op == Operation.DELETE ? null : row(side, id, name, email), commitMicros));
    }

    void pipeRawMonolith(byte[] key, byte[] value) {
        monolithRaw.pipeInput(key, value);
    }

    /** The change the target database emits after applying {@code command}: its echo. */
    void echo(ApplyCommand command, Operation op, long commitMicros) {
        Side side = command.getTarget().equals(settings.monolithSource()) ? Side.MONOLITH : Side.SERVICE;
        long id = (Long) command.getKey().get("id");
        Map<String, Object> after = null;
        if (command.getOp() == ApplyOperation.UPSERT) {
            after = new LinkedHashMap<>(CanonicalRow.fromAvro(command.getRow()).values());
            after.putIfAbsent(side == Side.MONOLITH ? "legacy_code" : "tier", side == Side.MONOLITH ? "L" + id : "gold");
        }
        pipe(side, change(side, op, id, after, commitMicros));
    }

    List<KeyValue<String, ApplyCommand>> applies(Side side) {
        return (side == Side.MONOLITH ? monolithOut : serviceOut).readKeyValuesToList();
    }

    ApplyCommand onlyApply(Side side) {
        List<KeyValue<String, ApplyCommand>> all = applies(side);
        if (all.size() != 1) {
            throw new AssertionError("expected one apply to " + side + ", got " + all);
        }
        return all.get(0).value;
    }

    List<Conflict> conflicts() {
        return conflicts.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    boolean nothingEmitted() {
        return monolithOut.isEmpty() && serviceOut.isEmpty() && conflicts.isEmpty() && deadLetters.isEmpty();
    }

    RowState state(long id) {
        return state(Map.of("id", id));
    }

    /** The sync's state of the row with logical key {@code key} (logical column names). */
    RowState state(Map<String, ?> key) {
        KeyValueStore<String, RowState> store = driver.getKeyValueStore(SyncTopology.ROWS_STORE);
        return store.get(LogicalChange.storeKey(mapping.name(), CanonicalKey.of(key)));
    }

    Long tombstone(long id) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(SyncTopology.TOMBSTONES_STORE);
        return store.get(LogicalChange.storeKey(mapping.name(), CanonicalKey.of(Map.of("id", id))));
    }

    static io.strangler.core.row.RowHash hash(long id, String name, String email) {
        Map<String, Object> logical = new LinkedHashMap<>();
        logical.put("id", id);
        logical.put("name", name);
        logical.put("email", email);
        return io.strangler.core.row.RowHash.of(CanonicalRow.of(logical), LOGICAL);
    }

    static Map<String, Object> logical(long id, String name, String email) {
        Map<String, Object> logical = new LinkedHashMap<>();
        logical.put("id", id);
        logical.put("name", name);
        logical.put("email", email);
        return logical;
    }

    double metric(String name, Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    void advance(Duration duration) {
        wallClockMillis += duration.toMillis();
        driver.advanceWallClockTime(duration);
    }

    long wallClockMillis() {
        return wallClockMillis;
    }

    @Override
    public void close() {
        driver.close();
    }
}
