package io.strangler.router.internal;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * A request decoder that refuses both Transfer-Encoding: chunked and Content-Length instead of silently dropping
 * Content-Length: the combination is the classic request-smuggling vector, and a proxy must not guess.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    StrictRequestDecoder(int maxHeaderBytes) {
        super(new HttpDecoderConfig().setMaxInitialLineLength(Math.min(maxHeaderBytes, 8192))
                .setMaxHeaderSize(maxHeaderBytes).setMaxChunkSize(65_536));
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("both Transfer-Encoding and Content-Length are present");
    }
}
