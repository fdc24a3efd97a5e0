package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicateTopologyTest {

    private static final TopicNames NAMES = new TopicNames("t");
    /** public.orders(id, customer_id, total, legacy, note) → svc.purchase_order(order_id, buyer_id, total, tenant). */
    private static final ResolvedMapping ORDERS = new ResolvedMapping(
            new Mapping("orders", new TableRef("public", "orders"), new TableRef("svc", "purchase_order"), List.of(),
                    Map.of("id", "order_id", "customer_id", "buyer_id"), List.of(new OneSidedColumn("legacy", "x")),
                    List.of(new OneSidedColumn("tenant", "acme")), List.of("note"), List.of(),
                    Direction.MONOLITH_TO_SERVICE, null),
            List.of("id"), List.of(new MappedColumn("id", "id", "order_id"),
                    new MappedColumn("customer_id", "customer_id", "buyer_id"), new MappedColumn("total", "total", "total")));

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ReplicateCounters counters = new ReplicateCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> changes;
    private TestOutputTopic<String, ApplyCommand> commands;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void startDriver() {
        ReplicatePlan plan = new ReplicatePlan(List.of(ORDERS), Side.MONOLITH, "monolith", "service");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replicate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ReplicateTopology.build(plan, NAMES, registry, counters), props);
        changes = driver.createInputTopic(NAMES.cdc("monolith", "public", "orders"), Serdes.String().serializer(),
                new ByteArraySerializer());
        commands = driver.createOutputTopic(NAMES.apply("service"), Serdes.String().deserializer(),
                AvroSerdes.value(ApplyCommand.class, registry).deserializer());
        deadLetters = driver.createOutputTopic(NAMES.syncDlq(), Serdes.String().deserializer(),
                AvroSerdes.value(DeadLetter.class, registry).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldTurnAnInsertIntoAnUpsertWithRenamesInsertOnlyDefaultsAndTheLogicalHash() {
        // Given an insert on the monolith
        Map<String, Object> after = row("id", 7L, "customer_id", 3L, "total", "9.99", "legacy", "Y", "note", "secret");

        // When
        pipe(change(Operation.CREATE, null, after, 1_000L));

        // Then one upsert, keyed by the service's key, in service names, without monolith-only or excluded columns
        TestRecord<String, ApplyCommand> out = commands.readRecord();
        assertThat(out.key()).isEqualTo("{\"order_id\":7}");
        ApplyCommand command = out.value();
        assertThat(command.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(command.getMapping()).isEqualTo("orders");
        assertThat(command.getTarget()).isEqualTo("service");
        assertThat(command.getSchema$()).isEqualTo("svc");
        assertThat(command.getTable()).isEqualTo("purchase_order");
        assertThat(command.getKey()).containsExactly(Map.entry("order_id", 7L));
        assertThat(command.getRow()).containsOnlyKeys("order_id", "buyer_id", "total");
        assertThat(command.getRow()).containsEntry("buyer_id", 3L).containsEntry("total", "9.99");
        assertThat(command.getInsertOnly()).containsExactly(Map.entry("tenant", "acme"));
        assertThat(command.getReason()).isEqualTo(ApplyReason.SYNC);
        assertThat(command.getOriginSide()).isEqualTo("monolith");
        assertThat(command.getOriginCommitMicros()).isEqualTo(1_000L);
        RowHash expected = RowHash.of(CanonicalRow.of(row("id", 7L, "customer_id", 3L, "total", "9.99")),
                List.of("id", "customer_id", "total"));
        assertThat(RowHash.fromBytes(command.getRowHash().bytes())).isEqualTo(expected);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldTurnSnapshotReadsAndUpdatesIntoUpsertsAndDeletesIntoDeletesByTheTargetKey() {
        // Given a snapshot read, an update and a delete (with a before image) of one row
        pipe(change(Operation.READ, null, row("id", 1L, "customer_id", 1L, "total", "1.00"), 1L));
        pipe(change(Operation.UPDATE, row("id", 1L, "customer_id", 1L, "total", "1.00"),
                row("id", 1L, "customer_id", 2L, "total", "2.00"), 2L));
        pipe(change(Operation.DELETE, row("id", 1L, "customer_id", 2L, "total", "2.00"), null, 3L));

        // When / Then
        List<ApplyCommand> out = commands.readValuesToList();
        assertThat(out).extracting(ApplyCommand::getOp)
                .containsExactly(ApplyOperation.UPSERT, ApplyOperation.UPSERT, ApplyOperation.DELETE);
        assertThat(out.get(1).getRow()).containsEntry("total", "2.00");
        assertThat(out.get(2).getKey()).containsExactly(Map.entry("order_id", 1L));
        assertThat(out.get(2).getRow()).isNull();
        assertThat(counters.commands()).isEqualTo(3);
    }

    @Test
    void shouldDropUnavailableColumnsSoTheTargetKeepsItsValue() {
        // Given an update whose total the source could not provide (unchanged TOAST)
        RowChange change = change(Operation.UPDATE, null, row("id", 4L, "customer_id", 1L, "total", null), 5L);
        change.setUnavailableColumns(List.of("total"));

        // When
        pipe(change);

        // Then
        assertThat(commands.readValue().getRow()).containsOnlyKeys("order_id", "buyer_id");
    }

    @Test
    void shouldDeadLetterPoisonAndUntranslatableChangesAndKeepGoing() {
        // Given bytes that are not a RowChange, a change without an after image, and then a good change
        changes.pipeInput("{\"id\":1}", "not avro".getBytes(StandardCharsets.UTF_8));
        pipe(change(Operation.CREATE, null, null, 1L));
        changes.pipeInput("{\"id\":3}", (byte[]) null);
        pipe(change(Operation.CREATE, null, row("id", 2L, "customer_id", 1L, "total", "1.00"), 1L));

        // When / Then
        List<TestRecord<String, DeadLetter>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.value().getComponent()).isEqualTo("replicate");
            assertThat(letter.value().getSource()).isEqualTo("monolith");
            assertThat(letter.value().getTopic()).isEqualTo(NAMES.cdc("monolith", "public", "orders"));
            assertThat(letter.value().getOffset()).isNotNull();
            assertThat(letter.value().getPayload()).isNotNull();
        });
        assertThat(letters.get(0).value().getErrorClass()).contains("SerializationException");
        assertThat(letters.get(1).value().getErrorMessage()).contains("has no after image");
        assertThat(letters.get(1).value().getTable()).isEqualTo("public.orders");
        assertThat(commands.readValuesToList()).hasSize(1);
        assertThat(counters.deadLetters()).isEqualTo(2);
        assertThat(counters.skipped()).isEqualTo(1);
    }

    @Test
    void shouldRejectAPlanAgainstAMappingsDirection() {
        // Given a mapping that only flows from the service to the monolith
        ResolvedMapping backwards = new ResolvedMapping(new Mapping("back", new TableRef("public", "a"),
                new TableRef("svc", "a"), List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                Direction.SERVICE_TO_MONOLITH, null), List.of("id"), List.of(new MappedColumn("id", "id", "id")));

        // When / Then
        assertThatThrownBy(() -> new ReplicatePlan(List.of(backwards), Side.MONOLITH, "monolith", "service"))
                .isInstanceOf(MappingException.class).hasMessageContaining("service-to-monolith");
        assertThat(new ReplicatePlan(List.of(backwards), Side.SERVICE, "service", "monolith").sourceTopics(NAMES))
                .containsExactly("t.cdc.service.svc.a");
    }

    private void pipe(RowChange change) {
        byte[] bytes = AvroSerdes.value(RowChange.class, registry).serializer().serialize("x", change);
        changes.pipeInput("{\"id\":" + change.getKey().get("id") + "}", bytes);
    }

    private static RowChange change(Operation op, Map<String, Object> before, Map<String, Object> after, long commitMicros) {
        Map<String, Object> image = after != null ? after : before != null ? before : row("id", 0L);
        Map<String, Object> key = new HashMap<>();
        key.put("id", image.get("id"));
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable("orders").setOp(op)
                .setKey(key).setBefore(before).setAfter(after).setSourceCommitMicros(commitMicros)
                .setSourcePosition("0/1").setTransactionId("1").setCaptureMicros(commitMicros).build();
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
