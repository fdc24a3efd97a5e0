package io.strangler.core.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The header {@code strangler dlq replay} puts on every record it sends again. A replayed record is one command or
 * change on its own, long after the rest of its source transaction went through: the sync and the apply sink drop its
 * transaction tag, or the sink would hold it (and its partition) for the transaction wait, awaiting parts that were
 * applied long ago.
 */
public final class ReplayedRecords {

    /** Header key; its value is the dead letter's position on the DLQ ({@code partition:offset}), for inspection. */
    public static final String HEADER = "strangler.dlq.replayed";

    private ReplayedRecords() {
    }

    public static void mark(Headers headers, String deadLetterPosition) {
        headers.add(HEADER, deadLetterPosition.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isReplayed(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }
}
