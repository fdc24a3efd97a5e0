package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests go to the backend as the client's bytes: bodies however framed, Expect answered by the proxy, pipelining. */
class RequestFramingIT {

    private static TestBackend backend;
    private static StranglerRouter router;

    @BeforeAll
    static void start() throws IOException {
        backend = new TestBackend("b");
        router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "b"), backend.spec()));
    }

    @AfterAll
    static void stop() {
        router.close();
        backend.close();
    }

    @Test
    void shouldInviteTheBodyOfAnExpect100ContinueRequestAndNotPassTheExpectationOn() throws IOException {
        try (Socket socket = socket()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(ascii("POST /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
            assertThat(RawHttp.readHead(in)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(ascii("hello"));
            String head = RawHttp.readHead(in);
            String body = RawHttp.readBody(in, head);
            assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("x-echo-expect");
            assertThat(body).contains("\"received\":5");
        }
    }

    @Test
    void shouldForwardAChunkedRequestBodyWhole() throws IOException {
        try (Socket socket = socket()) {
            socket.getOutputStream().write(ascii("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n4;ext\r\n0123\r\n0\r\n\r\n"));
            InputStream in = socket.getInputStream();
            String head = RawHttp.readHead(in);
            assertThat(RawHttp.readBody(in, head)).contains("\"received\":30");
        }
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderOnOneConnection() throws IOException {
        try (Socket socket = socket()) {
            socket.getOutputStream().write(ascii("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /second HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"
                    + "GET /third HTTP/1.0\r\nHost: a\r\n\r\n"));
            InputStream in = socket.getInputStream();
            for (String path : new String[] {"/first", "/second", "/third"}) {
                String head = RawHttp.readHead(in);
                assertThat(RawHttp.readBody(in, head)).contains("\"path\":\"" + path + "\"");
            }
            // the HTTP/1.0 request without keep-alive ends the connection
            assertThat(in.read()).isEqualTo(-1);
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    @Test
    void shouldRefuseAHeadLargerThanTheLimitWith431() throws IOException {
        try (Socket socket = socket()) {
            socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(70_000)
                    + "\r\n\r\n"));
            String head = RawHttp.readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 431");
            assertThat(RawHttp.readBody(socket.getInputStream(), head)).contains("request head larger than");
        }
    }

    private static Socket socket() throws IOException {
        Socket socket = new Socket("127.0.0.1", router.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
