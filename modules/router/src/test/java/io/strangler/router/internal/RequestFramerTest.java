package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFramerTest {

    private static final String CHUNKED = "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-T: 1\r\n\r\n";

    /** What a framer made of some bytes: request targets, body bytes in order, how many parts were last, failures. */
    private record Framed(List<String> targets, String body, int lastParts, List<RequestFramer.Failure> failures) {
    }

    @Test
    void shouldForwardAChunkedBodyAsItCameWhereverTheReadsSplitItAndFrameTheNextRequest() {
        String next = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
        String body = CHUNKED.substring(CHUNKED.indexOf("\r\n\r\n") + 4);
        String all = CHUNKED + next;
        for (int split = 1; split < all.length(); split++) {
            Framed framed = frame(all.substring(0, split), all.substring(split));
            assertThat(framed.targets()).as("split at %d", split).containsExactly("/up", "/next");
            assertThat(framed.body()).as("split at %d", split).isEqualTo(body);
            assertThat(framed.lastParts()).isEqualTo(2);
            assertThat(framed.failures()).isEmpty();
        }
    }

    @Test
    void shouldSliceAContentLengthBodyAndEndABodylessRequestAtOnce() {
        Framed framed = frame("POST /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nwx", "yzGET /b HTTP/1.1\r\n\r\n");
        assertThat(framed.targets()).containsExactly("/a", "/b");
        assertThat(framed.body()).isEqualTo("wxyz");
        assertThat(framed.lastParts()).isEqualTo(2);
    }

    @Test
    void shouldSkipEmptyLinesBeforeARequestLine() {
        Framed framed = frame("\r\n\r\nGET /a HTTP/1.1\r\n\r\n");
        assertThat(framed.targets()).containsExactly("/a");
    }

    @Test
    void shouldRefuseBareLineFeedsInAChunkedRequestBody() {
        Framed framed = frame("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n");
        assertThat(framed.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).contains("bare LF without CR after the chunk size");
            assertThat(f.headTooLarge()).isFalse();
        });
    }

    @Test
    void shouldTellAHeadLargerThanTheLimitApart() {
        Framed framed = frame("GET / HTTP/1.1\r\nCookie: " + "c".repeat(2000) + "\r\n");
        assertThat(framed.failures()).singleElement().satisfies(f -> {
            assertThat(f.headTooLarge()).isTrue();
            assertThat(f.reason()).contains("request head larger than 1024 bytes");
        });
    }

    @Test
    void shouldDiscardEverythingAfterAMalformedRequest() {
        Framed framed = frame("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        assertThat(framed.targets()).isEmpty();
        assertThat(framed.failures()).hasSize(1);
    }

    private static Framed frame(String... reads) {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFramer(1024));
        for (String read : reads) {
            channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1));
        }
        List<String> targets = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        List<RequestFramer.Failure> failures = new ArrayList<>();
        int last = 0;
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof RequestHead head) {
                targets.add(head.uri());
                head.release();
            } else if (msg instanceof BodyPart part) {
                body.append(part.content().toString(StandardCharsets.ISO_8859_1));
                last += part.last() ? 1 : 0;
                part.release();
            } else if (msg instanceof RequestFramer.Failure failure) {
                failures.add(failure);
            }
        }
        channel.finishAndReleaseAll();
        return new Framed(targets, body.toString(), last, failures);
    }
}
