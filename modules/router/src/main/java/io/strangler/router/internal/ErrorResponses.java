package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The router's own answers: small JSON bodies that say which route and backend failed and why. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static FullHttpResponse create(ByteBufAllocator alloc, HttpResponseStatus status, String message,
            String route, String backend, boolean close) {
        StringBuilder json = new StringBuilder(128).append("{\"status\":").append(status.code())
                .append(",\"error\":\"").append(escape(status.reasonPhrase())).append("\",\"message\":\"")
                .append(escape(message)).append('"');
        if (route != null) {
            json.append(",\"route\":\"").append(escape(route)).append('"');
        }
        if (backend != null) {
            json.append(",\"backend\":\"").append(escape(backend)).append('"');
        }
        json.append("}\n");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf body = alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("x-strangler-error", "true");
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
