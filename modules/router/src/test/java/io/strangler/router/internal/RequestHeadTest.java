package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadTest {

    private static final String FORWARDING = "x-forwarded-for: 10.0.0.9\r\nx-forwarded-proto: http\r\n"
            + "x-forwarded-host: shop\r\nforwarded: for=10.0.0.9;host=shop;proto=http\r\n";

    @Test
    void shouldForwardTheClientsFieldsAsTheyCameWithTheForwardingFieldsAppended() throws Exception {
        assertThat(forwarded("GET /orders/7?x=1 HTTP/1.0\r\nHost: shop\r\nAccept:  */*  \r\n\r\n"))
                .isEqualTo("GET /orders/7?x=1 HTTP/1.1\r\nHost: shop\r\nAccept:  */*  \r\n" + FORWARDING + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection: close", "keep-alive: 5", "Proxy-Authenticate: Basic",
        "PROXY-AUTHORIZATION: Basic eA==", "te: trailers", "Trailer: X-Sum", "Proxy-Connection: x", "Upgrade: h2c",
        "Expect: 100-continue"})
    void shouldRemoveEveryHopByHopFieldWhateverItsCase(String field) throws Exception {
        assertThat(forwarded("GET /orders/7 HTTP/1.1\r\nHost: shop\r\n" + field + "\r\nAccept: a\r\n\r\n"))
                .isEqualTo("GET /orders/7 HTTP/1.1\r\nHost: shop\r\nAccept: a\r\n" + FORWARDING + "\r\n");
    }

    @Test
    void shouldRemoveTheFieldsThatConnectionNamesButNeverTheFramingOnes() throws Exception {
        assertThat(forwarded("POST /o HTTP/1.1\r\nHost: shop\r\nConnection: X-Hop, content-length\r\nX-Hop: 1\r\n"
                + "Content-Length: 0\r\nX-Kept: 2\r\n\r\n"))
                .isEqualTo("POST /o HTTP/1.1\r\nHost: shop\r\nContent-Length: 0\r\nX-Kept: 2\r\n" + FORWARDING + "\r\n");
    }

    @Test
    void shouldKeepTheUpgradeOfAWebSocketHandshake() throws Exception {
        RequestHead head = parse("GET /ws HTTP/1.1\r\nHost: shop\r\nConnection: keep-alive, Upgrade\r\n"
                + "Upgrade: websocket\r\n\r\n");
        assertThat(head.webSocketUpgrade()).isTrue();
        assertThat(rewrite(head)).isEqualTo("GET /ws HTTP/1.1\r\nHost: shop\r\nUpgrade: websocket\r\n" + FORWARDING
                + "connection: upgrade\r\n\r\n");
    }

    @Test
    void shouldAppendToTheForwardingFieldsAClientAlreadySent() throws Exception {
        String out = forwarded("GET / HTTP/1.1\r\nHost: shop\r\nX-Forwarded-For: 1.1.1.1\r\nX-Forwarded-For: 2.2.2.2\r\n"
                + "Forwarded: for=1.1.1.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: outside\r\n\r\n");
        assertThat(out).isEqualTo("GET / HTTP/1.1\r\nHost: shop\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: outside\r\nx-forwarded-for: 1.1.1.1, 2.2.2.2, 10.0.0.9\r\n"
                + "forwarded: for=1.1.1.1, for=10.0.0.9;host=shop;proto=http\r\n\r\n");
    }

    @Test
    void shouldQuoteAnIpv6ClientAndLeaveOutAHostThatWouldNeedQuoting() throws Exception {
        RequestHead head = parse("GET / HTTP/1.1\r\nHost: a b\r\n\r\n");
        ByteBuf out = head.rewrite(ByteBufAllocator.DEFAULT, "::1", true);
        try {
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).contains("forwarded: for=\"[::1]\";proto=http\r\n");
        } finally {
            out.release();
            head.release();
        }
    }

    @Test
    void shouldReadWhatRoutingNeedsFromTheBytes() throws Exception {
        RequestHead head = parse("DELETE /orders/7 HTTP/1.1\r\nHOST: shop:8080\r\nX-User-Id:  u-1 \r\n"
                + "Content-Length: 12\r\nConnection: close\r\n\r\n");
        try {
            assertThat(head.method()).isEqualTo("DELETE");
            assertThat(head.uri()).isEqualTo("/orders/7");
            assertThat(head.header(HeaderNames.HOST)).isEqualTo("shop:8080");
            assertThat(head.header("x-user-ID")).isEqualTo("u-1");
            assertThat(head.header("x-missing")).isNull();
            assertThat(head.framing()).isEqualTo(RequestHead.Framing.CONTENT_LENGTH);
            assertThat(head.contentLength()).isEqualTo(12);
            assertThat(head.keepAlive()).isFalse();
        } finally {
            head.release();
        }
    }

    @Test
    void shouldKeepAnHttp10ConnectionOnlyWhenTheClientAsks() throws Exception {
        assertKeepAlive("GET / HTTP/1.0\r\n\r\n", false);
        assertKeepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true);
        assertKeepAlive("GET / HTTP/1.1\r\n\r\n", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n|both Transfer-Encoding and",
        "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n|unsupported Transfer-Encoding 'gzip, chunked'",
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n|unsupported Transfer",
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n|conflicting Content-Length values 3 and 4",
        "POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\n|invalid Content-Length '+3'",
        "GET / HTTP/1.1\r\nX-A: 1\r\n\tfolded\r\n\r\n|obsolete line folding",
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n|invalid character 0x20 in a field name",
        "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n|control character 0x00",
        "GET /a b HTTP/1.1\r\n\r\n|invalid request line",
        "GET /\u0001 HTTP/1.1\r\n\r\n|invalid character 0x01 in the request target",
        "G(T / HTTP/1.1\r\n\r\n|invalid character '(' in the request method",
        "GET / HTTP/2.0\r\n\r\n|unsupported protocol version 'HTTP/2.0'",
    })
    void shouldRefuseARequestTwoParsersCouldReadDifferently(String caseAndReason) {
        String[] parts = caseAndReason.split("\\|");
        assertThatThrownBy(() -> parse(parts[0])).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(parts[1]);
    }

    private static void assertKeepAlive(String head, boolean expected) throws MalformedMessageException {
        RequestHead parsed = parse(head);
        assertThat(parsed.keepAlive()).as(head).isEqualTo(expected);
        parsed.release();
    }

    private static String forwarded(String head) throws MalformedMessageException {
        return rewrite(parse(head));
    }

    private static String rewrite(RequestHead head) {
        ByteBuf out = head.rewrite(ByteBufAllocator.DEFAULT, "10.0.0.9", false);
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
            head.release();
        }
    }

    private static RequestHead parse(String head) throws MalformedMessageException {
        return RequestHead.parse(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1));
    }
}
