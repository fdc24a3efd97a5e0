package io.strangler.testsupport.internal;

import io.strangler.embedded.DatabaseInfo;
import io.strangler.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Function;

/** Resolves one fresh {@link TestDatabase} per test class and injects annotated instance fields. */
public final class DatabaseParameters {

    private final ExtensionContext.Namespace namespace;
    private final Function<ExtensionContext, Function<String, DatabaseInfo>> creator;

    /**
     * @param creator given the current context, returns a function creating a database by name on the shared server
     */
    public DatabaseParameters(Class<?> owner, Function<ExtensionContext, Function<String, DatabaseInfo>> creator) {
        this.namespace = ExtensionContext.Namespace.create(owner);
        this.creator = creator;
    }

    public TestDatabase databaseFor(ExtensionContext context) {
        ExtensionContext classContext = ClassScope.classContext(context);
        return classContext.getStore(namespace).getOrComputeIfAbsent("database", key -> {
            DatabaseInfo info = creator.apply(context).apply(ClassScope.uniqueDatabaseName(classContext));
            return new TestDatabase(info.engine(), info.host(), info.port(), info.database(), info.user(),
                    info.password());
        }, TestDatabase.class);
    }

    /** Sets non-static {@code TestDatabase} fields carrying {@code marker}. */
    public void injectFields(Object testInstance, ExtensionContext context, Class<? extends Annotation> marker)
            throws IllegalAccessException {
        for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(marker) && field.getType() == TestDatabase.class
                        && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(testInstance, databaseFor(context));
                }
            }
        }
    }
}
