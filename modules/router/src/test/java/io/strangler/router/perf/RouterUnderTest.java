package io.strangler.router.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link RouterProcess} started from the benchmark JVM with the same class path: its own heap, GC and JIT, like
 * nginx. Closing it ends the process.
 */
final class RouterUnderTest implements AutoCloseable {

    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Process process;
    private final Path dir;
    private final int port;
    private final long startMillis;

    private RouterUnderTest(Process process, Path dir, int port, long startMillis) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.startMillis = startMillis;
    }

    /**
     * {@code spinMicros}: the router's io.poll.spin.micros (0: its event loops sleep at once); {@code warmupRequests}:
     * its warmup.requests.
     */
    static RouterUnderTest start(String routesYaml, int ioThreads, int spinMicros, int warmupRequests)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("router-bench");
        Path routes = Files.writeString(dir.resolve("routes.yaml"), routesYaml);
        Path portFile = dir.resolve("port");
        List<String> command = new ArrayList<>();
        String cpus = System.getProperty("router.cpus", "");
        if (!cpus.isBlank()) {
            // the same pinning as nginx gets from run.sh (PROXY_CPUS)
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(RouterBenchmark.ROUTER_JVM_OPTIONS.trim().split("\\s+")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RouterProcess.class.getName(),
                routes.toString(), Integer.toString(ioThreads), portFile.toString(), Integer.toString(spinMicros),
                Integer.toString(warmupRequests)));
        // its stdout goes to our stderr: our stdout carries only the JSON result
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        new java.io.File("/dev/stderr")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long started = System.nanoTime();
        long deadline = started + READY_TIMEOUT_NANOS;
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the router process exited with " + process.exitValue()
                        + " before listening (see its log above)");
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the router process did not listen within 60 s");
            }
            Thread.sleep(50); // polling a file another process writes: nothing to await on
        }
        return new RouterUnderTest(process, dir, Integer.parseInt(Files.readString(portFile).trim()),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    int port() {
        return port;
    }

    /** From launching the JVM to its proxy port listening (JIT warm-up included). */
    long startMillis() {
        return startMillis;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
