package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "Proxy-Authenticate", "PROXY-AUTHORIZATION", "te", "Trailer",
            "Proxy-Connection", "Upgrade"})
    void shouldStripEveryHopByHopHeaderWhateverItsCase(String name) {
        HttpRequest request = request();
        request.headers().add(name, "x").add("Accept", "application/json");

        ProxyHeaders.stripHopByHop(request, false);

        assertThat(request.headers().contains(name)).isFalse();
        assertThat(request.headers().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void shouldStripTheHeadersThatConnectionNames() {
        HttpRequest request = request();
        request.headers().add("Connection", "close, X-Session-Hop").add("X-Session-Hop", "1").add("X-Kept", "2");

        ProxyHeaders.stripHopByHop(request, false);

        assertThat(request.headers().names()).containsExactlyInAnyOrder("Host", "X-Kept");
    }

    @Test
    void shouldLeaveEndToEndHeadersAloneWhenNoHopByHopHeaderIsPresent() {
        HttpRequest request = request();
        request.headers().add("X-Trace", "t").add("Content-Length", "0").add("Tea", "no: three letters, not te");

        ProxyHeaders.stripHopByHop(request, false);

        assertThat(request.headers().names()).containsExactly("Host", "X-Trace", "Content-Length", "Tea");
    }

    @Test
    void shouldKeepTheUpgradeOfAWebSocketHandshake() {
        HttpRequest request = request();
        request.headers().add("Connection", "Upgrade").add("Upgrade", "websocket");

        ProxyHeaders.stripHopByHop(request, true);

        assertThat(request.headers().get("Connection")).isEqualToIgnoringCase("upgrade");
        assertThat(request.headers().get("Upgrade")).isEqualTo("websocket");
    }

    private static HttpRequest request() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/orders/7");
        request.headers().add("Host", "shop");
        return request;
    }
}
