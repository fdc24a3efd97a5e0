package io.strangler.router;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A boolean feature flag served by the router's in-process OpenFeature provider. On for a request when
 * {@code enabled} and (its targeting key is in {@code users}, or the murmur3 bucket of the key is below
 * {@code percent}).
 *
 * <pre>{@code
 * flags:
 *   new-checkout: { enabled: true, users: [alice], percent: 5 }
 * }</pre>
 */
public record FlagSpec(String key, boolean enabled, List<String> users, double percent) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public FlagSpec {
        RouteConfigException.require(key != null && KEY.matcher(key).matches(), "flags." + key,
                "key must be 1-128 letters, digits, '_', '.' or '-'");
        users = users == null ? List.of() : List.copyOf(users);
        RouteConfigException.require(percent >= 0 && percent <= 100, "flags." + key + ".percent",
                "must be in 0..100, was " + percent);
    }
}
