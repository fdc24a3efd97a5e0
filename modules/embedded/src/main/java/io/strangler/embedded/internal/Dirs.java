package io.strangler.embedded.internal;

import io.strangler.embedded.EmbeddedServerException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Directory helpers: create-and-prove-writable, recursive delete. */
public final class Dirs {

    private Dirs() {
    }

    /**
     * Creates {@code dir} (and parents) and proves it is writable by creating a probe file. Root passes every
     * permission check, so only a real write tells a read-only mount or a path under a regular file apart.
     */
    public static Path ensureWritable(Path dir, String purpose) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".write-probe", ".tmp");
            Files.delete(probe);
            return absolute;
        } catch (IOException | SecurityException e) {
            throw new EmbeddedServerException("cannot use " + absolute + " as " + purpose + ": it is not a writable"
                    + " directory (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** Creates a fresh, uniquely named directory under {@code parent}, which must be writable. */
    public static Path createUnique(Path parent, String prefix, String purpose) {
        Path base = ensureWritable(parent, purpose);
        try {
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new EmbeddedServerException("cannot create a directory under " + base + " for " + purpose
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes a tree, ignoring files that vanish concurrently; failures are returned, not thrown. */
    public static IOException deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return null;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** Sets POSIX permissions, e.g. {@code "rwxr-xr-x"}. */
    public static void chmod(Path path, String permissions) throws IOException {
        Set<PosixFilePermission> perms = java.nio.file.attribute.PosixFilePermissions.fromString(permissions);
        Files.setPosixFilePermissions(path, perms);
    }
}
