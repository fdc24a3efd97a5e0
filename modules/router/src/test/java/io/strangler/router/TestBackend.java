package io.strangler.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on a random loopback port. By default it answers {@code {"backend":"<name>","path":"..."}} and
 * echoes request headers as {@code x-echo-<name>} response headers; {@link #handler} swaps the behaviour.
 */
final class TestBackend implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange, String name) throws IOException;
    }

    static {
        // the JDK server writes head and body separately; without this, Nagle + delayed ACK add ~40 ms per answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Handler handler = TestBackend::echo;

    TestBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                handler.handle(exchange, this.name);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    BackendSpec spec() {
        return new BackendSpec(name, url(), 1_000, 2_000, null);
    }

    BackendSpec spec(int responseTimeoutMs, String healthPath) {
        return new BackendSpec(name, url(), 1_000, responseTimeoutMs, healthPath);
    }

    int requests() {
        return requests.get();
    }

    void handler(Handler next) {
        this.handler = next;
    }

    static void echo(HttpExchange exchange, String name) throws IOException {
        byte[] requestBody;
        try (InputStream in = exchange.getRequestBody()) {
            requestBody = in.readAllBytes();
        }
        Map<String, String> seen = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), String.join(",", v)));
        seen.forEach((k, v) -> exchange.getResponseHeaders().add("x-echo-" + k, v));
        exchange.getResponseHeaders().add("x-backend", name);
        exchange.getResponseHeaders().add("content-type", "application/json");
        String body = "{\"backend\":\"" + name + "\",\"path\":\"" + exchange.getRequestURI().getPath()
                + "\",\"received\":" + requestBody.length + "}";
        send(exchange, 200, body);
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
