package io.strangler.generator.openapi;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a spec the way a consumer would read it: swagger-parser parses the text (not our object model) and
 * resolves every {@code $ref}; any message, error or warning, fails the spec. This is the generator's "strict
 * mode": swagger-parser reports warnings (unexpected attributes, unused or unresolvable references, invalid
 * values) in the same list as errors, and we accept none.
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    /** The parser's messages for {@code text} (YAML or JSON); empty when the spec is valid. */
    public static List<String> messages(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("swagger-parser could not read the document");
        } else if (!SpecBuilder.OPENAPI_VERSION.equals(result.getOpenAPI().getOpenapi())) {
            messages.add("openapi version is " + result.getOpenAPI().getOpenapi() + ", expected " + SpecBuilder.OPENAPI_VERSION);
        }
        return messages;
    }

    /**
     * Throws when the spec has a message. The JSON form is the one parsed: YAML and JSON are written by swagger-core
     * from the same object, and parsing JSON costs a fraction of parsing YAML (the tests parse both).
     */
    public static void requireValid(SpecDocuments documents) {
        requireNoMessages(messages(documents.json()));
    }

    /** Throws when {@code messages} (of {@link #messages}) is not empty. */
    public static void requireNoMessages(List<String> messages) {
        if (!messages.isEmpty()) {
            throw new IllegalStateException("the generated spec does not validate: " + String.join("; ", messages));
        }
    }
}
