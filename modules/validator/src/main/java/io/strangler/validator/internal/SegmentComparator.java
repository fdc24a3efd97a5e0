package io.strangler.validator.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.validator.ColumnDifference;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.DiscrepancyKind;
import io.strangler.validator.ValidationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares one segment of one table on a pair of connections, by streaming merge or by checksum probes with
 * bisection down to merged leaves.
 */
public final class SegmentComparator {

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(SegmentComparator.class);

    private final TablePlan plan;
    private final int maxDetails;
    private final int leafRows;
    private final java.util.concurrent.atomic.AtomicBoolean dense = new java.util.concurrent.atomic.AtomicBoolean();

    public SegmentComparator(TablePlan plan, int maxDetails, int leafRows) {
        this.plan = plan;
        this.maxDetails = maxDetails;
        this.leafRows = leafRows;
    }

    /** Streams both sides of {@code segment} in key order and compares every row in the JVM. */
    public SegmentOutcome merge(Connection monolith, Connection service, Segment segment) {
        long started = System.nanoTime();
        long[] counts = new long[6]; // monolithRows, serviceRows, matching, missingOnService, missingOnMonolith, differing
        List<Discrepancy> details = new ArrayList<>();
        try (SideCursor m = open(monolith, Side.MONOLITH, segment); SideCursor s = open(service, Side.SERVICE, segment)) {
            boolean hasM = next(m);
            boolean hasS = next(s);
            while (hasM || hasS) {
                int order = !hasM ? 1 : !hasS ? -1 : plan.keyOrder().compare(m.key(), s.key());
                Discrepancy found = null;
                if (order < 0) {
                    counts[3]++;
                    if (details.size() < maxDetails) {
                        found = new Discrepancy(DiscrepancyKind.MISSING_ON_SERVICE, key(m.key()), row(m.values()), null, List.of());
                    }
                    hasM = next(m);
                } else if (order > 0) {
                    counts[4]++;
                    if (details.size() < maxDetails) {
                        found = new Discrepancy(DiscrepancyKind.MISSING_ON_MONOLITH, key(s.key()), null, row(s.values()), List.of());
                    }
                    hasS = next(s);
                } else {
                    List<ColumnDifference> differences = differences(m.values(), s.values());
                    if (differences.isEmpty()) {
                        counts[2]++;
                    } else {
                        counts[5]++;
                        if (details.size() < maxDetails) {
                            found = new Discrepancy(DiscrepancyKind.DIFFERENT, key(m.key()), row(m.values()),
                                    row(s.values()), differences);
                        }
                    }
                    hasM = next(m);
                    hasS = next(s);
                }
                if (found != null) {
                    details.add(found);
                }
            }
            counts[0] = m.rows();
            counts[1] = s.rows();
            endRead(monolith, service);
        } catch (SQLException e) {
            throw failure(segment, e);
        }
        LOGGER.debug("Merged {} segment {}: {} + {} rows in {} ms", plan.name(), segment.id(), counts[0], counts[1],
                (System.nanoTime() - started) / 1_000_000);
        boolean truncated = (counts[3] + counts[4] + counts[5]) > details.size();
        return new SegmentOutcome(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], details, truncated,
                counts[0] + counts[1]);
    }

    /**
     * Probes the segment's checksums on both sides; equal segments count as matching, differing ones are split and
     * probed again, and merged once they are small or when most of their children differ (dense differences: one
     * merge is cheaper than further probes).
     */
    public SegmentOutcome checksum(Connection monolith, Connection service, Segment segment) {
        if (dense.get()) {
            return merge(monolith, service, segment);
        }
        Checksum m = probe(monolith, Side.MONOLITH, segment);
        Checksum s = probe(service, Side.SERVICE, segment);
        return checksum(monolith, service, segment, m, s);
    }

    private SegmentOutcome checksum(Connection monolith, Connection service, Segment segment, Checksum m, Checksum s) {
        if (m.equals(s)) {
            return SegmentOutcome.matching(m.rows());
        }
        if (!segment.splittable() || Math.max(m.rows(), s.rows()) <= leafRows) {
            return merge(monolith, service, segment);
        }
        List<Segment> children = segment.split(8);
        List<Checksum[]> probes = new ArrayList<>();
        int differing = 0;
        for (Segment child : children) {
            Checksum[] pair = {probe(monolith, Side.MONOLITH, child), probe(service, Side.SERVICE, child)};
            probes.add(pair);
            differing += pair[0].equals(pair[1]) ? 0 : 1;
        }
        if (differing * 2 > children.size()) {
            // differences are spread everywhere: probing further costs more than it saves, for this segment and for
            // the table's remaining ones
            if (!dense.getAndSet(true)) {
                LOGGER.info("{}: differences are dense ({} of {} sub-segments of {} differ); merging the remaining segments",
                        plan.name(), differing, children.size(), segment.id());
            }
            return merge(monolith, service, segment);
        }
        SegmentOutcome outcome = SegmentOutcome.EMPTY;
        for (int i = 0; i < children.size(); i++) {
            outcome = outcome.plus(checksum(monolith, service, children.get(i), probes.get(i)[0], probes.get(i)[1]), maxDetails);
        }
        return outcome;
    }

    /** Row count and two 60-bit sums of the per-row MD5 of one side's segment. */
    record Checksum(long rows, String sum1, String sum2) {
    }

    private Checksum probe(Connection connection, Side side, Segment segment) {
        String sql = Sql.checksumQuery(plan.side(side), plan.rowText(side).orElseThrow(), plan.where(side, segment));
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            Checksum checksum = new Checksum(rs.getLong(1), rs.getString(2), rs.getString(3));
            connection.commit();
            return checksum;
        } catch (SQLException e) {
            throw failure(segment, e);
        }
    }

    private SideCursor open(Connection connection, Side side, Segment segment) throws SQLException {
        return new SideCursor(connection, plan, plan.side(side), segment);
    }

    private static boolean next(SideCursor cursor) throws SQLException {
        return cursor.next();
    }

    private static void endRead(Connection monolith, Connection service) throws SQLException {
        monolith.commit();
        service.commit();
    }

    private List<ColumnDifference> differences(Object[] m, Object[] s) {
        List<ColumnDifference> out = null;
        for (int i = 0; i < m.length; i++) {
            if (!Objects.equals(m[i], s[i])) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(new ColumnDifference(plan.logicalColumns().get(i), m[i], s[i]));
            }
        }
        return out == null ? List.of() : out;
    }

    private CanonicalKey key(Object[] key) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < key.length; i++) {
            values.put(plan.logicalKey().get(i), key[i]);
        }
        return CanonicalKey.of(values);
    }

    private CanonicalRow row(Object[] values) {
        CanonicalRow.Builder builder = CanonicalRow.builder();
        for (int i = 0; i < values.length; i++) {
            builder.put(plan.logicalColumns().get(i), values[i]);
        }
        return builder.build();
    }

    private ValidationException failure(Segment segment, SQLException e) {
        return new ValidationException("mapping '" + plan.name() + "', segment " + segment.id() + ": reading "
                + plan.monolith().qualifiedName() + " / " + plan.service().qualifiedName() + " failed: " + e.getMessage()
                + " (SQLSTATE " + e.getSQLState() + ")", e);
    }
}
