package io.strangler.router.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.strangler.router.BackendSpec;
import io.strangler.router.Shadow;
import io.strangler.schemas.RouterEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow traffic: copies a stable-side exchange while it streams to the client, then (off the event loop) sends the
 * same request to the candidate — and, with the noise filter, once more to the stable side — and compares status,
 * chosen headers and JSON bodies. Differences become SHADOW_DIFF events and a metric. Only safe methods (GET, HEAD,
 * OPTIONS) are mirrored: replaying a write would write twice.
 */
public final class ShadowComparator implements ProxyContext.ShadowFactory, AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ShadowComparator.class);
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSink events;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "router-shadow");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(executor).build();

    public ShadowComparator(EventSink events, int maxInFlight) {
        this.events = events;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public ShadowTap create(Decision decision, RequestHead request) {
        String method = request.method();
        if (!(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"))) {
            return null;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.fields()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.putIfAbsent(h.getKey(), h.getValue());
            }
        }
        return new Tap(decision, method, request.uri(), headers);
    }

    private final class Tap implements ShadowTap {
        private final Decision decision;
        private final String method;
        private final String uri;
        private final Map<String, String> headers;
        private final int max;
        private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
        private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
        private int status;
        private HttpHeaders responseHeaders;
        private boolean done;

        Tap(Decision decision, String method, String uri, Map<String, String> headers) {
            this.decision = decision;
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.max = decision.route().spec().shadow().maxBodyBytes();
        }

        @Override
        public void requestContent(ByteBuf data) {
            copy(data, requestBody);
        }

        @Override
        public void responseHead(int code, HttpHeaders fields) {
            status = code;
            responseHeaders = fields;
        }

        @Override
        public void responseContent(ByteBuf data) {
            copy(data, responseBody);
        }

        private void copy(ByteBuf data, ByteArrayOutputStream into) {
            if (done) {
                return;
            }
            int n = data.readableBytes();
            if (into.size() + n > max) {
                abort();
                return;
            }
            byte[] bytes = new byte[n];
            data.getBytes(data.readerIndex(), bytes);
            into.writeBytes(bytes);
        }

        @Override
        public void primaryDone() {
            if (done) {
                return;
            }
            done = true;
            Answer primary = new Answer(status, responseHeaders, responseBody.toByteArray());
            byte[] body = requestBody.toByteArray();
            Shadow shadow = decision.route().spec().shadow();
            CompletableFuture<Answer> candidate = send(decision.route().candidate(), body);
            CompletableFuture<Answer> second = shadow.noiseFilter() ? send(decision.route().stable(), body)
                    : CompletableFuture.completedFuture(null);
            candidate.thenCombine(second, (c, s) -> {
                compare(primary, c, s, shadow);
                return null;
            }).whenComplete((v, e) -> {
                inFlight.decrementAndGet();
                if (e != null) {
                    LOGGER.debug("Shadow comparison of {} {} failed", method, uri, e);
                }
            });
        }

        @Override
        public void abort() {
            if (!done) {
                done = true;
                inFlight.decrementAndGet();
            }
        }

        private CompletableFuture<Answer> send(BackendSpec backend, byte[] body) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(backend.url() + uri))
                    .timeout(Duration.ofMillis(backend.responseTimeoutMs()))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, value) -> {
                try {
                    builder.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // the JDK client refuses a few more headers than we filter; they do not affect answers
                }
            });
            builder.header("x-strangler-shadow", "true");
            return client.sendAsync(builder.build(), BodyHandlers.ofByteArray()).handle((response, error) -> {
                if (error != null) {
                    return new Answer(599, null, error.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return new Answer(response.statusCode(), response.headers(), response.body());
            });
        }

        private void compare(Answer primary, Answer candidate, Answer second, Shadow shadow) {
            List<String> differences = new ArrayList<>();
            if (primary.status != candidate.status) {
                differences.add("status " + primary.status + " != " + candidate.status);
            }
            for (String name : shadow.compareHeaders()) {
                String a = primary.header(name);
                String b = candidate.header(name);
                boolean noisy = second != null && !java.util.Objects.equals(a, second.header(name));
                if (!noisy && !java.util.Objects.equals(a, b)) {
                    differences.add("header " + name + ": '" + a + "' != '" + b + "'");
                }
            }
            differences.addAll(bodyDifferences(primary, candidate, second, shadow.ignorePaths()));
            boolean differed = !differences.isEmpty();
            decision.route().runtime().shadowCompared(differed);
            if (differed) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("method", method);
                details.put("uri", uri);
                details.put("differences", differences);
                String json;
                try {
                    json = JSON.writeValueAsString(details);
                } catch (IOException e) {
                    json = null;
                }
                events.emit(RouterEventType.SHADOW_DIFF, decision.route().spec().id(),
                        decision.route().candidate().name(), null, method + " " + uri + ": " + differences.size()
                                + " difference(s)", json);
            }
        }

        private List<String> bodyDifferences(Answer primary, Answer candidate, Answer second, List<String> ignored) {
            JsonNode a = primary.json();
            JsonNode b = candidate.json();
            if (a == null || b == null) {
                boolean noisy = second != null && !java.util.Arrays.equals(primary.body, second.body);
                return noisy || java.util.Arrays.equals(primary.body, candidate.body) ? List.of()
                        : List.of("body differs (" + primary.body.length + " vs " + candidate.body.length
                                + " bytes, not JSON)");
            }
            List<String> noise = new ArrayList<>(ignored);
            JsonNode s = second == null ? null : second.json();
            if (s != null) {
                noise.addAll(JsonDiff.diff(a, s));
            }
            List<String> out = new ArrayList<>();
            for (String pointer : JsonDiff.diff(a, b)) {
                if (!JsonDiff.covered(pointer, noise)) {
                    out.add("body " + (pointer.isEmpty() ? "/" : pointer));
                }
            }
            return out;
        }
    }

    private record Answer(int status, Object headers, byte[] body) {

        String header(String name) {
            if (headers instanceof HttpHeaders netty) {
                return netty.get(name);
            }
            if (headers instanceof java.net.http.HttpHeaders jdk) {
                return jdk.firstValue(name).orElse(null);
            }
            return null;
        }

        JsonNode json() {
            if (body.length == 0) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
