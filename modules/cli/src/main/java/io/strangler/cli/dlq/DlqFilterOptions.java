package io.strangler.cli.dlq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine.Option;

/** The selection flags {@code strangler dlq list} and {@code replay} share. */
final class DlqFilterOptions {

    @Option(names = "--component", paramLabel = "NAME", split = ",",
            description = "Only dead letters of these components (repeatable or comma-separated): capture, apply,"
                    + " sync, replicate.")
    List<String> components = new ArrayList<>();

    @Option(names = "--table", paramLabel = "TABLE", split = ",",
            description = "Only dead letters of these tables, as schema.table or the table name alone (repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME|AGE", converter = SinceConverter.class,
            description = "Only dead letters that failed at or after TIME (ISO-8601 UTC, e.g. 2026-12-07T09:00:00Z)"
                    + " or within AGE (e.g. 30m, 2h, 7d).")
    Instant since;

    @Option(names = "--limit", paramLabel = "N", description = "At most the first N matching dead letters (replay: the"
            + " first N it can send, already replayed ones not counted).")
    Integer limit;

    DlqFilter filter(List<String> positions) {
        return new DlqFilter(Set.copyOf(components), Set.copyOf(tables), Optional.ofNullable(since),
                Set.copyOf(positions), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }
}
