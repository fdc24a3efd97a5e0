package io.strangler.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts native server processes. When the JVM runs as root the command runs as {@code nobody} through
 * {@code setpriv} (PostgreSQL refuses root; user namespaces may be blocked, so {@code unshare -U} is not relied on).
 * Server processes get a parent-death signal so a killed JVM does not leave them running.
 */
public final class ProcessLauncher {

    /** uid/gid of nobody/nogroup on Debian, Ubuntu, RHEL and Alpine. */
    public static final int NOBODY = 65_534;

    /**
     * The parent-death signal fires when the thread that forked the child ends, not the process. Forking from
     * one long-lived thread keeps servers alive while pooled test threads come and go.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strangler-process-launcher");
        thread.setDaemon(true);
        return thread;
    });

    private static final boolean ROOT = detectRoot();
    private static final boolean SETPRIV = Files.isExecutable(Path.of("/usr/bin/setpriv"))
            || Files.isExecutable(Path.of("/bin/setpriv"));

    private ProcessLauncher() {
    }

    public static boolean runningAsRoot() {
        return ROOT;
    }

    /**
     * Starts {@code command}, dropped to nobody when root, with stdout and stderr appended to {@code log}.
     *
     * @param deathSignal signal name sent to the process when the JVM dies, or {@code null} for none
     */
    public static Process start(List<String> command, Path workDir, Path log, Map<String, String> env,
                                String deathSignal) throws IOException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            if (!SETPRIV) {
                throw new IOException("the JVM runs as root and setpriv (util-linux) is not installed: it is needed"
                        + " to run " + command.get(0) + " as user nobody");
            }
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        } else if (SETPRIV && deathSignal != null) {
            full.add("setpriv");
        }
        if (!full.isEmpty() && deathSignal != null) {
            full.addAll(List.of("--pdeathsig", deathSignal));
        }
        if (!full.isEmpty()) {
            full.add("--");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PG") || key.startsWith("LC_") || key.equals("LANG"));
        builder.environment().putAll(env);
        Future<Process> started = LAUNCHER.submit(builder::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + command.get(0), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + command.get(0), e);
        }
    }

    /** Makes {@code path} owned by nobody when root, so the dropped server can use it. */
    public static void giveToServerUser(Path path) throws IOException {
        if (ROOT) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
    }

    /** Sends a signal by name (e.g. INT) to a process; root may signal nobody's processes. */
    public static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean detectRoot() {
        try {
            // /proc/self is owned by the process's effective uid
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
