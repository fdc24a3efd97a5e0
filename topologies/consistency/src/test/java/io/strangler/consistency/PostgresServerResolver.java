package io.strangler.consistency;

import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves the shared embedded PostgreSQL server itself, so a test class can create a second database on it. */
public final class PostgresServerResolver implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return EmbeddedPostgresExtension.server(extensionContext);
    }
}
