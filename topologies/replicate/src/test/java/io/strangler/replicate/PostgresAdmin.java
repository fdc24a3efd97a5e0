package io.strangler.replicate;

import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves the shared {@link EmbeddedPostgres} itself: a second database per test, and superuser grants. */
final class PostgresAdmin implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return EmbeddedPostgresExtension.server(extensionContext);
    }
}
