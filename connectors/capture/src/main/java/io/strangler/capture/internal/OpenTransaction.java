package io.strangler.capture.internal;

import io.strangler.schemas.ChangeOrigin;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The transaction open at a batch boundary of the change log, with its origin once known. Capture keeps the latest one
 * per source on a compacted topic so that an engine run resuming in the middle of that transaction (it does not see
 * the BEGIN again) can still tag the rest of it.
 *
 * <p>Encoded as UTF-8 text {@code <APPLY|LOCAL|PENDING> <transaction id>}.
 *
 * @param transactionId the source's transaction id, as on every RowChange of the transaction
 * @param origin        APPLY or LOCAL once the first change decided it; null while only the BEGIN was seen
 */
public record OpenTransaction(String transactionId, ChangeOrigin origin) {

    private static final String PENDING = "PENDING";

    public OpenTransaction {
        Objects.requireNonNull(transactionId, "transactionId");
    }

    public byte[] encode() {
        return ((origin == null ? PENDING : origin.name()) + " " + transactionId).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException quoting the text when it is not an encoding of this record */
    public static OpenTransaction decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            throw new IllegalArgumentException("not an open-transaction record: '" + text + "'");
        }
        String state = text.substring(0, space);
        String id = text.substring(space + 1);
        if (state.equals(PENDING)) {
            return new OpenTransaction(id, null);
        }
        try {
            return new OpenTransaction(id, ChangeOrigin.valueOf(state));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an open-transaction record: '" + text + "'", e);
        }
    }
}
