package io.strangler.testsupport;

import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.internal.DatabaseParameters;
import io.strangler.testsupport.internal.SharedServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension: one embedded PostgreSQL 17 server per JVM ({@code wal_level=logical}), and a fresh database
 * per test class, owned by a user with REPLICATION. Resolves {@code @Postgres TestDatabase} parameters of
 * constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods, and {@code @Postgres} instance fields.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedPostgresExtension.class)
 * class CaptureIT {
 *     @Test
 *     void shouldCaptureInsert(@Postgres TestDatabase db) throws SQLException {
 *         try (Connection c = db.connect()) { ... }
 *     }
 * }
 * }</pre>
 * An un-annotated {@code TestDatabase} parameter resolves here too, unless it is marked {@link MariaDb}; an
 * {@link EmbeddedPostgres} parameter gets the shared server itself (a second database, superuser grants).
 */
public final class EmbeddedPostgresExtension implements ParameterResolver, TestInstancePostProcessor {

    private static final SharedServer<EmbeddedPostgres> SERVER =
            new SharedServer<>("PostgreSQL", () -> EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()));
    private static final DatabaseParameters DATABASES = new DatabaseParameters(EmbeddedPostgresExtension.class,
            context -> SERVER.get(context)::createDatabase);

    /** The shared server itself, e.g. for superuser access or its port. */
    public static EmbeddedPostgres server(ExtensionContext context) {
        return SERVER.get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedPostgres.class
                || type == TestDatabase.class && !parameterContext.isAnnotated(MariaDb.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        if (parameterContext.getParameter().getType() == EmbeddedPostgres.class) {
            return server(extensionContext); // the shared server itself, e.g. for a second database or superuser access
        }
        try {
            return DATABASES.databaseFor(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a PostgreSQL test database: " + e.getMessage(), e);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        DATABASES.injectFields(testInstance, context, Postgres.class);
    }
}
