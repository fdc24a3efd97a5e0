package io.strangler.cli.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * Options and HTTP calls shared by the admin subcommands. The token is read from a file or the environment,
 * never from the command line, so that it does not show up in the process list or shell history.
 */
final class AdminClient {

    static final String TOKEN_VARIABLE = "STRANGLER_ROUTER_TOKEN";

    @Option(names = "--admin-url", defaultValue = "http://127.0.0.1:9901", paramLabel = "URL",
            description = "Admin API of a router instance (default: ${DEFAULT-VALUE}).")
    URI adminUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin token; default: the " + TOKEN_VARIABLE + " environment variable.")
    Path tokenFile;

    String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(adminUrl.resolve(path)).GET());
    }

    String post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(adminUrl.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                request.header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("router admin API at " + adminUrl + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            return Files.readString(tokenFile).strip();
        }
        String token = System.getenv(TOKEN_VARIABLE);
        return Objects.requireNonNull(token == null || token.isBlank() ? null : token.strip(),
                "no admin token: pass --token-file or set " + TOKEN_VARIABLE);
    }

    /** JSON string literal for values the user typed (route ids, reasons). */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
