package io.strangler.router.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageScannerTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 11\r\n\r\nhello world";

    @Test
    void shouldCountEveryMessageOfABufferIncludingTheirBodies() {
        MessageScanner scanner = new MessageScanner();

        int ended = scanner.feed(ascii(RESPONSE + RESPONSE + "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

        assertThat(ended).isEqualTo(3);
    }

    @Test
    void shouldFindTheEndOfAMessageSplitAtEveryByte() {
        MessageScanner scanner = new MessageScanner();
        byte[] bytes = (RESPONSE + RESPONSE).getBytes(StandardCharsets.US_ASCII);
        int ended = 0;
        int endedAtFirstMessage = -1;

        for (int i = 0; i < bytes.length; i++) {
            ended += scanner.feed(Unpooled.wrappedBuffer(bytes, i, 1));
            if (ended == 1 && endedAtFirstMessage < 0) {
                endedAtFirstMessage = i;
            }
        }

        assertThat(ended).isEqualTo(2);
        assertThat(endedAtFirstMessage).isEqualTo(RESPONSE.length() - 1);
    }

    @Test
    void shouldReadTheContentLengthWhateverItsCase() {
        MessageScanner scanner = new MessageScanner();

        assertThat(scanner.feed(ascii("HTTP/1.1 200 OK\r\ncontent-LENGTH: 2\r\n\r\n"))).isZero();
        assertThat(scanner.feed(ascii("ok"))).isOne();
    }

    @Test
    void shouldRefuseChunkedBodiesItCannotDelimit() {
        MessageScanner scanner = new MessageScanner();

        assertThatThrownBy(() -> scanner.feed(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Content-Length");
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
