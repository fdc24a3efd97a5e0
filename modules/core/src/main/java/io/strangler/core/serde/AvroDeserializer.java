package io.strangler.core.serde;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into SpecificRecords: the writer schema comes from the registry by id, the reader
 * schema from the specific class, and Avro schema resolution bridges them (so records written with an older schema
 * are read with the current class). Readers are cached per writer id. Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private Class<T> type;
    private boolean isKey;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /**
     * @param type the generated class to read into; null to pick the class named by each writer schema
     */
    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        this.registry = registry;
        this.type = type;
        this.isKey = isKey;
    }

    /** For Kafka to instantiate by class name: reads into the class named by the writer schema. */
    public AvroDeserializer() {
        this(null, null, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean key) {
        this.registry = new AvroSerdeConfig(configs).registryClient();
        this.isKey = key;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer has no schema registry: construct it with a client or "
                    + "configure it with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        int id = ConfluentWireFormat.schemaId(topic, data);
        DatumReader<T> reader = readers.computeIfAbsent(id, i -> reader(topic, i));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize " + (isKey ? "key" : "value") + " on topic '" + topic
                    + "' with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> reader(String topic, int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Unknown schema id " + id + " in " + (isKey ? "key" : "value")
                    + " on topic '" + topic + "': " + e.getMessage() + " (registry error code " + e.errorCode() + ")", e);
        }
        Class<T> target = type;
        if (target == null) {
            target = (Class<T>) SpecificData.get().getClass(writer);
            if (target == null) {
                throw new SerializationException("No generated class on the classpath for " + writer.getFullName()
                        + " (schema id " + id + ", topic '" + topic + "')");
            }
        }
        SpecificData model = SpecificData.getForClass(target);
        return new SpecificDatumReader<>(writer, model.getSchema(target), model);
    }
}
