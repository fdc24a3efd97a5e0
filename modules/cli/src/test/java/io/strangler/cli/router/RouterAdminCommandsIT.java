package io.strangler.cli.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.StranglerCommand;
import io.strangler.router.RouterConfig;
import io.strangler.router.StranglerRouter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI steering a real router instance through its admin API. */
class RouterAdminCommandsIT {

    private static final String TOKEN = "cli-it-admin-token-0123456789";

    @TempDir
    static Path dir;

    private static StranglerRouter router;
    private static Path tokenFile;

    @BeforeAll
    static void startRouter() throws Exception {
        Path routes = dir.resolve("routes.yaml");
        // backends are never called here: the commands only change the route table
        Files.writeString(routes, """
                backends:
                  monolith: { url: "http://127.0.0.1:9" }
                  orders: { url: "http://127.0.0.1:9" }
                routes:
                  - id: orders
                    match: { pathPrefix: /orders }
                    stable: monolith
                    candidate: orders
                    weight: 0
                """);
        Map<String, Object> props = new HashMap<>();
        props.put(RouterConfig.LISTEN_HOST, "127.0.0.1");
        props.put(RouterConfig.LISTEN_PORT, 0);
        props.put(RouterConfig.ADMIN_PORT, 0);
        props.put(RouterConfig.ADMIN_TOKEN, TOKEN);
        props.put(RouterConfig.ROUTES_FILE, routes.toString());
        router = StranglerRouter.start(new RouterConfig(props));
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String adminUrl() {
        return "http://127.0.0.1:" + router.adminPort();
    }

    @Test
    void shouldSetTheWeightOfARouteOnTheRunningRouter() {
        Run result = run("router", "weight", "orders", "25", "--admin-url", adminUrl(),
                "--token-file", tokenFile.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(run("router", "routes", "--admin-url", adminUrl(), "--token-file", tokenFile.toString()).out())
                .contains("\"orders\"").contains("25");
    }

    @Test
    void shouldRollBackARouteAndSayWhy() {
        Run result = run("router", "rollback", "orders", "--reason", "error budget spent",
                "--admin-url", adminUrl(), "--token-file", tokenFile.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(router.recentEvents().toString()).contains("error budget spent");
    }

    @Test
    void shouldNameTheAnswerWhenTheTokenIsWrong() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "not-the-token-at-all-000");

        Run result = run("router", "routes", "--admin-url", adminUrl(), "--token-file", wrong.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("answered 403");
    }

    @Test
    void shouldRejectAWeightAboveOneHundred() {
        Run result = run("router", "weight", "orders", "120", "--admin-url", adminUrl(),
                "--token-file", tokenFile.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("PERCENT must be between 0 and 100, got 120");
    }
}
