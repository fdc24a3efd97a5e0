package io.strangler.embedded.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Validation of database names and generation of passwords for created users. */
public final class DatabaseNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DatabaseNames() {
    }

    /** Names go into DDL unquoted, so only plain lower-case identifiers are accepted. */
    public static void requireValid(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + IDENTIFIER.pattern() + ", was " + name);
        }
    }

    /** 24 URL-safe characters: no quotes, so it can go into DDL literals. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
