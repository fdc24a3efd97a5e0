package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {

    @Test
    void shouldForwardTheFieldsAsTheyCameWithTheProxysOwnAppended() throws Exception {
        String rewritten = rewrite("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Odd-Case:  v  \r\n"
                + "Content-Length: 2\r\n\r\n", false, "sid=1; Path=/", "close");
        assertThat(rewritten).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Odd-Case:  v  \r\n"
                + "Content-Length: 2\r\nset-cookie: sid=1; Path=/\r\nconnection: close\r\n\r\n");
    }

    @Test
    void shouldRemoveHopByHopFieldsAndTheOnesConnectionNames() throws Exception {
        String rewritten = rewrite("HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Secret, Transfer-Encoding\r\n"
                + "Keep-Alive: timeout=5\r\nX-Secret: s\r\nProxy-Authenticate: Basic\r\nProxy-Connection: x\r\n"
                + "TE: trailers\r\nTrailer: X-Sum\r\nUpgrade: h2c\r\nTransfer-Encoding: chunked\r\nX-Kept: k\r\n\r\n",
                false, null, null);
        assertThat(rewritten).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kept: k\r\n\r\n");
    }

    @Test
    void shouldDropTransferEncodingForAClientThatGetsTheBodyDechunked() throws Exception {
        String rewritten = rewrite("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kept: k\r\n\r\n", true, null,
                "close");
        assertThat(rewritten).isEqualTo("HTTP/1.1 200 OK\r\nX-Kept: k\r\nconnection: close\r\n\r\n");
    }

    @Test
    void shouldEndEveryLineWithCrlfWhenTheBackendUsedBareLineFeeds() throws Exception {
        String rewritten = rewrite("HTTP/1.1 204 No Content\nX-A: 1\n\n", false, null, null);
        assertThat(rewritten).isEqualTo("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n");
    }

    @Test
    void shouldGiveTheShadowTheEndToEndFieldsTrimmed() throws Exception {
        ResponseHead head = ResponseHead.parse(ascii("HTTP/1.1 200 OK\r\nConnection: close\r\nETag:  \"v1\" \r\n"
                + "Content-Length: 0\r\n\r\n"), false);
        try {
            assertThat(head.fields().get("etag")).isEqualTo("\"v1\"");
            assertThat(head.fields().contains("connection")).isFalse();
        } finally {
            head.release();
        }
    }

    @Test
    void shouldFindTheEndOfAHeadOnlyOnceItsEmptyLineArrived() throws Exception {
        assertThat(FieldLines.endOfHead(ascii("HTTP/1.1 200 OK\r\nA: b\r\n"), 1024, "response")).isEqualTo(-1);
        assertThat(FieldLines.endOfHead(ascii("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody"), 1024, "response")).isEqualTo(25);
        assertThat(FieldLines.endOfHead(ascii("HTTP/1.1 200 OK\nA: b\n\nbody"), 1024, "response")).isEqualTo(22);
    }

    private static String rewrite(String head, boolean dropTransferEncoding, String cookie, String connection)
            throws MalformedMessageException {
        ResponseHead parsed = ResponseHead.parse(ascii(head), false);
        ByteBuf out = parsed.rewrite(ByteBufAllocator.DEFAULT, dropTransferEncoding, cookie, connection);
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
            parsed.release();
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
