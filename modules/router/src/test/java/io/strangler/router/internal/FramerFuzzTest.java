package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random message streams through both framers, split into random reads: valid streams come out as the same heads and
 * body bytes; damaged ones end in a failure or in messages, never in an exception or a leaked buffer. Replay a failure
 * with the seed in its message.
 */
class FramerFuzzTest {

    private static final int STREAMS = 1_500;

    @Test
    void shouldFrameRandomValidRequestStreamsExactlyWhereverTheyAreSplit() {
        Random random = new Random(7_001);
        for (int n = 0; n < STREAMS; n++) {
            long seed = random.nextLong();
            Stream stream = stream(new Random(seed), true);
            Outcome outcome = frame(() -> new RequestFramer(8192), stream.bytes(), new Random(seed));
            assertThat(outcome.failures()).as("seed %d", seed).isEmpty();
            assertThat(outcome.heads()).as("seed %d", seed).isEqualTo(stream.messages());
            assertThat(outcome.lastParts()).as("seed %d", seed).isEqualTo(stream.messages());
            assertThat(outcome.body()).as("seed %d", seed).isEqualTo(stream.bodies());
        }
    }

    @Test
    void shouldFrameRandomValidResponseStreamsExactlyWhereverTheyAreSplit() {
        Random random = new Random(7_002);
        for (int n = 0; n < STREAMS; n++) {
            long seed = random.nextLong();
            Stream stream = stream(new Random(seed), false);
            Outcome outcome = frame(() -> new ResponseFramer(8192), stream.bytes(), new Random(seed));
            assertThat(outcome.failures()).as("seed %d", seed).isEmpty();
            assertThat(outcome.heads()).as("seed %d", seed).isEqualTo(stream.messages());
            assertThat(outcome.body()).as("seed %d", seed).isEqualTo(stream.bodies());
        }
    }

    @Test
    void shouldNeverThrowOrLeakOnDamagedStreams() {
        Random random = new Random(7_003);
        for (int n = 0; n < STREAMS * 2; n++) {
            long seed = random.nextLong();
            Random r = new Random(seed);
            boolean requests = r.nextBoolean();
            byte[] bytes = stream(r, requests).bytes();
            for (int damage = 1 + r.nextInt(4); damage > 0; damage--) {
                bytes[r.nextInt(bytes.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : "\r\n: ;0aZ\t".charAt(
                        r.nextInt(9)));
            }
            byte[] damaged = bytes;
            // frame() fails the test on an exception or a buffer left unreleased
            frame(requests ? () -> new RequestFramer(8192) : () -> new ResponseFramer(8192), damaged, r);
        }
    }

    /** A stream of messages and what framing must find in it. */
    private record Stream(byte[] bytes, int messages, String bodies) {
    }

    private record Outcome(int heads, int lastParts, String body, List<String> failures) {
    }

    private static Stream stream(Random r, boolean requests) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder bodies = new StringBuilder();
        int messages = 1 + r.nextInt(3);
        for (int m = 0; m < messages; m++) {
            StringBuilder head = new StringBuilder(requests ? "POST /p" + r.nextInt(100) + " HTTP/1.1" : "HTTP/1.1 200 OK");
            head.append(lineEnd(r, requests));
            for (int f = r.nextInt(5); f > 0; f--) {
                head.append("X-F").append(f).append(':').append(r.nextBoolean() ? " " : "").append("v").append(
                        r.nextInt(1000)).append(lineEnd(r, requests));
            }
            String body = randomText(r, r.nextInt(3) == 0 ? 0 : r.nextInt(3000));
            String wire;
            if (r.nextBoolean()) {
                head.append("Content-Length: ").append(body.length()).append(lineEnd(r, requests));
                wire = body;
            } else {
                head.append("Transfer-Encoding: chunked").append(lineEnd(r, requests));
                StringBuilder chunked = new StringBuilder();
                int at = 0;
                while (at < body.length()) {
                    int size = Math.min(body.length() - at, 1 + r.nextInt(700));
                    chunked.append(Integer.toHexString(size)).append(r.nextInt(4) == 0 ? ";e=1" : "")
                            .append(lineEnd(r, requests)).append(body, at, at + size).append(lineEnd(r, requests));
                    at += size;
                }
                chunked.append('0').append(lineEnd(r, requests));
                if (r.nextBoolean()) {
                    chunked.append("X-Trailer: t").append(lineEnd(r, requests));
                }
                chunked.append(lineEnd(r, requests));
                wire = chunked.toString();
            }
            head.append(lineEnd(r, requests));
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(wire.getBytes(StandardCharsets.ISO_8859_1));
            bodies.append(wire);
        }
        return new Stream(out.toByteArray(), messages, bodies.toString());
    }

    /** Responses may end lines with a bare LF; requests may not (see ChunkedScanner). */
    private static String lineEnd(Random r, boolean requests) {
        return requests || r.nextInt(5) > 0 ? "\r\n" : "\n";
    }

    private static String randomText(Random r, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (r.nextInt(10) == 0 ? "\r\n0;:".charAt(r.nextInt(5)) : 'a' + r.nextInt(26)));
        }
        return text.toString();
    }

    private static Outcome frame(Supplier<ByteToMessageDecoder> framer, byte[] bytes, Random r) {
        EmbeddedChannel channel = new EmbeddedChannel(framer.get());
        List<ByteBuf> reads = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + r.nextInt(r.nextBoolean() ? 16 : 2048));
            ByteBuf read = Unpooled.buffer(n).writeBytes(bytes, at, n);
            reads.add(read);
            channel.writeInbound(read);
            at += n;
        }
        int heads = 0;
        int last = 0;
        StringBuilder body = new StringBuilder();
        List<String> failures = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            if (msg instanceof RequestHead || msg instanceof ResponseHead) {
                heads++;
            } else if (msg instanceof BodyPart part) {
                body.append(part.content().toString(StandardCharsets.ISO_8859_1));
                last += part.last() ? 1 : 0;
            } else if (msg instanceof RequestFramer.Failure failure) {
                failures.add(failure.reason());
            } else if (msg instanceof ResponseFramer.Failure failure) {
                failures.add(failure.reason());
            }
            if (msg instanceof ByteBufHolder holder) {
                holder.release();
            }
        }
        channel.finishAndReleaseAll();
        assertThat(reads).as("every read released once framed").allSatisfy(read ->
                assertThat(read.refCnt()).isZero());
        return new Outcome(heads, last, body.toString(), failures);
    }
}
