package io.strangler.testsupport;

import io.strangler.embedded.EmbeddedMariaDb;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves the shared {@link EmbeddedMariaDb} itself, for the few statements only an administrator may run (triggers under binlog). */
public final class MariaDbAdmin implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedMariaDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return EmbeddedMariaDbExtension.server(extensionContext);
    }
}
