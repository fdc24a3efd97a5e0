package io.strangler.apply.internal;

/**
 * Points inside a batch transaction where tests inject faults, e.g. throw after N statements to simulate a crash
 * before the commit. Production uses {@link #NONE}.
 */
public interface ApplyHooks {

    ApplyHooks NONE = new ApplyHooks() {
    };

    /** After a group of statements ran inside the open transaction; {@code executed} counts this batch's statements. */
    default void afterStatements(int executed) {
    }

    /** After the offsets were written, just before the commit. */
    default void beforeCommit() {
    }

    /** After the database commit, before Kafka is told. */
    default void afterCommit() {
    }
}
