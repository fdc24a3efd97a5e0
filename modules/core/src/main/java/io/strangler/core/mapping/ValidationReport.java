package io.strangler.core.mapping;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@link MappingValidator} found for one mapping; {@code resolved} is present when there are no errors. */
public record ValidationReport(String mapping, List<ValidationIssue> errors, List<ValidationIssue> warnings,
        Optional<ResolvedMapping> resolved) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (errors.isEmpty() != resolved.isPresent()) {
            throw new IllegalArgumentException("a report has a resolved mapping exactly when it has no errors");
        }
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Returns the resolved mapping, or throws a {@link MappingException} listing every error. */
    public ResolvedMapping orThrow() {
        if (isValid()) {
            return resolved.orElseThrow();
        }
        String detail = errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n  "
                + errors.stream().map(ValidationIssue::toString).collect(Collectors.joining("\n  "));
        throw new MappingException(mapping, null, detail);
    }
}
