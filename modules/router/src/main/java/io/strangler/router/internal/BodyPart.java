package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;

/** Bytes of a response body as they came from the backend (chunked framing included), and whether they end it. */
final class BodyPart extends DefaultByteBufHolder {

    /** The end of a body that has no bytes left: shared, its empty buffer needs no release. */
    static final BodyPart EMPTY_LAST = new BodyPart(Unpooled.EMPTY_BUFFER, true);

    private final boolean last;

    BodyPart(ByteBuf bytes, boolean last) {
        super(bytes);
        this.last = last;
    }

    boolean last() {
        return last;
    }
}
