package io.strangler.cli.run;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code strangler run <processor> --config FILE} as its own OS process, the way it is deployed: started from the
 * test's classpath, its output in a log file (appended across restarts), killed with SIGKILL or stopped with SIGTERM.
 */
final class ProcessorProcess {

    private static final Pattern PORT = Pattern.compile("/metrics and /health on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String processor;
    private final Path config;
    private final Path log;
    private Process process;
    private long logOffset;

    ProcessorProcess(String processor, Path config, Path log) {
        this.processor = processor;
        this.config = config;
        this.log = log;
    }

    ProcessorProcess start() throws IOException {
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "io.strangler.cli.StranglerCommand", "run", processor,
                "--config", config.toString(), "--http-port", "0"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /** SIGKILL: no shutdown hook, no clean close, as a crashed pod. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, without waiting. */
    void terminate() {
        process.destroy();
    }

    /** SIGTERM, and the exit code once stopped (-1 when it had not stopped within {@code within}: then SIGKILL). */
    int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** This run's output (since the last start). */
    String output() {
        try {
            String all = Files.readString(log);
            return all.substring((int) Math.min(logOffset, all.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until this run prints {@code <processor>: RUNNING}; the time it took from the call. */
    Duration awaitRunning(Duration atMost) {
        long started = System.nanoTime();
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .failFast(processor + " exited; its output is in " + log, () -> !alive())
                .until(() -> output().contains(processor + ": RUNNING"));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** GET of one of its endpoints, e.g. {@code /metrics}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        Matcher port = PORT.matcher(output());
        if (!port.find()) {
            throw new IllegalStateException(processor + " has not printed its port yet; output in " + log);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Path log() {
        return log;
    }

    @Override
    public String toString() {
        return processor + " (" + config.getFileName() + ")";
    }
}
