package io.strangler.router;

import static io.strangler.router.RouterFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChaosIT {

    @Test
    void shouldCloseTheClientConnectionWhenTheBackendDiesMidResponse() throws Exception {
        // Given a backend that promises 1000 bytes, sends 10 and dies
        try (RawBackend raw = new RawBackend("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(
                        RouteSpec.simple("r", "/", "raw"), raw.spec()))) {
            // When a client asks for it, Then it sees a failed transfer, never a complete answer
            try (Socket socket = new Socket("127.0.0.1", router.port())) {
                socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(received).startsWith("HTTP/1.1 200 OK").endsWith("0123456789");
            }
            assertNoConnectionsLeft(router);
        }
    }

    @Test
    void shouldAnswer502WhenTheBackendClosesBeforeAnswering() throws Exception {
        try (RawBackend raw = new RawBackend("");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(
                        RouteSpec.simple("r", "/", "raw"), raw.spec()))) {
            HttpResponse<String> response = get(router, "/x");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("\"status\":502", "closed the connection before answering",
                    "\"route\":\"r\"", "\"backend\":\"raw\"");
            assertNoLeaks(router);
        }
    }

    @Test
    void shouldAnswer502WhenTheBackendIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        BackendSpec gone = new BackendSpec("gone", "http://127.0.0.1:" + port, 500, 1_000, null);
        try (StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "gone"),
                gone))) {
            HttpResponse<String> response = get(router, "/x");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("cannot connect to backend gone");
            assertNoLeaks(router);
        }
    }

    @Test
    void shouldAnswer504WhenTheBackendIsSlowerThanItsTimeout() throws Exception {
        try (TestBackend slow = new TestBackend("slow")) {
            CountDownLatch release = new CountDownLatch(1);
            slow.handler((exchange, name) -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                TestBackend.send(exchange, 200, "late");
            });
            try (StranglerRouter router = RouterFixture.start(RouterFixture.table(
                    RouteSpec.simple("r", "/", "slow"), slow.spec(300, null)))) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(router, "/x");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(response.statusCode()).isEqualTo(504);
                assertThat(response.body()).contains("did not answer within 300 ms");
                assertThat(millis).isBetween(250L, 2_000L);
                release.countDown();
                assertNoLeaks(router);
            }
        }
    }

    @Test
    void shouldFreeEverythingWhenTheClientAbortsMidRequest() throws Exception {
        try (TestBackend backend = new TestBackend("b");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "b"),
                        backend.spec()))) {
            // Given clients that send half a body and vanish
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket("127.0.0.1", router.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000))
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            // Then no exchange, no client connection and no busy backend connection is left behind
            assertNoConnectionsLeft(router);
            assertThat(get(router, "/after").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldRejectRequestsWithAmbiguousFraming() throws Exception {
        try (TestBackend backend = new TestBackend("b");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "b"),
                        backend.spec()))) {
            String both = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\n";
            String twoLengths = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!";
            String gzipOnly = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nhello";
            for (String attack : new String[] {both, twoLengths, gzipOnly}) {
                assertThat(rawExchange(router, attack)).startsWith("HTTP/1.1 400 Bad Request");
            }
            assertThat(backend.requests()).isZero();
            assertNoLeaks(router);
        }
    }

    private static String rawExchange(StranglerRouter router, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", router.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static void assertNoLeaks(StranglerRouter router) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(router.activeExchanges()).as("active exchanges").isZero();
            assertThat(router.busyBackendConnections()).as("busy backend connections").isZero();
        });
    }

    /** For tests whose clients closed their connections (the JDK client keeps its own open). */
    static void assertNoConnectionsLeft(StranglerRouter router) {
        assertNoLeaks(router);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(router.clientConnections()).as("client connections").isZero());
    }

    /** A backend speaking raw bytes: answers every connection with {@code reply}, then closes it. */
    static final class RawBackend implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RawBackend(String reply) throws IOException {
            server = new ServerSocket(0);
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        int n = in.read(buf);
                        if (n > 0) {
                            s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                        }
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        BackendSpec spec() {
            return new BackendSpec("raw", "http://127.0.0.1:" + server.getLocalPort(), 500, 2_000, null);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

}
