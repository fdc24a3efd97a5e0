package io.strangler.router;

/** Bad route, backend or flag configuration; the message names the field (and file/line when read from a file). */
public class RouteConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RouteConfigException(String message) {
        super(message);
    }

    public RouteConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new RouteConfigException(field + ": " + problem);
        }
    }
}
