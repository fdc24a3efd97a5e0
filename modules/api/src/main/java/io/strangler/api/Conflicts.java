package io.strangler.api;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Side;
import io.strangler.sync.ConflictResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;

/**
 * The conflict strategies of docs/sync.md, for {@link SyncEngine.Builder#strategy} and
 * {@link TableMapping#withStrategy}.
 * They are the {@link ConflictStrategy} values a mappings file's {@code conflict:} section parses into, so a sync built
 * here decides exactly as {@code strangler sync} does on the equivalent file.
 *
 * <pre>{@code
 * Conflicts.lastWriteWins(Duration.ofMillis(250), Side.MONOLITH)   // newer commit wins, ties to the monolith
 * Conflicts.priority(Side.SERVICE)                                  // the service always wins
 * Conflicts.custom(HigherVersionWins.class, Map.of("column", "version"))
 * }</pre>
 */
public final class Conflicts {

    private Conflicts() {
    }

    /** The default: last write wins, commits within 100 ms go to the monolith. */
    public static ConflictStrategy lastWriteWins() {
        return ConflictStrategy.DEFAULT;
    }

    /** The newer commit wins; commits closer than {@code clockSkewWindow} are a tie won by {@code priority}. */
    public static ConflictStrategy lastWriteWins(Duration clockSkewWindow, Side priority) {
        return new ConflictStrategy.LastWriteWins(clockSkewWindow, priority);
    }

    /** {@code side} always wins. */
    public static ConflictStrategy priority(Side side) {
        return new ConflictStrategy.Priority(side);
    }

    /** Each column takes its newest write; ties as for {@link #lastWriteWins(Duration, Side)}. */
    public static ConflictStrategy columnMerge(Duration clockSkewWindow, Side priority) {
        return new ConflictStrategy.ColumnMerge(clockSkewWindow, priority);
    }

    /**
     * A resolver of your own, plugged into the sync's {@code custom} strategy: the sync loads {@code resolver} by name
     * in each stream task and calls {@link ConflictResolver#configure} with {@code params}, as for
     * {@code strategy: custom} in a mappings file. Checked here, once, the same way (a public class with a public
     * no-argument constructor that accepts {@code params}), so a mistake fails at build time instead of at the first
     * conflict.
     *
     * @throws InvalidSettingException naming {@code conflict.class} or {@code conflict.params}
     */
    public static ConflictStrategy custom(Class<? extends ConflictResolver> resolver, Map<String, String> params) {
        InvalidSettingException.require("conflict.class", resolver, "a ConflictResolver class");
        Map<String, String> copy = Map.copyOf(InvalidSettingException.require("conflict.params", params,
                "Map.of() for none"));
        String name = resolver.getName();
        if (!Modifier.isPublic(resolver.getModifiers()) || Modifier.isAbstract(resolver.getModifiers())
                || resolver.isLocalClass() || resolver.isAnonymousClass()
                || (resolver.isMemberClass() && !Modifier.isStatic(resolver.getModifiers()))) {
            throw new InvalidSettingException("conflict.class", name + " must be a public, concrete, top-level or"
                    + " static nested class: the sync creates one per stream task by name");
        }
        ConflictResolver probe;
        try {
            probe = resolver.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new InvalidSettingException("conflict.class", name + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new InvalidSettingException("conflict.class", "constructing " + name + " failed: " + e.getCause(),
                    e.getCause());
        }
        try {
            probe.configure(copy);
        } catch (RuntimeException e) {
            throw new InvalidSettingException("conflict.params", name + " rejected " + copy + ": " + e.getMessage(), e);
        }
        return new ConflictStrategy.Custom(name, copy);
    }
}
