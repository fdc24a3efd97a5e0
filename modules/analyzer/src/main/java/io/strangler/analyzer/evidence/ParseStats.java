package io.strangler.analyzer.evidence;

import java.util.List;
import java.util.Map;

/**
 * How well a workload source could be read; shown in every report so that a low-evidence result is not mistaken for a
 * confident one.
 *
 * @param statements          statements seen (weighted by calls for pg_stat_statements)
 * @param dataStatements      statements that touched at least one catalogue table
 * @param ignored             transaction control, SET, DDL and the like
 * @param unparseable         statements JSqlParser could not parse; never fatal
 * @param unknownOnly         parsed statements that touched only tables outside the catalogue
 * @param unparseableSamples  up to {@link #SAMPLES} of them, shortened
 * @param unknownTables       names outside the catalogue with how often they occurred (the most frequent first)
 * @param rolledBack          transactions that ended in ROLLBACK (their writes are not evidence)
 * @param unterminated        transactions still open at the end of the input (dropped)
 */
public record ParseStats(long statements, long dataStatements, long ignored, long unparseable, long unknownOnly,
        List<String> unparseableSamples, Map<String, Long> unknownTables, long rolledBack, long unterminated) {

    public static final int SAMPLES = 5;
    public static final ParseStats EMPTY = new ParseStats(0, 0, 0, 0, 0, List.of(), Map.of(), 0, 0);

    public ParseStats {
        unparseableSamples = List.copyOf(unparseableSamples);
        unknownTables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownTables));
    }

    public ParseStats plus(ParseStats other) {
        List<String> samples = java.util.stream.Stream.concat(unparseableSamples.stream(),
                other.unparseableSamples.stream()).limit(SAMPLES).toList();
        Map<String, Long> unknown = new java.util.HashMap<>(unknownTables);
        other.unknownTables.forEach((name, count) -> unknown.merge(name, count, Long::sum));
        return new ParseStats(statements + other.statements, dataStatements + other.dataStatements,
                ignored + other.ignored, unparseable + other.unparseable, unknownOnly + other.unknownOnly, samples,
                topCounts(unknown), rolledBack + other.rolledBack, unterminated + other.unterminated);
    }

    static Map<String, Long> topCounts(Map<String, Long> counts) {
        Map<String, Long> top = new java.util.LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(20).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
