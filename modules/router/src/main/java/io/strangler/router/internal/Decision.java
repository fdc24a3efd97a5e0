package io.strangler.router.internal;

import io.strangler.router.BackendSpec;
import io.strangler.router.Side;

/**
 * Where one request goes. {@code route == null} means no route matched; {@code backend == null} with a route means
 * no healthy backend is left.
 *
 * @param reason    why this side: rolled-back, canary, flag, session, weight, fallback
 * @param setCookie Set-Cookie value to add to the response (session stickiness), or null
 * @param shadow    mirror this request to the candidate and compare
 */
public record Decision(CompiledRoute route, Side side, BackendSpec backend, String reason, String setCookie,
        boolean shadow) {

    public static final Decision NO_ROUTE = new Decision(null, null, null, "no-route", null, false);
}
