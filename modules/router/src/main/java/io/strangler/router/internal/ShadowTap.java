package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/** Copies one proxied exchange for a shadow comparison, without delaying the client. */
public interface ShadowTap {

    /** Body data of the request, de-chunked; only read during the call. */
    void requestContent(ByteBuf data);

    /** The primary answer's status and end-to-end fields. */
    void responseHead(int status, HttpHeaders headers);

    /** Body data of the primary answer, de-chunked; only read during the call. */
    void responseContent(ByteBuf data);

    /** The primary exchange completed normally. */
    void primaryDone();

    /** The primary exchange failed; nothing is compared. */
    void abort();
}
