package io.strangler.sync;

import io.strangler.core.config.ConfigFiles;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the sync from a properties file: {@code java io.strangler.sync.SyncMain sync.properties}. */
public final class SyncMain {

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncMain.class);

    private SyncMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            LOGGER.error("Usage: SyncMain <sync.properties>");
            System.exit(2);
        }
        SyncConfig config = ConfigFiles.load(Path.of(args[0]), SyncConfig::new);
        LOGGER.info("Starting the sync with {}", config);
        SyncApp sync = SyncApp.fromConfig(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sync.close();
            stopped.countDown();
        }, "sync-shutdown"));
        sync.start();
        stopped.await();
    }
}
