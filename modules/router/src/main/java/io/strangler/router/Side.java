package io.strangler.router;

/** The two sides of a route: the monolith ({@link #STABLE}) and the new service ({@link #CANDIDATE}). */
public enum Side {
    STABLE,
    CANDIDATE;

    public Side other() {
        return this == STABLE ? CANDIDATE : STABLE;
    }
}
