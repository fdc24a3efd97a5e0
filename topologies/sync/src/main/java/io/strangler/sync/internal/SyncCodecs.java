package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.schemas.ChangeOrigin;
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
    /** V1 plus the change's origin (0 unknown, 1 LOCAL, 2 APPLY). */
    private static final byte CHANGE_V2 = 2;
    /** V2 plus the change's counter deltas. */
    private static final byte CHANGE_V3 = 3;
    /** V3 plus the change's source transaction tag (a presence byte, then id, size, order, parts). */
    private static final byte CHANGE_V4 = 4;
    private static final byte STATE_V1 = 1;
    /** V1 plus the agreed image's version, each pending apply's version and each side's known version. */
    private static final byte STATE_V2 = 2;
    /** V2 plus each side's last commit time. */
    private static final byte STATE_V3 = 3;

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
        BinaryCodec.Writer out = new BinaryCodec.Writer().writeByte(CHANGE_V4)
                .writeString(change.mapping())
                .writeByte(change.side().ordinal())
                .writeByte(change.op().ordinal())
                .writeString(change.key().encode())
                .writeRow(change.row())
                .writeHash(change.hash())
                .writeNullableHash(change.beforeHash())
                .writeInt(change.unavailable().size());
        change.unavailable().forEach(out::writeString);
        out.writeLong(change.commitMicros()).writeString(change.position())
                .writeByte(change.origin() == null ? 0 : change.origin().ordinal() + 1)
                .writeRow(change.counterDeltas());
        TransactionTag tag = change.transaction();
        if (tag == null) {
            return out.writeByte(0).toBytes();
        }
        return out.writeByte(1).writeString(tag.id()).writeLong(tag.size()).writeLong(tag.order()).writeInt(tag.parts())
                .toBytes();
    }

    static LogicalChange decodeChange(byte[] bytes) {
        try {
            BinaryCodec.Reader in = new BinaryCodec.Reader(bytes);
            int version = requireVersion(in.readByte(), "change", CHANGE_V1, CHANGE_V2, CHANGE_V3, CHANGE_V4);
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
            long commitMicros = in.readLong();
            String position = in.readString();
            int origin = version >= CHANGE_V2 ? in.readByte() : 0;
            var deltas = version >= CHANGE_V3 ? in.readRow() : null;
            TransactionTag tag = version >= CHANGE_V4 && in.readByte() == 1
                    ? new TransactionTag(in.readString(), in.readLong(), in.readLong(), in.readInt()) : null;
            return new LogicalChange(mapping, side, op, key, row, hash, before, unavailable, commitMicros, position,
                    origin == 0 ? null : ChangeOrigin.values()[origin - 1], deltas, tag);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot decode a sync change record: " + e.getMessage(), e);
        }
    }

    static byte[] encode(RowState state) {
        BinaryCodec.Writer out = new BinaryCodec.Writer().writeByte(STATE_V3);
        writeImage(out, state.agreed());
        writeImage(out, state.base());
        writeSide(out, state.monolith());
        writeSide(out, state.service());
        return out.writeLong(state.deletedMillis()).writeLong(state.version()).toBytes();
    }

    static RowState decodeState(byte[] bytes) {
        try {
            BinaryCodec.Reader in = new BinaryCodec.Reader(bytes);
            int format = requireVersion(in.readByte(), "row state", STATE_V1, STATE_V2, STATE_V3);
            boolean v2 = format >= STATE_V2;
            boolean v3 = format == STATE_V3;
            Image agreed = readImage(in);
            Image base = readImage(in);
            SideState monolith = readSide(in, v2, v3);
            SideState service = readSide(in, v2, v3);
            long deletedMillis = in.readLong();
            // a V1 state knows no versions: its agreed image is version 0, which nothing is known to hold
            return new RowState(agreed, base, monolith, service, deletedMillis, v2 ? in.readLong() : 0);
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
        side.pending().forEach(p -> out.writeHash(p.hash()).writeLong(p.sentMillis()).writeLong(p.version())
                .writeBoolean(p.counted()));
        out.writeLong(side.knownVersion()).writeString(side.position()).writeLong(side.commitMicros());
    }

    private static SideState readSide(BinaryCodec.Reader in, boolean v2, boolean v3) {
        var last = in.readNullableHash();
        var row = in.readRow();
        int count = in.readInt();
        List<PendingApply> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var hash = in.readHash();
            long sent = in.readLong();
            pending.add(v2 ? new PendingApply(hash, sent, in.readLong(), in.readBoolean())
                    : new PendingApply(hash, sent, 0));
        }
        long known = v2 ? in.readLong() : in.readBoolean() ? 0 : SideState.NO_VERSION;
        String position = in.readString();
        // before V3 the commit time was not kept: unknown, so a lower position stays a replay as it was then
        return new SideState(last, row, pending, known, position, v3 ? in.readLong() : SideState.UNKNOWN_COMMIT);
    }

    /** {@code version}, when this release reads it (one of {@code known}, oldest first). */
    private static int requireVersion(int version, String what, byte... known) {
        for (byte k : known) {
            if (version == k) {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " format version " + version + " (this release reads "
                + known[0] + " to " + known[known.length - 1] + ")");
    }
}
