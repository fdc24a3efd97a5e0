package io.strangler.testsupport.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Finds the test-class level context and derives per-class unique names. */
public final class ClassScope {

    private static final AtomicLong COUNTER = new AtomicLong();

    private ClassScope() {
    }

    /**
     * The context of the test class, whatever the injection point (constructor, @BeforeAll, test method), so that
     * everything resolved for one class shares one database or topic namespace.
     */
    public static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** {@code t_<class>_<n>}: a lower-case SQL identifier unique in this JVM (and random across JVMs). */
    public static String uniqueDatabaseName(ExtensionContext classContext) {
        String simple = classContext.getTestClass().map(Class::getSimpleName).orElse("test")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (simple.length() > 30) {
            simple = simple.substring(0, 30);
        }
        return "t_" + simple + "_" + COUNTER.incrementAndGet();
    }

    public static long next() {
        return COUNTER.incrementAndGet();
    }
}
