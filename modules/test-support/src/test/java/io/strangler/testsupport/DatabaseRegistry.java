package io.strangler.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records which database each test class received, so tests can prove classes are isolated. */
final class DatabaseRegistry {

    static final Map<Class<?>, TestDatabase> POSTGRES = new ConcurrentHashMap<>();
    static final Map<Class<?>, TestDatabase> MARIADB = new ConcurrentHashMap<>();

    private DatabaseRegistry() {
    }
}
