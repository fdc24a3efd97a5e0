package io.strangler.router.perf;

import io.strangler.router.RouterConfig;
import io.strangler.router.StranglerRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * perf/05-router: the router in its own JVM, as nginx runs in its own process, so it shares no heap, GC or JIT with
 * the load generator. Writes the proxy port to a file once listening and runs until its standard input closes (the
 * benchmark JVM holds the other end: when that JVM dies, so does this one).
 *
 * <pre>{@code
 * java -XX:+UseParallelGC -cp <classpath> io.strangler.router.perf.RouterProcess routes.yaml 1 port.txt 0 20000
 * }</pre>
 */
public final class RouterProcess {

    private static final Logger LOGGER = LoggerFactory.getLogger(RouterProcess.class);

    private RouterProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: RouterProcess <routes.yaml> <io.threads> <port file> "
                    + "<io.poll.spin.micros> <warmup.requests>");
        }
        Path portFile = Path.of(args[2]);
        try (StranglerRouter router = StranglerRouter.start(new RouterConfig(Map.of(
                RouterConfig.LISTEN_HOST, "127.0.0.1", RouterConfig.LISTEN_PORT, 0, RouterConfig.ADMIN_PORT, 0,
                RouterConfig.ADMIN_TOKEN, "benchmark-token-0123456789", RouterConfig.IO_THREADS, args[1],
                RouterConfig.IO_POLL_SPIN_MICROS, args[3], RouterConfig.WARMUP_REQUESTS, args[4],
                RouterConfig.ROUTES_FILE, args[0],
                // the benchmark's rounds leave a scenario's connections idle for minutes: keep them, as nginx does
                RouterConfig.CLIENT_IDLE_TIMEOUT_MS, 3_600_000)))) {
            // written then moved, so the parent never reads a half-written port
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(router.port()));
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
            LOGGER.info("Benchmark router ready on port {} (routes {}, io.threads {})", router.port(), args[0],
                    args[1]);
            while (System.in.read() >= 0) {
                // drain: only the end of the stream matters
            }
        }
        System.exit(0);
    }
}
