package io.strangler.cli.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP endpoints of a running processor, for Prometheus and Kubernetes probes: {@code /metrics} (Prometheus text),
 * {@code /health} (JSON with the state), {@code /health/live} (200 unless FAILED) and {@code /health/ready} (200 only
 * when RUNNING); 503 otherwise. Served by the JDK's HTTP server on one daemon thread: a scrape every few seconds needs
 * no more.
 */
final class ProcessorEndpoints implements AutoCloseable {

    private final HttpServer server;

    private ProcessorEndpoints(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code port} (0: any free one) of every interface. */
    static ProcessorEndpoints start(int port, String processor, RunnableProcessor running) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /metrics and /health on port " + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strangler-endpoints");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/metrics", exchange -> answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                running::prometheusMetrics));
        server.createContext("/health/live", exchange -> {
            ProcessorState state = running.state();
            answer(exchange, state.live() ? 200 : 503, "application/json", () -> health(processor, state));
        });
        server.createContext("/health/ready", exchange -> {
            ProcessorState state = running.state();
            answer(exchange, state.ready() ? 200 : 503, "application/json", () -> health(processor, state));
        });
        server.createContext("/health", exchange -> {
            ProcessorState state = running.state();
            answer(exchange, state.live() ? 200 : 503, "application/json", () -> health(processor, state));
        });
        server.start();
        return new ProcessorEndpoints(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static String health(String processor, ProcessorState state) {
        return "{\"processor\":\"" + processor + "\",\"state\":\"" + state + "\",\"live\":" + state.live()
                + ",\"ready\":" + state.ready() + "}\n";
    }

    private static void answer(HttpExchange exchange, int status, String contentType, Supplier<String> body)
            throws IOException {
        try (exchange) {
            byte[] bytes;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                status = 500;
                bytes = ("cannot render: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
