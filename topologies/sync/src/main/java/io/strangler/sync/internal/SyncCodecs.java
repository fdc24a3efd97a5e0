package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.schemas.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the sync's internal records: {@link LogicalChange} on the repartition topic and {@link RowState} in the
 * store (and its changelog). Both start with a format version byte.
 */
public final class SyncCodecs {

    private static final byte CHANGE_V1 = 1;
    private static final byte STATE_V1 = 1;

    private SyncCodecs() {
    }

    public static Serde<LogicalChange> changeSerde() {
        return Serdes.serdeFrom((topic, change) -> change == null ? null : encode(change),
                (topic, bytes) -> bytes == null ? null : decodeChange(bytes));
    }

    public static Serde<RowState> stateSerde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : encode(state),
                (topic, bytes) -> bytes == null ? null : decodeState(bytes));
    }

    static byte[] encode(LogicalChange change) {
        BinaryCodec.Writer out = new BinaryCodec.Writer().writeByte(CHANGE_V1)
                .writeString(change.mapping())
                .writeByte(change.side().ordinal())
                .writeByte(change.op().ordinal())
                .writeString(change.key().encode())
                .writeRow(change.row())
                .writeHash(change.hash())
                .writeNullableHash(change.beforeHash())
                .writeInt(change.unavailable().size());
        change.unavailable().forEach(out::writeString);
        return out.writeLong(change.commitMicros()).writeString(change.position()).toBytes();
    }

    static LogicalChange decodeChange(byte[] bytes) {
        try {
            BinaryCodec.Reader in = new BinaryCodec.Reader(bytes);
            requireVersion(in.readByte(), CHANGE_V1, "change");
            String mapping = in.readString();
            Side side = Side.values()[in.readByte()];
            Operation op = Operation.values()[in.readByte()];
            CanonicalKey key = CanonicalKey.decode(in.readString());
            var row = in.readRow();
            var hash = in.readHash();
            var before = in.readNullableHash();
            int count = in.readInt();
            List<String> unavailable = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                unavailable.add(in.readString());
            }
            return new LogicalChange(mapping, side, op, key, row, hash, before, unavailable, in.readLong(),
                    in.readString());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot decode a sync change record: " + e.getMessage(), e);
        }
    }

    static byte[] encode(RowState state) {
        BinaryCodec.Writer out = new BinaryCodec.Writer().writeByte(STATE_V1);
        writeImage(out, state.agreed());
        writeImage(out, state.base());
        writeSide(out, state.monolith());
        writeSide(out, state.service());
        return out.writeLong(state.deletedMillis()).toBytes();
    }

    static RowState decodeState(byte[] bytes) {
        try {
            BinaryCodec.Reader in = new BinaryCodec.Reader(bytes);
            requireVersion(in.readByte(), STATE_V1, "row state");
            Image agreed = readImage(in);
            Image base = readImage(in);
            SideState monolith = readSide(in);
            SideState service = readSide(in);
            return new RowState(agreed, base, monolith, service, in.readLong());
        } catch (RuntimeException e) {
            throw new SerializationException("cannot decode a sync row state: " + e.getMessage(), e);
        }
    }

    private static void writeImage(BinaryCodec.Writer out, Image image) {
        out.writeBoolean(image != null);
        if (image == null) {
            return;
        }
        out.writeRow(image.row()).writeHash(image.hash()).writeByte(image.origin().ordinal())
                .writeByte(image.op().ordinal()).writeLong(image.commitMicros()).writeInt(image.columnMicros().size());
        image.columnMicros().forEach((column, micros) -> out.writeString(column).writeLong(micros));
    }

    private static Image readImage(BinaryCodec.Reader in) {
        if (!in.readBoolean()) {
            return null;
        }
        var row = in.readRow();
        var hash = in.readHash();
        Origin origin = Origin.values()[in.readByte()];
        Operation op = Operation.values()[in.readByte()];
        long commit = in.readLong();
        int count = in.readInt();
        Map<String, Long> columns = new HashMap<>();
        for (int i = 0; i < count; i++) {
            columns.put(in.readString(), in.readLong());
        }
        return new Image(row, hash, origin, op, commit, columns);
    }

    private static void writeSide(BinaryCodec.Writer out, SideState side) {
        out.writeNullableHash(side.last()).writeRow(side.lastRow()).writeInt(side.pending().size());
        side.pending().forEach(p -> out.writeHash(p.hash()).writeLong(p.sentMillis()));
        out.writeBoolean(side.echoed()).writeString(side.position());
    }

    private static SideState readSide(BinaryCodec.Reader in) {
        var last = in.readNullableHash();
        var row = in.readRow();
        int count = in.readInt();
        List<PendingApply> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(new PendingApply(in.readHash(), in.readLong()));
        }
        return new SideState(last, row, pending, in.readBoolean(), in.readString());
    }

    private static void requireVersion(int version, byte expected, String what) {
        if (version != expected) {
            throw new IllegalArgumentException("unknown " + what + " format version " + version + " (this release reads "
                    + expected + ")");
        }
    }

}
