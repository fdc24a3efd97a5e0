package io.strangler.sync;

/** A custom resolver for tests that always fails. */
public final class ThrowingResolver implements ConflictResolver {

    @Override
    public Resolution resolve(ConflictInput conflict) {
        throw new IllegalStateException("resolver bug on " + conflict.key());
    }
}
