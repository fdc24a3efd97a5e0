package io.strangler.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Row states written by the release before commit times were kept (format 2) are still read after an upgrade: the
 * store and its changelog hold them until each row changes again.
 */
class StateFormatV2Test {

    @Test
    void aFormatTwoStateReadsWithUnknownCommitTimesSoALowerPositionStaysAReplay() {
        // Given: a state as format 2 wrote it (no agreed or base image; the monolith side at LSN 0/20, no pending)
        BinaryCodec.Writer v2 = new BinaryCodec.Writer().writeByte((byte) 2).writeBoolean(false).writeBoolean(false);
        v2.writeNullableHash(Hashes.DELETED).writeRow(null).writeInt(0);
        v2.writeLong(SideState.NO_VERSION).writeString("0/20");
        v2.writeNullableHash(null).writeRow(null).writeInt(0);
        v2.writeLong(SideState.NO_VERSION).writeString("");
        byte[] bytes = v2.writeLong(RowState.NOT_DELETED).writeLong(4L).toBytes();

        // When
        RowState state = SyncCodecs.decodeState(bytes);

        // Then
        assertThat(state.monolith().position()).isEqualTo("0/20");
        assertThat(state.monolith().commitMicros()).isEqualTo(SideState.UNKNOWN_COMMIT);
        assertThat(state.monolith().arrival("0/10", Hashes.DELETED, Long.MAX_VALUE)).isEqualTo(SideState.Arrival.REPLAY);
        assertThat(state.version()).isEqualTo(4L);
    }
}
