package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket pass-through: the upgrade reaches a real WebSocket server, frames flow both ways, closing frees all. */
class WebSocketIT {

    @Test
    void shouldPassTheUpgradeThroughAndRelayFramesBothWays() throws Exception {
        try (WebSocketEchoBackend backend = new WebSocketEchoBackend();
                StranglerRouter router = RouterFixture.start(new RouteTable(Map.of("chat", backend.spec("chat")),
                        java.util.List.of(RouteSpec.simple("chat", "/ws", "chat")), Map.of()))) {
            // Given a WebSocket client connected through the router
            Collector client = new Collector();
            WebSocket ws = connect(router, client);

            // Then the upgrade reached the backend, which can speak first
            assertThat(client.next()).isEqualTo("welcome");
            assertThat(backend.openConnections()).isEqualTo(1);
            assertThat(router.clientConnections()).isEqualTo(1);
            assertThat(router.backendConnections()).isEqualTo(1);

            // When the client sends text frames, they arrive in order and their answers come back
            for (int i = 0; i < 100; i++) {
                ws.sendText("hello " + i, true).get(5, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(client.next()).isEqualTo("echo:hello " + i);
            }

            // And a large binary frame (larger than socket buffers) comes back byte for byte
            byte[] payload = new byte[512 * 1024];
            new Random(7).nextBytes(payload);
            ws.sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
            assertThat((byte[]) client.nextObject()).isEqualTo(payload);
            assertThat(backend.framesReceived()).isEqualTo(101);

            // When the client closes the WebSocket
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

            // Then the close handshake completes through the router and every connection is freed
            assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
            assertConnectionsFreed(router, backend);
        }
    }

    @Test
    void shouldFreeBothSidesWhenTheBackendClosesOrTheClientAborts() throws Exception {
        try (WebSocketEchoBackend backend = new WebSocketEchoBackend();
                StranglerRouter router = RouterFixture.start(new RouteTable(Map.of("chat", backend.spec("chat")),
                        java.util.List.of(RouteSpec.simple("chat", "/ws", "chat")), Map.of()))) {
            // Given two WebSocket clients connected through the router
            Collector first = new Collector();
            Collector second = new Collector();
            WebSocket closedByServer = connect(router, first);
            WebSocket aborted = connect(router, second);
            assertThat(first.next()).isEqualTo("welcome");
            assertThat(second.next()).isEqualTo("welcome");
            assertThat(router.clientConnections()).isEqualTo(2);
            assertThat(router.backendConnections()).isEqualTo(2);

            // When the backend closes the first and the second client drops its connection without a close frame
            closedByServer.sendText(WebSocketEchoBackend.CLOSE_COMMAND, true).get(5, TimeUnit.SECONDS);
            assertThat(first.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
            aborted.abort();

            // Then nothing is left open on the router or the backend
            assertConnectionsFreed(router, backend);
        }
    }

    private static void assertConnectionsFreed(StranglerRouter router, WebSocketEchoBackend backend) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(router.clientConnections()).as("router client connections").isZero();
            assertThat(router.backendConnections()).as("router backend connections").isZero();
            assertThat(router.activeExchanges()).as("active exchanges").isZero();
            assertThat(backend.openConnections()).as("backend connections").isZero();
        });
    }

    private static WebSocket connect(StranglerRouter router, Collector listener) throws Exception {
        return RouterFixture.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + WebSocketEchoBackend.PATH + "/room1"),
                        listener).get(10, TimeUnit.SECONDS);
    }

    /** Collects whole messages (text as String, binary as byte[]) and the close code. */
    private static final class Collector implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object nextObject() throws InterruptedException {
            Object message = messages.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message within 5 s").isNotNull();
            return message;
        }

        String next() throws InterruptedException {
            return (String) nextObject();
        }
    }
}
