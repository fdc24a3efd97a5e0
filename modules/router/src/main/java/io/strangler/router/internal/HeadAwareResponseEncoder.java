package io.strangler.router.internal;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** Response encoder that knows when the current response answers a HEAD request, so it never writes a body. */
final class HeadAwareResponseEncoder extends HttpResponseEncoder {

    private boolean head;

    void headRequest(boolean isHead) {
        this.head = isHead;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return head || super.isContentAlwaysEmpty(msg);
    }
}
