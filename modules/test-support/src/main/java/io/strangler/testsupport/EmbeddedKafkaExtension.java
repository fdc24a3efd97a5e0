package io.strangler.testsupport;

import io.strangler.embedded.EmbeddedKafka;
import io.strangler.testsupport.internal.ClassScope;
import io.strangler.testsupport.internal.SharedServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * JUnit 5 extension: one in-process KRaft Kafka broker per JVM, handed to each test class as a {@link TestKafka}
 * whose {@link TestKafka#uniqueTopic} names never collide with other classes (safe for parallel classes).
 * Resolves {@code TestKafka} parameters of constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class SyncIT {
 *     @Test
 *     void shouldForwardChange(TestKafka kafka) {
 *         String topic = kafka.uniqueTopic("orders");
 *         kafka.createTopic(topic, 1, Map.of());
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

    private static final SharedServer<EmbeddedKafka> SERVER =
            new SharedServer<>("Kafka", () -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults()));
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    /** The shared broker itself. */
    public static EmbeddedKafka server(ExtensionContext context) {
        return SERVER.get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        try {
            EmbeddedKafka kafka = SERVER.get(extensionContext);
            ExtensionContext classContext = ClassScope.classContext(extensionContext);
            String scope = classContext.getTestClass().map(Class::getSimpleName).orElse("test");
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("kafka",
                    key -> new ClassKafka(kafka, scope), ClassKafka.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static final class ClassKafka implements TestKafka {
        private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

        private final EmbeddedKafka kafka;
        private final String scope;

        ClassKafka(EmbeddedKafka kafka, String scope) {
            this.kafka = kafka;
            this.scope = scope;
        }

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public String uniqueTopic(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!LEGAL.matcher(prefix).matches()) {
                throw new IllegalArgumentException("topic prefix must match " + LEGAL.pattern() + ", was " + prefix);
            }
            return prefix + "-" + scope + "-" + ClassScope.next();
        }

        @Override
        public void createTopic(String name, int partitions, Map<String, String> configs) {
            kafka.createTopic(name, partitions, configs);
        }

        @Override
        public Map<String, Object> clientProperties() {
            return Map.of("bootstrap.servers", kafka.bootstrapServers());
        }
    }
}
