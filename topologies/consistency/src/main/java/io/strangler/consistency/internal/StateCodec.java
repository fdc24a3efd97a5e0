package io.strangler.consistency.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.DiscrepancyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary encodings of the auditor's internal records (repartition topics and stores). They never leave the auditor,
 * so a compact versioned format of our own is simpler than registering Avro schemas for them; the leading version
 * byte lets a later release read what an earlier one wrote.
 */
public final class StateCodec {

    private static final byte VERSION = 1;
    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte BYTES = 5;

    private StateCodec() {
    }

    public static Serde<Observation> observationSerde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode(out -> writeObservation(out, value)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateCodec::readObservation));
    }

    public static Serde<AuditRow> auditRowSerde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode(out -> writeAuditRow(out, value)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateCodec::readAuditRow));
    }

    public static Serde<PartialStatus> partialStatusSerde() {
        return Serdes.serdeFrom((topic, value) -> value == null ? null : encode(out -> writePartial(out, value)),
                (topic, bytes) -> bytes == null ? null : decode(bytes, StateCodec::readPartial));
    }

    private static void writeObservation(DataOutputStream out, Observation value) throws IOException {
        out.writeByte(value.side().ordinal());
        // 0 deleted, 1 present, 2 present from the snapshot (version 1 wrote a boolean: 0 or 1)
        out.writeByte(!value.present() ? 0 : value.snapshot() ? 2 : 1);
        writeRow(out, value.row());
        writeStrings(out, value.unavailable());
        out.writeLong(value.commitMicros());
    }

    private static Observation readObservation(DataInputStream in) throws IOException {
        Side side = Side.values()[in.readByte()];
        byte presence = in.readByte();
        CanonicalRow row = readRow(in);
        return new Observation(side, presence != 0, row, readStrings(in), in.readLong(), presence == 2);
    }

    private static void writeAuditRow(DataOutputStream out, AuditRow value) throws IOException {
        writeImage(out, value.monolith());
        writeImage(out, value.service());
        out.writeLong(value.divergedAtMillis());
        out.writeLong(value.sinceMicros());
        out.writeByte(value.reportedKind() == null ? -1 : value.reportedKind().ordinal());
        writeStrings(out, value.reportedColumns());
        out.writeLong(value.deletedAtMillis());
        out.writeLong(value.dueMillis());
    }

    private static AuditRow readAuditRow(DataInputStream in) throws IOException {
        SideImage monolith = readImage(in);
        SideImage service = readImage(in);
        long divergedAt = in.readLong();
        long since = in.readLong();
        byte kind = in.readByte();
        List<String> columns = readStrings(in);
        return new AuditRow(monolith, service, divergedAt, since, kind < 0 ? null : DiscrepancyKind.values()[kind],
                columns, in.readLong(), in.readLong());
    }

    private static void writePartial(DataOutputStream out, PartialStatus value) throws IOException {
        writeString(out, value.partition());
        out.writeInt(value.counts().size());
        for (Map.Entry<String, Counts> entry : value.counts().entrySet()) {
            writeString(out, entry.getKey());
            out.writeLong(entry.getValue().agreement());
            out.writeLong(entry.getValue().pending());
            out.writeLong(entry.getValue().open());
        }
        out.writeLong(value.emittedMillis());
    }

    private static PartialStatus readPartial(DataInputStream in) throws IOException {
        String partition = readString(in);
        int size = in.readInt();
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            counts.put(readString(in), new Counts(in.readLong(), in.readLong(), in.readLong()));
        }
        return new PartialStatus(partition, counts, in.readLong());
    }

    private static void writeImage(DataOutputStream out, SideImage image) throws IOException {
        if (image == null) {
            out.writeByte(0);
            return;
        }
        // 0 never seen, 1 deleted, 2 present, 3 present from the snapshot (added later: older records have no 3)
        out.writeByte(!image.present() ? 1 : image.snapshot() ? 3 : 2);
        if (image.present()) {
            out.write(image.hash().toBytes());
            writeRow(out, image.row());
        }
        out.writeLong(image.commitMicros());
    }

    private static SideImage readImage(DataInputStream in) throws IOException {
        byte state = in.readByte();
        if (state == 0) {
            return null;
        }
        if (state == 1) {
            return SideImage.deleted(in.readLong());
        }
        byte[] hash = new byte[RowHash.BYTES];
        in.readFully(hash);
        CanonicalRow row = readRow(in);
        return new SideImage(true, RowHash.fromBytes(hash), row, in.readLong(), state == 3);
    }

    private static void writeRow(DataOutputStream out, CanonicalRow row) throws IOException {
        out.writeInt(row.size());
        for (Map.Entry<String, Object> column : row.values().entrySet()) {
            writeString(out, column.getKey());
            writeValue(out, column.getValue());
        }
    }

    private static CanonicalRow readRow(DataInputStream in) throws IOException {
        int size = in.readInt();
        CanonicalRow.Builder builder = CanonicalRow.builder();
        for (int i = 0; i < size; i++) {
            builder.put(readString(in), readValue(in));
        }
        return builder.build();
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        }
        else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        }
        else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        }
        else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        }
        else if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        }
        else if (value instanceof BinaryValue binary) {
            out.writeByte(BYTES);
            byte[] bytes = binary.toByteArray();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        else {
            throw new IllegalArgumentException("not a canonical value: " + value.getClass().getName());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> in.readBoolean();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case BYTES -> {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                yield BinaryValue.of(bytes);
            }
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(readString(in));
        }
        return out;
    }

    // writeUTF is limited to 64 KiB; text columns are not.
    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown consistency state format version " + version);
            }
            return reader.read(in);
        }
        catch (IOException e) {
            throw new SerializationException("corrupt consistency state record: " + e.getMessage(), e);
        }
    }
}
