package io.strangler.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.schemas.RowChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "strangler.cdc.monolith.public.customers";

    private final CountingRegistryClient registry = new CountingRegistryClient();
    private final AvroSerde<RowChange> serde = AvroSerdes.value(RowChange.class, registry);

    @Test
    void shouldFrameValueWithMagicByteAndRegisteredSchemaIdOfValueSubject() {
        // Given a RowChange
        RowChange change = SampleRecords.rowChange(42);

        // When it is serialized
        byte[] bytes = serde.serializer().serialize(TOPIC, change);

        // Then it starts with magic byte 0 and the id registered under <topic>-value
        int id = registry.delegate.latest(TOPIC + "-value").id();
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(ConfluentWireFormat.schemaId(TOPIC, bytes)).isEqualTo(id);
    }

    @Test
    void shouldRoundTripEveryCanonicalValueType() {
        // Given a RowChange with null, boolean, long, double, string and bytes values
        RowChange change = SampleRecords.rowChange(7);

        // When it is serialized and deserialized
        RowChange read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, change));

        // Then it is equal, with Java Strings (stringType String) and a ByteBuffer for bytes
        assertThat(read).isEqualTo(change);
        assertThat(read.getAfter().get("name")).isInstanceOf(String.class);
        assertThat(read.getAfter().get("photo")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(read.getAfter()).containsEntry("deleted_at", null);
    }

    @Test
    void shouldUseKeySubjectForKeySerde() {
        AvroSerde<RowChange> keySerde = AvroSerdes.key(RowChange.class, registry);

        keySerde.serializer().serialize(TOPIC, SampleRecords.rowChange(1));

        assertThat(registry.delegate.latest(TOPIC + "-key").schema()).isEqualTo(RowChange.getClassSchema());
    }

    @Test
    void shouldRegisterOnceAndFetchWriterSchemaOnceForManyRecords() {
        // Given many records of one schema
        for (int i = 0; i < 50; i++) {
            // When each is serialized and deserialized
            byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.rowChange(i));
            serde.deserializer().deserialize(TOPIC, bytes);
        }

        // Then the registry was asked once for the id and once for the writer schema
        assertThat(registry.registers).hasValue(1);
        assertThat(registry.byIds).hasValue(1);
    }

    @Test
    void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
        // Given the schema registered beforehand and a serializer that must not register
        int id = registry.delegate.register(TOPIC + "-value", RowChange.getClassSchema());
        AvroSerde<RowChange> lookingUp = AvroSerdes.value(RowChange.class, registry, false);

        // When a record is serialized
        byte[] bytes = lookingUp.serializer().serialize(TOPIC, SampleRecords.rowChange(3));

        // Then the id was looked up, not registered
        assertThat(ConfluentWireFormat.schemaId(TOPIC, bytes)).isEqualTo(id);
        assertThat(registry.lookups).hasValue(1);
        assertThat(registry.registers).hasValue(0);
    }

    @Test
    void shouldFailClearlyWhenAutoRegisterIsOffAndSchemaIsUnknown() {
        AvroSerde<RowChange> lookingUp = AvroSerdes.value(RowChange.class, registry, false);

        assertThatThrownBy(() -> lookingUp.serializer().serialize(TOPIC, SampleRecords.rowChange(3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("look up").hasMessageContaining(TOPIC + "-value").hasMessageContaining("40401");
    }

    @Test
    void shouldRejectWrongMagicByteNamingTopic() {
        byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.rowChange(1));
        bytes[0] = 7;

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 7").hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRejectUnknownSchemaIdNamingTopicAndId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2};

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 12345").hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRejectTooShortRecord() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("2 bytes").hasMessageContaining(TOPIC);
    }

    @Test
    void shouldPassNullsThroughForTombstones() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldReadRecordWrittenWithOlderSchemaIntoCurrentClass() throws IOException {
        // Given data written with an older RowChange that had no unavailableColumns field
        Schema older = olderRowChangeSchema();
        int id = registry.delegate.register("old-writer-value", older);
        GenericRecord record = new GenericData.Record(older);
        record.put("source", "monolith");
        record.put("schema", "public");
        record.put("table", "customers");
        record.put("op", new GenericData.EnumSymbol(older.getField("op").schema(), "CREATE"));
        record.put("key", Map.of("id", 9L));
        record.put("before", null);
        record.put("after", Map.of("id", 9L));
        record.put("sourceCommitMicros", 1L);
        record.put("sourcePosition", "mysql-bin.000003:154");
        record.put("transactionId", null);
        record.put("captureMicros", 2L);
        byte[] bytes = frame(id, older, record);

        // When the current class reads it
        RowChange read = serde.deserializer().deserialize(TOPIC, bytes);

        // Then schema resolution fills the new field with its default
        assertThat(read.getUnavailableColumns()).isEmpty();
        assertThat(read.getSourcePosition()).isEqualTo("mysql-bin.000003:154");
        assertThat(read.getKey()).containsEntry("id", 9L);
    }

    private static Schema olderRowChangeSchema() {
        Schema value = SchemaBuilder.unionOf().nullType().and().booleanType().and().longType().and().doubleType()
                .and().stringType().and().bytesType().endUnion();
        Schema map = Schema.createMap(value);
        return SchemaBuilder.record("RowChange").namespace("io.strangler.schemas").fields()
                .requiredString("source").requiredString("schema").requiredString("table")
                .name("op").type().enumeration("Operation").symbols("CREATE", "UPDATE", "DELETE", "READ").noDefault()
                .name("key").type(map).noDefault()
                .name("before").type(Schema.createUnion(Schema.create(Schema.Type.NULL), map)).withDefault(null)
                .name("after").type(Schema.createUnion(Schema.create(Schema.Type.NULL), map)).withDefault(null)
                .requiredLong("sourceCommitMicros").requiredString("sourcePosition")
                .optionalString("transactionId").requiredLong("captureMicros")
                .endRecord();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
