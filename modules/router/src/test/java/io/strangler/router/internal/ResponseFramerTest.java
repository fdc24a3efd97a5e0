package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseFramerTest {

    private static final String CHUNKED = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=\"x\"\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Checksum: 42\r\n\r\n";

    /** What a framer made of some bytes: heads, body bytes in order, how many parts were last, failures. */
    private record Framed(List<Integer> statuses, String body, int lastParts, List<String> failures) {
    }

    @Test
    void shouldForwardAContentLengthBodyAsTheSameBytesWhereverTheReadsSplitIt() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n0123456789";
        for (int split = 1; split < response.length(); split++) {
            Framed framed = frame(false, response.substring(0, split), response.substring(split));
            assertThat(framed.statuses()).as("split at %d", split).containsExactly(200);
            assertThat(framed.body()).as("split at %d", split).isEqualTo("0123456789");
            assertThat(framed.lastParts()).isEqualTo(1);
        }
    }

    @Test
    void shouldForwardAChunkedBodyWithItsFramingAndTrailersWhereverTheReadsSplitIt() {
        String body = CHUNKED.substring(CHUNKED.indexOf("\r\n\r\n") + 4);
        for (int split = 1; split < CHUNKED.length(); split++) {
            Framed framed = frame(false, CHUNKED.substring(0, split), CHUNKED.substring(split));
            assertThat(framed.statuses()).as("split at %d", split).containsExactly(200);
            assertThat(framed.body()).as("split at %d", split).isEqualTo(body);
            assertThat(framed.lastParts()).as("split at %d", split).isEqualTo(1);
            assertThat(framed.failures()).isEmpty();
        }
    }

    @Test
    void shouldDecodeAChunkedBodyToItsDataWhereverItIsSplit() throws Exception {
        byte[] body = CHUNKED.substring(CHUNKED.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split < body.length; split++) {
            ChunkedScanner scanner = new ChunkedScanner(true);
            StringBuilder data = new StringBuilder();
            ChunkedScanner.DataSink sink = (buf, index, length) ->
                    data.append(buf.toString(index, length, StandardCharsets.US_ASCII));
            ByteBuf first = Unpooled.wrappedBuffer(body, 0, split);
            ByteBuf second = Unpooled.wrappedBuffer(body, split, body.length - split);
            assertThat(scanner.scan(first, 0, split, sink)).isEqualTo(-1);
            assertThat(scanner.scan(second, 0, body.length - split, sink)).isEqualTo(body.length - split);
            assertThat(data).as("split at %d", split).hasToString("helloabcdefghijklmnopqrstuvwxyz");
        }
    }

    @Test
    void shouldFrameTwoResponsesReadTogether() {
        Framed framed = frame(false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nab"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 1\r\n\r\nc");
        assertThat(framed.statuses()).containsExactly(200, 404);
        assertThat(framed.body()).isEqualTo("abc");
        assertThat(framed.lastParts()).isEqualTo(2);
    }

    @Test
    void shouldExpectNoBodyInAnAnswerToHeadWhateverItsContentLengthSays() {
        Framed framed = frame(true, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        assertThat(framed.statuses()).containsExactly(200, 200);
        // the second response is framed as an answer to HEAD too: the framer is told per exchange
        assertThat(framed.lastParts()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void shouldExpectNoBodyAfterStatusesThatHaveNone(int status) {
        Framed framed = frame(false, "HTTP/1.1 " + status + " X\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(framed.statuses()).containsExactly(status, 200);
        assertThat(framed.body()).isEqualTo("ok");
    }

    @Test
    void shouldDropInterimResponses() {
        Framed framed = frame(false, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(framed.statuses()).containsExactly(201);
        assertThat(framed.lastParts()).isEqualTo(1);
    }

    @Test
    void shouldEndABodyWithoutFramingWhenTheBackendCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFramer(1024));
        channel.writeInbound(ascii("HTTP/1.0 200 OK\r\n\r\nsome"), ascii(" bytes"));
        channel.finish();
        Framed framed = drain(channel);
        assertThat(framed.body()).isEqualTo("some bytes");
        assertThat(framed.lastParts()).isEqualTo(1);
    }

    @Test
    void shouldTellWhetherTheBackendConnectionCanBeReused() throws Exception {
        assertThat(head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").keepAlive())
                .isTrue();
        assertThat(head("HTTP/1.1 200 OK\r\n\r\n").keepAlive()).as("body until close").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n|both Transfer-Encoding and",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n|conflicting Content-Length",
        "HTTP/1.1 200 OK\r\nContent-Length: 3x\r\n\r\n|invalid Content-Length '3x'",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\n\r\n|obsolete line folding",
        "HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\n\r\n|control character 0x01 in the field 'X-A'",
        "HTTP/1.1 200 OK\r\nX A: 1\r\n\r\n|invalid character 0x20 in a field name",
        "HTTP/2 200\r\n\r\n|status line is not HTTP/1.0 or HTTP/1.1",
        "HTTP/1.1 2x0 OK\r\n\r\n|status code is not 3 digits",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n|chunk size expected, found 'z'",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc|line end expected after the chunk data",
    })
    void shouldFailAResponseThatCannotBeFramedSafelyAndNameTheReason(String caseAndReason) {
        String[] parts = caseAndReason.split("\\|");
        Framed framed = frame(false, parts[0]);
        assertThat(framed.failures()).singleElement().asString().contains(parts[1]);
    }

    @Test
    void shouldFailAHeadLargerThanTheLimit() {
        Framed framed = frame(false, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(2000) + "\r\n");
        assertThat(framed.failures()).singleElement().asString().contains("response head larger than 1024 bytes");
    }

    @Test
    void shouldKeepTheBytesAfterA101ForWhateverHandlerComesNext() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseFramer(1024));
        channel.writeInbound(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n\r\n\u0081\u0002hi"));
        ResponseHead head = channel.readInbound();
        assertThat(head.status()).isEqualTo(101);
        head.release();
        assertThat((Object) channel.readInbound()).isNull();
        channel.pipeline().remove(ResponseFramer.class);
        ByteBuf rest = channel.readInbound();
        assertThat(rest.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0002hi");
        rest.release();
        channel.finishAndReleaseAll();
    }

    private static ResponseHead head(String head) throws MalformedMessageException {
        return ResponseHead.parse(ascii(head), false);
    }

    private static Framed frame(boolean headRequests, String... reads) {
        ResponseFramer framer = new ResponseFramer(1024);
        framer.expectResponseTo(headRequests);
        EmbeddedChannel channel = new EmbeddedChannel(framer);
        for (String read : reads) {
            channel.writeInbound(ascii(read));
        }
        Framed framed = drain(channel);
        channel.finishAndReleaseAll();
        return framed;
    }

    private static Framed drain(EmbeddedChannel channel) {
        List<Integer> statuses = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        List<String> failures = new ArrayList<>();
        int last = 0;
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof ResponseHead head) {
                statuses.add(head.status());
                head.release();
            } else if (msg instanceof BodyPart part) {
                body.append(part.content().toString(StandardCharsets.ISO_8859_1));
                last += part.last() ? 1 : 0;
                part.release();
            } else if (msg instanceof ResponseFramer.Failure failure) {
                failures.add(failure.reason());
            }
        }
        return new Framed(statuses, body.toString(), last, failures);
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
