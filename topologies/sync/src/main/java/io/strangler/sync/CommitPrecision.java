package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.Engine;
import java.time.Duration;
import java.util.Objects;

/**
 * How precise each side's commit times are. PostgreSQL stamps a commit to the microsecond; MariaDB's and MySQL's
 * binlog stamps an event to the second (and with the statement's start), so a MariaDB write stamped 10 s happened
 * somewhere in [10 s, 11 s). Last-write-wins and column merge compare such intervals, not points: two writes whose
 * intervals come within the clock-skew window of each other are a tie, won by the priority side, instead of being
 * ordered by the digits a coarse clock does not have.
 *
 * @param monolith the resolution of the monolith's commit times
 * @param service  the resolution of the service's
 */
public record CommitPrecision(Duration monolith, Duration service) {

    /** Both sides stamp commits to the microsecond. */
    public static final CommitPrecision EXACT = new CommitPrecision(Duration.ofNanos(1_000), Duration.ofNanos(1_000));

    public CommitPrecision {
        Objects.requireNonNull(monolith, "monolith");
        Objects.requireNonNull(service, "service");
        if (monolith.toNanos() < 1_000 || service.toNanos() < 1_000) {
            throw new IllegalArgumentException("commit precision must be at least 1 µs, got " + monolith + " / " + service);
        }
    }

    /** The precision of commit times captured from each side's engine. */
    public static CommitPrecision of(Engine monolith, Engine service) {
        return new CommitPrecision(of(monolith), of(service));
    }

    private static Duration of(Engine engine) {
        return engine == Engine.POSTGRESQL ? Duration.ofNanos(1_000) : Duration.ofSeconds(1);
    }

    /** {@code side}'s resolution in microseconds. */
    public long micros(Side side) {
        return (side == Side.MONOLITH ? monolith : service).toNanos() / 1_000;
    }
}
