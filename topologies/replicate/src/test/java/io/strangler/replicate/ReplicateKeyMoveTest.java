package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
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

/**
 * Replicating a mapping keyed by a unique non-primary column: public.contacts(id, email, name) keyed by email →
 * svc.contact(contact_id, email, name). An UPDATE of the email moves the logical row.
 */
class ReplicateKeyMoveTest {

    private static final TopicNames NAMES = new TopicNames("t");
    private static final ResolvedMapping CONTACTS = new ResolvedMapping(
            new Mapping("contacts", new TableRef("public", "contacts"), new TableRef("svc", "contact"), List.of("email"),
                    Map.of("id", "contact_id"), List.of(), List.of(), List.of(), List.of(),
                    Direction.MONOLITH_TO_SERVICE, null),
            List.of("email"), List.of(new MappedColumn("id", "id", "contact_id"),
                    new MappedColumn("email", "email", "email"), new MappedColumn("name", "name", "name")));

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ReplicateCounters counters = new ReplicateCounters();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> changes;
    private TestOutputTopic<String, ApplyCommand> commands;

    @BeforeEach
    void startDriver() {
        ReplicatePlan plan = new ReplicatePlan(List.of(CONTACTS), Side.MONOLITH, "monolith", "service");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replicate-key-move-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        driver = new TopologyTestDriver(ReplicateTopology.build(plan, NAMES, registry, counters), props);
        changes = driver.createInputTopic(NAMES.cdc("monolith", "public", "contacts"), Serdes.String().serializer(),
                new ByteArraySerializer());
        commands = driver.createOutputTopic(NAMES.apply("service"), Serdes.String().deserializer(),
                AvroSerdes.value(ApplyCommand.class, registry).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldDeleteTheOldKeyBeforeUpsertingTheNewOneWhenAnUpdateMovesTheKey() {
        // Given an update of the email, with the full before image
        pipe(update(contact("ada@old"), contact("ada@new")));

        // When / Then two commands, each keyed by its own target key, the old key's DELETE first
        List<TestRecord<String, ApplyCommand>> out = commands.readRecordsToList();
        assertThat(out).extracting(TestRecord::key)
                .containsExactly("{\"email\":\"ada@old\"}", "{\"email\":\"ada@new\"}");
        ApplyCommand delete = out.get(0).value();
        assertThat(delete.getOp()).isEqualTo(ApplyOperation.DELETE);
        assertThat(delete.getKey()).containsExactly(Map.entry("email", "ada@old"));
        assertThat(delete.getRow()).isNull();
        assertThat(RowHash.fromBytes(delete.getRowHash().bytes())).as("a DELETE's hash: of the logical key alone")
                .isEqualTo(RowTranslator.of(CONTACTS).hash(CanonicalRow.of(Map.of("email", "ada@old"))));
        assertThat(delete.getOriginCommitMicros()).isEqualTo(out.get(1).value().getOriginCommitMicros());
        ApplyCommand upsert = out.get(1).value();
        assertThat(upsert.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(upsert.getRow()).containsEntry("contact_id", 1L).containsEntry("email", "ada@new");
        assertThat(counters.commands()).isEqualTo(2);
    }

    @Test
    void shouldOnlyUpsertWhenTheKeyIsUnchangedOrTheBeforeImageCannotTellTheOldKey() {
        // Given an update of the name only, and an email update without a before image (default replica identity)
        Map<String, Object> renamed = contact("ada@x");
        renamed.put("name", "Ada L.");
        pipe(update(contact("ada@x"), renamed));
        pipe(update(null, contact("ada@new")));

        // When / Then one upsert each, nothing deleted
        assertThat(commands.readValuesToList()).extracting(ApplyCommand::getOp)
                .containsExactly(ApplyOperation.UPSERT, ApplyOperation.UPSERT);
    }

    private void pipe(RowChange change) {
        byte[] bytes = AvroSerdes.value(RowChange.class, registry).serializer().serialize("x", change);
        changes.pipeInput("{\"id\":1}", bytes);
    }

    private static RowChange update(Map<String, Object> before, Map<String, Object> after) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable("contacts")
                .setOp(Operation.UPDATE).setKey(Map.of("id", 1L)).setBefore(before).setAfter(after)
                .setSourceCommitMicros(7L).setSourcePosition("0/7").setTransactionId("1").setCaptureMicros(8L).build();
    }

    private static Map<String, Object> contact(String email) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("email", email);
        row.put("name", "Ada");
        return row;
    }
}
