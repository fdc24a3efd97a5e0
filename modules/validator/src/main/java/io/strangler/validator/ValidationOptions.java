package io.strangler.validator;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a validation runs.
 *
 * @param mode               comparison mode ({@link ValidationMode#AUTO} by default)
 * @param parallelism        segments compared at the same time (each holds one connection per side)
 * @param segments           top-level segments per table for integer keys; 0 = choose from the table size
 * @param leafRows           in checksum mode, a differing segment with at most this many rows is merged, not split
 * @param autoChecksumMinRows in {@link ValidationMode#AUTO}, tables with fewer estimated rows are merged directly (and
 *                           every table is when both databases are on loopback)
 * @param maxDetails         discrepancies listed per table (all are counted); reconcile needs the full list
 * @param checkpoint         file recording finished segments so an interrupted run resumes; null for none
 * @param progress           receives progress after each segment
 * @param foreignKeys        also look, on each side, for rows of the validated tables whose foreign key names a missing
 *                           parent (orphans: the apply sinks write with foreign keys off). Off by default: while the
 *                           sync runs, a child may arrive before its parent and show as a passing orphan; use it on
 *                           quiesced databases
 */
public record ValidationOptions(ValidationMode mode, int parallelism, int segments, int leafRows,
                                long autoChecksumMinRows, int maxDetails, Path checkpoint, ProgressListener progress,
                                boolean foreignKeys) {

    public ValidationOptions {
        Objects.requireNonNull(mode, "mode");
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1..64, got " + parallelism);
        }
        if (segments < 0 || segments > 4096) {
            throw new IllegalArgumentException("segments must be 0 (automatic) .. 4096, got " + segments);
        }
        if (leafRows < 1) {
            throw new IllegalArgumentException("leafRows must be positive, got " + leafRows);
        }
        if (autoChecksumMinRows < 0) {
            throw new IllegalArgumentException("autoChecksumMinRows must be >= 0, got " + autoChecksumMinRows);
        }
        if (maxDetails < 0) {
            throw new IllegalArgumentException("maxDetails must be >= 0, got " + maxDetails);
        }
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /**
     * AUTO, 2 parallel segments, automatic segment count, 2,000-row leaves, checksum from 100,000 rows, 10,000 details,
     * no foreign-key check.
     */
    public static ValidationOptions defaults() {
        return new ValidationOptions(ValidationMode.AUTO, 2, 0, 2_000, 100_000, 10_000, null, ProgressListener.NONE, false);
    }

    public ValidationOptions withMode(ValidationMode value) {
        return new ValidationOptions(value, parallelism, segments, leafRows, autoChecksumMinRows, maxDetails, checkpoint, progress, foreignKeys);
    }

    public ValidationOptions withParallelism(int value) {
        return new ValidationOptions(mode, value, segments, leafRows, autoChecksumMinRows, maxDetails, checkpoint, progress, foreignKeys);
    }

    public ValidationOptions withSegments(int value) {
        return new ValidationOptions(mode, parallelism, value, leafRows, autoChecksumMinRows, maxDetails, checkpoint, progress, foreignKeys);
    }

    public ValidationOptions withLeafRows(int value) {
        return new ValidationOptions(mode, parallelism, segments, value, autoChecksumMinRows, maxDetails, checkpoint, progress, foreignKeys);
    }

    public ValidationOptions withMaxDetails(int value) {
        return new ValidationOptions(mode, parallelism, segments, leafRows, autoChecksumMinRows, value, checkpoint, progress, foreignKeys);
    }

    public ValidationOptions withCheckpoint(Path value) {
        return new ValidationOptions(mode, parallelism, segments, leafRows, autoChecksumMinRows, maxDetails, value, progress, foreignKeys);
    }

    public ValidationOptions withProgress(ProgressListener value) {
        return new ValidationOptions(mode, parallelism, segments, leafRows, autoChecksumMinRows, maxDetails, checkpoint, value, foreignKeys);
    }

    public ValidationOptions withForeignKeys(boolean value) {
        return new ValidationOptions(mode, parallelism, segments, leafRows, autoChecksumMinRows, maxDetails, checkpoint, progress, value);
    }
}
