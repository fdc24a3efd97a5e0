package io.strangler.router.internal;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/** Copies one proxied exchange for a shadow comparison, without delaying the client. */
public interface ShadowTap {

    void requestContent(HttpContent content);

    void responseHead(HttpResponse response);

    void responseContent(HttpContent content);

    /** The primary exchange completed normally. */
    void primaryDone();

    /** The primary exchange failed; nothing is compared. */
    void abort();
}
