package io.strangler.router;

import java.util.List;

/**
 * Mirrors a share of the requests served by the stable side to the candidate and compares the answers. The client
 * only ever sees the stable answer.
 *
 * @param percent        share of stable-side requests mirrored, 0-100
 * @param compareHeaders response headers that must match (case-insensitive names)
 * @param ignorePaths    JSON pointers ignored in body comparison, e.g. {@code /meta/requestId}
 * @param noiseFilter    also ask the stable side a second time and ignore whatever differs between its two answers
 * @param maxBodyBytes   requests or responses larger than this are not compared
 */
public record Shadow(double percent, List<String> compareHeaders, List<String> ignorePaths, boolean noiseFilter,
        int maxBodyBytes) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public Shadow {
        RouteConfigException.require(percent >= 0 && percent <= 100, "shadow.percent", "must be in 0..100, was "
                + percent);
        compareHeaders = compareHeaders == null ? List.of() : List.copyOf(compareHeaders);
        ignorePaths = ignorePaths == null ? List.of() : List.copyOf(ignorePaths);
        for (String path : ignorePaths) {
            RouteConfigException.require(path.isEmpty() || path.startsWith("/"), "shadow.ignorePaths",
                    "'" + path + "' is not a JSON pointer (must start with '/')");
        }
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }
}
