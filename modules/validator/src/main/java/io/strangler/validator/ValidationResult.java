package io.strangler.validator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a validation run. A run that fails throws {@link ValidationException} instead, so a result is
 * always complete: every segment of every requested table was compared.
 *
 * @param runId    identifies the run; kept when a run resumes from its checkpoint
 * @param started  when the run (or the run it resumed) started
 * @param finished when it finished
 * @param tables   one entry per requested mapping, in request order
 */
public record ValidationResult(String runId, Instant started, Instant finished, List<TableValidation> tables) {

    public ValidationResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        tables = List.copyOf(tables);
    }

    public long distinctKeys() {
        return tables.stream().mapToLong(TableValidation::distinctKeys).sum();
    }

    public long matchingRows() {
        return tables.stream().mapToLong(TableValidation::matchingRows).sum();
    }

    public long discrepancyCount() {
        return tables.stream().mapToLong(TableValidation::discrepancyCount).sum();
    }

    /** Matching keys over all tables as a percentage of distinct keys; 100 when everything is empty. */
    public double consistencyPercent() {
        long keys = distinctKeys();
        return keys == 0 ? 100.0 : 100.0 * matchingRows() / keys;
    }

    public boolean consistent() {
        return discrepancyCount() == 0;
    }
}
