package io.strangler.core.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the 4-byte big-endian schema id, then the Avro binary body. Subjects
 * follow the TopicNameStrategy: {@code <topic>-key} and {@code <topic>-value}.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** Bytes before the Avro body. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {}

    /** Subject of the key or value schema of a topic. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /** The schema id of a framed record, after checking the magic byte and length. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Record on topic '" + topic + "' has " + data.length
                    + " bytes, fewer than the " + HEADER_SIZE + "-byte Confluent wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + data[0] + " in record on topic '" + topic
                    + "': expected " + MAGIC_BYTE + " (Confluent wire format); was it written by another serializer?");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
