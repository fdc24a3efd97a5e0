package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Responses are forwarded as the backend's bytes (only the head's hop-by-hop fields change): every way a body can be
 * framed reaches the client intact and leaves both connections in a state where the next exchange works.
 */
class ProxyFramingIT {

    private static final String CHUNKED_BODY = "4\r\nWiki\r\n7;ext=1\r\npedia i\r\nB\r\nn chunks.\r\n\r\n"
            + "0\r\nX-Checksum: 7\r\n\r\n";
    private static final Map<String, String> REPLIES = Map.of(
            "/chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kind: chunked\r\n\r\n" + CHUNKED_BODY,
            "/until-close", "HTTP/1.0 200 OK\r\nX-Kind: until-close\r\n\r\nthe body ends when the backend closes",
            "/head", "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nX-Kind: head\r\n\r\n",
            "/plain", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive, X-Internal\r\n"
                    + "X-Internal: secret\r\nKeep-Alive: timeout=5\r\n\r\nplain",
            "/interim", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
            "/smuggle", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "/folded", "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded: yes\r\nContent-Length: 0\r\n\r\n");

    private static ScriptedBackend backend;
    private static StranglerRouter router;

    @BeforeAll
    static void start() throws IOException {
        backend = new ScriptedBackend(REPLIES);
        router = RouterFixture.start(RouterFixture.table(RouteSpec.simple("r", "/", "scripted"),
                new BackendSpec("scripted", "http://127.0.0.1:" + backend.port(), 500, 2_000, null)));
    }

    @AfterAll
    static void stop() throws IOException {
        router.close();
        backend.close();
    }

    @Test
    void shouldForwardAChunkedBodyWithItsTrailersAndKeepTheConnection() throws IOException {
        try (Client client = new Client()) {
            Response first = client.exchange("GET /chunked HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(first.head()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("transfer-encoding: chunked");
            assertThat(first.body()).isEqualTo(CHUNKED_BODY);
            Response second = client.exchange("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(second.body()).isEqualTo("plain");
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    @Test
    void shouldDechunkTheBodyForAnHttp10ClientAndEndItByClosing() throws IOException {
        try (Client client = new Client()) {
            Response response = client.exchange("GET /chunked HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n");
            assertThat(response.head()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("connection: close")
                    .doesNotContainIgnoringCase("transfer-encoding");
            assertThat(response.body()).isEqualTo("Wikipedia in chunks.\r\n");
            assertThat(client.closedByPeer()).isTrue();
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    @Test
    void shouldCloseAKeepAliveClientsConnectionToEndABodyThatEndsWhenTheBackendCloses() throws IOException {
        try (Client client = new Client()) {
            Response response = client.exchange("GET /until-close HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(response.head()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("connection: close");
            assertThat(response.body()).isEqualTo("the body ends when the backend closes");
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    @Test
    void shouldExpectNoBodyAfterAHeadRequestAndServeTheNextRequestOnBothConnections() throws IOException {
        try (Client client = new Client()) {
            Response head = client.exchange("HEAD /head HTTP/1.1\r\nHost: a\r\n\r\n", true);
            assertThat(head.head()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 1000");
            assertThat(head.body()).isEmpty();
            assertThat(client.exchange("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n").body()).isEqualTo("plain");
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    @Test
    void shouldAnswerAnUnsupportedExpectationWith417WithoutABodyForHeadAndKeepTheConnection() throws IOException {
        try (Client client = new Client()) {
            Response refused = client.exchange("HEAD /plain HTTP/1.1\r\nHost: a\r\nExpect: tea\r\n\r\n", true);
            assertThat(refused.head()).startsWith("HTTP/1.1 417").containsIgnoringCase("content-length: ");
            // had a body been written after the head, it would be read here as the next response's status line
            Response next = client.exchange("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(next.head()).startsWith("HTTP/1.1 200");
            assertThat(next.body()).isEqualTo("plain");
        }
    }

    @Test
    void shouldRemoveHopByHopFieldsAndTheOnesTheBackendsConnectionNames() throws IOException {
        try (Client client = new Client()) {
            Response response = client.exchange("GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(response.head().toLowerCase(Locale.ROOT)).contains("content-length: 5")
                    .doesNotContain("x-internal", "keep-alive", "connection");
        }
    }

    @Test
    void shouldDropAnInterimResponseTheClientDidNotAskFor() throws IOException {
        try (Client client = new Client()) {
            Response response = client.exchange("GET /interim HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(response.head()).startsWith("HTTP/1.1 201 Created");
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void shouldAnswer502NamingTheReasonForAResponseThatCannotBeFramedSafely() throws IOException {
        for (String[] call : new String[][] {{"/smuggle", "both Transfer-Encoding and Content-Length"},
                {"/folded", "obsolete line folding"}}) {
            try (Client client = new Client()) {
                Response response = client.exchange("GET " + call[0] + " HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(response.head()).startsWith("HTTP/1.1 502");
                assertThat(response.body()).contains("backend scripted sent a malformed response", call[1]);
            }
        }
        ChaosIT.assertNoConnectionsLeft(router);
    }

    private record Response(String head, String body) {
    }

    /** A raw HTTP/1.x client on one connection that reads each response by its framing. */
    private final class Client implements AutoCloseable {
        private final Socket socket = new Socket("127.0.0.1", router.port());
        private final InputStream in;

        Client() throws IOException {
            socket.setSoTimeout(5_000);
            in = socket.getInputStream();
        }

        Response exchange(String request) throws IOException {
            return exchange(request, false);
        }

        Response exchange(String request, boolean noBody) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = RawHttp.readHead(in);
            String lower = head.toLowerCase(Locale.ROOT);
            if (noBody) {
                return new Response(head, "");
            }
            int length = RawHttp.contentLength(head);
            if (length >= 0) {
                return new Response(head, new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
            }
            if (lower.contains("transfer-encoding: chunked")) {
                StringBuilder body = new StringBuilder();
                while (true) {
                    String sizeLine = readUntil("\r\n");
                    body.append(sizeLine);
                    int size = Integer.parseInt(sizeLine.split("[;\r]")[0].trim(), 16);
                    if (size == 0) {
                        String trailer;
                        do {
                            trailer = readUntil("\r\n");
                            body.append(trailer);
                        } while (!trailer.equals("\r\n"));
                        return new Response(head, body.toString());
                    }
                    body.append(new String(in.readNBytes(size + 2), StandardCharsets.ISO_8859_1));
                }
            }
            return new Response(head, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }

        boolean closedByPeer() throws IOException {
            return in.read() < 0;
        }

        private String readUntil(String end) throws IOException {
            return RawHttp.readUntil(in, end);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A keep-alive backend speaking raw bytes: answers each request (head only; these tests send no bodies) with the
     * reply scripted for its path; a reply without framing is ended by closing.
     */
    private static final class ScriptedBackend implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);

        ScriptedBackend(Map<String, String> replies) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread connection = new Thread(() -> serve(socket, replies), "scripted-backend-connection");
                        connection.setDaemon(true);
                        connection.start();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "scripted-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void serve(Socket socket, Map<String, String> replies) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                StringBuilder head = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0) {
                    head.append((char) b);
                    if (head.toString().endsWith("\r\n\r\n")) {
                        String path = head.toString().split(" ")[1];
                        String reply = replies.get(path);
                        out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        if (path.equals("/until-close")) {
                            return;
                        }
                        head.setLength(0);
                    }
                }
            } catch (IOException e) {
                // the router closed the connection
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
