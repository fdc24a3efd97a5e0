package io.strangler.embedded.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Instance directories are named {@code <prefix><jvm pid>-<random>}. A directory whose JVM is gone was left by
 * a killed JVM: its server (found through the pid file) is killed and the directory deleted.
 */
public final class StaleServers {

    private static final Logger LOGGER = LoggerFactory.getLogger(StaleServers.class);

    private StaleServers() {
    }

    /** The directory name prefix for a new instance of this JVM. */
    public static String instancePrefix(String prefix) {
        return prefix + ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes stale instances under {@code baseDir}.
     *
     * @param pidFile relative path of the server's pid file inside an instance dir (first line = pid)
     * @param command the server's executable name, checked before killing a pid that may have been reused
     */
    public static void clean(Path baseDir, String prefix, String pidFile, String command) {
        if (!Files.isDirectory(baseDir)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(baseDir, prefix + "*")) {
            for (Path dir : dirs) {
                ownerPid(dir.getFileName().toString(), prefix)
                        .filter(pid -> ProcessHandle.of(pid).isEmpty())
                        .ifPresent(pid -> cleanOne(dir, pid, pidFile, command));
            }
        } catch (IOException e) {
            LOGGER.debug("Could not scan {} for stale servers: {}", baseDir, e.toString());
        }
    }

    private static void cleanOne(Path dir, long deadJvm, String pidFile, String command) {
        serverPid(dir.resolve(pidFile)).flatMap(ProcessHandle::of)
                .filter(process -> process.info().command().map(c -> c.endsWith("/" + command)).orElse(false))
                .ifPresent(process -> {
                    LOGGER.warn("Killing {} (pid {}) left running by dead JVM {} in {}", command, process.pid(),
                            deadJvm, dir);
                    process.destroyForcibly();
                    process.onExit().join();
                });
        IOException failure = Dirs.deleteQuietly(dir);
        if (failure == null) {
            LOGGER.info("Deleted stale embedded server directory {}", dir);
        }
    }

    private static Optional<Long> ownerPid(String name, String prefix) {
        String rest = name.substring(prefix.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 ? Optional.of(Long.parseLong(rest.substring(0, dash))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> serverPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
