package io.strangler.generator.naming;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns any database name (reserved words, quoted mixed case, spaces, dashes, non-ASCII) into the words of a Java
 * identifier or a URL path segment. Accents are dropped ({@code Bestellpositionen_Größe} → bestellpositionen, grosse);
 * characters without an ASCII base become {@code u<hex>} words so that two different names never meet by
 * losing their letters. The output is ASCII only: it must be a clean path and portable source.
 */
public final class Identifiers {

    /** Java keywords, literals and restricted identifiers: never a variable name. */
    public static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "when", "module", "open",
            "exports", "requires", "to", "with", "uses", "provides", "opens", "transitive");

    private Identifiers() {
    }

    /** The words of {@code name}, lower case, split at non-alphanumerics and camel-case humps. */
    public static List<String> words(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replace("ß", "ss");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int previous = 0;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            boolean ascii = c < 128 && Character.isLetterOrDigit(c);
            if (ascii) {
                boolean hump = Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous));
                if (hump && word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                word.append((char) Character.toLowerCase(c));
            } else {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (Character.isLetterOrDigit(c)) {
                    words.add("u" + Integer.toHexString(c));
                }
            }
            previous = c;
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code order_items} → {@code OrderItems}; {@code fallback} when nothing usable is left. */
    public static String pascal(String name, String fallback) {
        StringBuilder text = new StringBuilder();
        for (String word : words(name)) {
            text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        String result = text.length() == 0 ? fallback : text.toString();
        return Character.isDigit(result.charAt(0)) ? "T" + result : result;
    }

    /** {@code customer_id} → {@code customerId}. */
    public static String camel(String name, String fallback) {
        List<String> words = words(name);
        if (words.isEmpty()) {
            return fallback;
        }
        StringBuilder text = new StringBuilder(words.get(0));
        for (String word : words.subList(1, words.size())) {
            text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return Character.isDigit(text.charAt(0)) ? "n" + text : text.toString();
    }

    /** {@code Order Items} → {@code order-items}. */
    public static String kebab(String name, String fallback) {
        List<String> words = words(name);
        return words.isEmpty() ? fallback : String.join("-", words);
    }

    /** {@code customerId} → {@code CUSTOMER_ID}. */
    public static String upperSnake(String camel) {
        return String.join("_", words(camel)).toUpperCase(Locale.ROOT);
    }
}
