package io.strangler.testsupport;

import io.strangler.embedded.EmbeddedMariaDb;
import io.strangler.testsupport.internal.DatabaseParameters;
import io.strangler.testsupport.internal.SharedServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension: one embedded MariaDB 11.4 server per JVM (binlog ROW, FULL row image), and a fresh database
 * per test class, owned by a user with the replication privileges CDC needs. Resolves {@code @MariaDb TestDatabase}
 * parameters of constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods, and {@code @MariaDb}
 * instance fields.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedMariaDbExtension.class)
 * class MariaCaptureIT {
 *     @Test
 *     void shouldCaptureInsert(@MariaDb TestDatabase db) throws SQLException { ... }
 * }
 * }</pre>
 */
public final class EmbeddedMariaDbExtension implements ParameterResolver, TestInstancePostProcessor {

    private static final SharedServer<EmbeddedMariaDb> SERVER =
            new SharedServer<>("MariaDB", () -> EmbeddedMariaDb.start(EmbeddedMariaDb.Options.defaults()));
    private static final DatabaseParameters DATABASES = new DatabaseParameters(EmbeddedMariaDbExtension.class,
            context -> SERVER.get(context)::createDatabase);

    /** The shared server itself, e.g. for root access or its port. */
    public static EmbeddedMariaDb server(ExtensionContext context) {
        return SERVER.get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class
                && parameterContext.isAnnotated(MariaDb.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        try {
            return DATABASES.databaseFor(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a MariaDB test database: " + e.getMessage(), e);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        DATABASES.injectFields(testInstance, context, MariaDb.class);
    }
}
