package io.strangler.generator;

import io.strangler.generator.naming.Identifiers;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to generate.
 *
 * @param basePackage the generated project's Java package; {@link #defaults} derives {@code com.example.<service>}
 */
public record GeneratorOptions(String basePackage) {

    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public GeneratorOptions {
        Objects.requireNonNull(basePackage, "basePackage");
        if (!PACKAGE.matcher(basePackage).matches()
                || java.util.Arrays.stream(basePackage.split("\\.")).anyMatch(Identifiers.JAVA_KEYWORDS::contains)) {
            throw new IllegalArgumentException("basePackage '" + basePackage
                    + "' is not a lower-case Java package name such as com.example.orders");
        }
    }

    public static GeneratorOptions defaults(String service) {
        String segment = String.join("", Identifiers.words(service));
        if (segment.isEmpty() || !Character.isLetter(segment.charAt(0)) || Identifiers.JAVA_KEYWORDS.contains(segment)) {
            segment = "service" + segment;
        }
        return new GeneratorOptions("com.example." + segment);
    }
}
