package io.strangler.sync;

import java.util.Map;

/**
 * Decides a conflict: both sides changed one logical row without having seen each other's change. Named in a
 * mapping's {@code conflict} section with {@code strategy: custom}; the sync loads the class by name (public, with a
 * public no-argument constructor), calls {@link #configure} once with the mapping's {@code params}, then
 * {@link #resolve} for every conflict of that mapping. Each stream task has its own instance, so an implementation
 * needs no locking; it must be deterministic and must not do I/O (a restarted task replays decisions).
 *
 * <p>A resolver that throws does not stop the sync: the conflict goes to {@code strangler.sync.dlq}, the agreed row
 * is kept and sent back to the side whose change was refused, so both sides still converge.
 *
 * <p>Example (docs/sync.md shows it, compiled and tested): the version with the higher {@code version} column wins, a
 * delete beats an update, ties go to the service.
 * <pre>{@code
 * public final class HigherVersionWins implements ConflictResolver {
 *     private String column = "version";
 *
 *     public void configure(Map<String, String> params) {
 *         column = params.getOrDefault("column", column);
 *     }
 *
 *     public Resolution resolve(ConflictInput conflict) {
 *         if (conflict.monolith().deleted()) {
 *             return Resolution.wins(Side.MONOLITH, "a delete beats an update");
 *         }
 *         if (conflict.service().deleted()) {
 *             return Resolution.wins(Side.SERVICE, "a delete beats an update");
 *         }
 *         long monolith = (Long) conflict.monolith().row().orElseThrow().get(column);
 *         long service = (Long) conflict.service().row().orElseThrow().get(column);
 *         return monolith > service ? Resolution.wins(Side.MONOLITH, "higher " + column)
 *                 : Resolution.wins(Side.SERVICE, "higher or equal " + column);
 *     }
 * }
 * }</pre>
 * and in the mappings file:
 * <pre>{@code
 * conflict:
 *   strategy: custom
 *   class: com.example.HigherVersionWins
 *   params:
 *     column: version
 * }</pre>
 */
public interface ConflictResolver {

    /** Receives the mapping's {@code params}; called once before the first {@link #resolve}. */
    default void configure(Map<String, String> params) {
    }

    /** The decision for one conflict; never null. */
    Resolution resolve(ConflictInput conflict);
}
