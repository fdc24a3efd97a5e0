package io.strangler.sync.internal;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.sync.CommitPrecision;
import io.strangler.sync.ConflictInput;
import io.strangler.sync.ConflictResolver;
import io.strangler.sync.ConflictVersion;
import io.strangler.sync.Resolution;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Objects;

/** The built-in strategies as {@link ConflictResolver}s, and the loading of custom ones. */
public final class Resolvers {

    private Resolvers() {
    }

    /**
     * A fresh resolver for {@code strategy}.
     *
     * @throws MappingException naming the mapping and the class when a custom resolver cannot be loaded
     */
    public static ConflictResolver create(String mapping, ConflictStrategy strategy) {
        return create(mapping, strategy, CommitPrecision.EXACT);
    }

    /** As {@link #create(String, ConflictStrategy)}, comparing commit times at each side's {@code precision}. */
    public static ConflictResolver create(String mapping, ConflictStrategy strategy, CommitPrecision precision) {
        if (strategy instanceof ConflictStrategy.LastWriteWins lww) {
            return new LastWriteWins(new Clocks(micros(lww.clockSkewWindow()), precision), lww.prioritySide());
        }
        if (strategy instanceof ConflictStrategy.Priority priority) {
            return conflict -> Resolution.wins(priority.side(),
                    "priority: the " + priority.side().label() + " side always wins");
        }
        if (strategy instanceof ConflictStrategy.ColumnMerge merge) {
            return new ColumnMerge(new Clocks(micros(merge.clockSkewWindow()), precision), merge.prioritySide());
        }
        return load(mapping, (ConflictStrategy.Custom) strategy);
    }

    private static ConflictResolver load(String mapping, ConflictStrategy.Custom custom) {
        try {
            ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                    Resolvers.class.getClassLoader());
            Class<?> type = Class.forName(custom.className(), true, loader);
            if (!ConflictResolver.class.isAssignableFrom(type)) {
                throw new MappingException(mapping, "conflict.class", "class " + custom.className()
                        + " does not implement " + ConflictResolver.class.getName());
            }
            ConflictResolver resolver = (ConflictResolver) type.getConstructor().newInstance();
            resolver.configure(custom.params());
            return resolver;
        } catch (ClassNotFoundException e) {
            throw new MappingException(mapping, "conflict.class", "class " + custom.className()
                    + " is not on the class path");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new MappingException(mapping, "conflict.class", "class " + custom.className()
                    + " needs a public no-argument constructor (" + e.getClass().getSimpleName() + ")");
        } catch (InvocationTargetException e) {
            throw new MappingException(mapping, "conflict.class", "constructing " + custom.className() + " failed: "
                    + e.getCause());
        } catch (RuntimeException e) {
            if (e instanceof MappingException) {
                throw e;
            }
            throw new MappingException(mapping, "conflict.params", "resolver " + custom.className()
                    + " rejected its params: " + e.getMessage());
        }
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    /**
     * When a version says it was written: snapshot rows carry the time they were read, which says nothing about
     * their age, so they count as older than any live change.
     */
    static long effectiveMicros(ConflictVersion version, long micros) {
        return version.fromSnapshot() ? Long.MIN_VALUE : micros;
    }

    /**
     * The clock-skew window and each side's commit-time precision: a time {@code t} of a side with precision
     * {@code p} means some instant in {@code [t, t + p)}.
     */
    record Clocks(long windowMicros, CommitPrecision precision) {

        /** Whether two write times are too close to order: their intervals, widened by the window, overlap. */
        boolean tie(long monolith, long service) {
            if (monolith == Long.MIN_VALUE || service == Long.MIN_VALUE) {
                return monolith == service;
            }
            long monolithLatest = monolith + precision.micros(Side.MONOLITH) - 1;
            long serviceLatest = service + precision.micros(Side.SERVICE) - 1;
            return monolith <= serviceLatest + windowMicros && service <= monolithLatest + windowMicros;
        }

        String describe() {
            return "the clock-skew window of " + windowMicros + " µs"
                    + (precision.equals(CommitPrecision.EXACT) ? "" : " at commit-time precisions of "
                    + precision.micros(Side.MONOLITH) + " µs (monolith) and " + precision.micros(Side.SERVICE)
                    + " µs (service)");
        }
    }

    record LastWriteWins(Clocks clocks, Side priority) implements ConflictResolver {
        @Override
        public Resolution resolve(ConflictInput conflict) {
            long monolith = effectiveMicros(conflict.monolith(), conflict.monolith().commitMicros());
            long service = effectiveMicros(conflict.service(), conflict.service().commitMicros());
            return newer(monolith, service, clocks, priority, "commit");
        }
    }

    static Resolution newer(long monolith, long service, Clocks clocks, Side priority, String what) {
        if (clocks.tie(monolith, service)) {
            return Resolution.wins(priority, what + " times within " + clocks.describe() + " (monolith "
                    + show(monolith) + ", service " + show(service) + "): the priority side " + priority.label()
                    + " wins");
        }
        Side winner = monolith > service ? Side.MONOLITH : Side.SERVICE;
        return Resolution.wins(winner, "newer " + what + " wins (monolith " + show(monolith) + ", service "
                + show(service) + ")");
    }

    private static String show(long micros) {
        return micros == Long.MIN_VALUE ? "snapshot" : Long.toString(micros);
    }

    /** Each column takes its newest write; a delete against an update is decided by the newest write of the row. */
    record ColumnMerge(Clocks clocks, Side priority) implements ConflictResolver {
        @Override
        public Resolution resolve(ConflictInput conflict) {
            ConflictVersion monolith = conflict.monolith();
            ConflictVersion service = conflict.service();
            if (monolith.deleted() || service.deleted()) {
                return newer(newestWrite(monolith), newestWrite(service), clocks, priority, "row write");
            }
            CanonicalRow monolithRow = monolith.row().orElseThrow();
            CanonicalRow serviceRow = service.row().orElseThrow();
            CanonicalRow.Builder merged = CanonicalRow.builder();
            int fromMonolith = 0;
            int fromService = 0;
            for (String column : monolithRow.columns()) {
                Object m = monolithRow.get(column);
                Object s = serviceRow.get(column);
                Side take;
                if (Objects.equals(m, s)) {
                    take = null;
                } else {
                    Long wm = written(monolith, column);
                    Long ws = written(service, column);
                    if (wm == null && ws == null) {
                        take = priority;
                    } else if (wm == null) {
                        take = Side.SERVICE;
                    } else if (ws == null) {
                        take = Side.MONOLITH;
                    } else if (clocks.tie(wm, ws)) {
                        take = priority;
                    } else {
                        take = wm > ws ? Side.MONOLITH : Side.SERVICE;
                    }
                }
                if (take == Side.MONOLITH) {
                    fromMonolith++;
                } else if (take == Side.SERVICE) {
                    fromService++;
                }
                merged.put(column, take == Side.SERVICE ? s : m);
            }
            String reason = "column merge: " + fromMonolith + " differing column(s) from the monolith, " + fromService
                    + " from the service (newest write per column)";
            if (fromService == 0) {
                return Resolution.wins(Side.MONOLITH, reason);
            }
            if (fromMonolith == 0) {
                return Resolution.wins(Side.SERVICE, reason);
            }
            return Resolution.merged(merged.build(), reason);
        }

        private static Long written(ConflictVersion version, String column) {
            Long micros = version.columnWriteMicros().get(column);
            return micros == null ? null : effectiveMicros(version, micros);
        }

        private static long newestWrite(ConflictVersion version) {
            long newest = effectiveMicros(version, version.commitMicros());
            for (long micros : version.columnWriteMicros().values()) {
                newest = Math.max(newest, effectiveMicros(version, micros));
            }
            return newest;
        }
    }
}
