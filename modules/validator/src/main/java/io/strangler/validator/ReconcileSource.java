package io.strangler.validator;

/**
 * Which side's rows a reconcile copies to the other side.
 * <ul>
 *   <li>{@link #MONOLITH}, {@link #SERVICE}: that side is authoritative for every mapping.</li>
 *   <li>{@link #STRATEGY}: per mapping, through its conflict strategy. {@code priority} names the side directly;
 *       {@code last-write-wins} and {@code column-merge} need commit times a batch comparison does not have, so they
 *       fall back to the strategy's priority side (the tie-breaker); {@code custom} resolvers cannot be evaluated
 *       and are refused.</li>
 * </ul>
 */
public enum ReconcileSource {
    MONOLITH,
    SERVICE,
    STRATEGY
}
