package io.strangler.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A processor ({@code SyncMain}, {@code CaptureProcessor}) in its own JVM on the test class path, configured by a
 * properties file, so that a test can kill it with SIGKILL: no shutdown hook, no final commit, no lease given back.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Writes {@code config} to {@code dir/<name>.properties} and starts {@code mainClass} on it, output to a log. */
    static ChildJvm start(String name, Class<?> mainClass, Map<String, String> config, Path dir) {
        try {
            Path file = dir.resolve(name + ".properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, name);
            }
            Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", classpath, mainClass.getName(), file.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
