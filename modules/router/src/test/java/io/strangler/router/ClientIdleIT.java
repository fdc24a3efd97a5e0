package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** client.idle.timeout.ms: idle keep-alive connections are closed; a connection with an exchange running is not. */
class ClientIdleIT {

    private static final int IDLE_MS = 1_000;

    private static TestBackend backend;
    private static StranglerRouter router;
    private static CountDownLatch slowAnswer = new CountDownLatch(0);

    @BeforeAll
    static void start() throws Exception {
        backend = new TestBackend("monolith");
        backend.handler((exchange, name) -> {
            if (exchange.getRequestURI().getPath().startsWith("/slow")) {
                try {
                    slowAnswer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TestBackend.send(exchange, 200, "ok");
        });
        // a response timeout well past the slow test's three idle times
        router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "monolith"),
                        backend.spec(10_000, null)),
                Map.of(RouterConfig.CLIENT_IDLE_TIMEOUT_MS, IDLE_MS));
    }

    @AfterAll
    static void stop() {
        router.close();
        backend.close();
    }

    @Test
    void shouldCloseAConnectionThatNeverSentARequest() throws Exception {
        try (Socket socket = connect()) {
            long started = System.nanoTime();

            int read = socket.getInputStream().read();

            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(millisSince(started)).isBetween((long) IDLE_MS - 50, 3L * IDLE_MS);
        }
    }

    @Test
    void shouldCloseAKeepAliveConnectionBetweenOneAndTwoIdleTimesAfterItsLastAnswer() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /a HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("ok");
            long answered = System.nanoTime();

            int read = in.read();

            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(millisSince(answered)).isBetween((long) IDLE_MS - 50, 3L * IDLE_MS);
        }
    }

    @Test
    void shouldKeepAConnectionOpenWhileItsRequestWaitsForTheBackend() throws Exception {
        slowAnswer = new CountDownLatch(1);
        try (Socket socket = connect()) {
            // Given a request the backend answers only after three idle times
            socket.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            // and the exchange stays alive for three idle times (the connection closing would end it)
            await().during(Duration.ofMillis(3L * IDLE_MS)).atMost(Duration.ofMillis(4L * IDLE_MS))
                    .until(() -> router.activeExchanges() == 1);

            // When the backend finally answers
            slowAnswer.countDown();

            // Then the client gets the answer on its still-open connection
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200").endsWith("ok");
        }
    }

    private static Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", router.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one response with a Content-Length body. */
    private static String readResponse(InputStream in) throws Exception {
        String head = RawHttp.readHead(in);
        return head + RawHttp.readBody(in, head);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
